package io.sentimentstream.streams.topology;

import io.sentimentstream.core.event.ReviewEvent;
import java.util.Objects;

/**
 * A valid review, encoded and waiting to be scored. The text is kept beside its encoding so that
 * a review buffered across a restart with another model is encoded again with that model's
 * settings rather than scored with the wrong vocabulary.
 *
 * @param event        the parsed review
 * @param encoded      its token ids under the model {@code encodedBy}
 * @param encodedBy    {@code name@version} of the model that encoded it
 * @param receivedAtMs wall-clock time the application read it
 */
public record PendingReview(ReviewEvent event, int[] encoded, String encodedBy, long receivedAtMs) {

    /** Checks the parts. */
    public PendingReview {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(encoded, "encoded");
        Objects.requireNonNull(encodedBy, "encodedBy");
    }
}
