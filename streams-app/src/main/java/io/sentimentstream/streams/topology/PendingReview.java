package io.sentimentstream.streams.topology;

import io.sentimentstream.core.event.ReviewEvent;
import java.util.Objects;

/**
 * A valid review, encoded and waiting to be scored. Its text is only the part the model reads
 * (the scorer's window), kept beside its encoding so that a review buffered across a restart with
 * another model is encoded again with that model's settings rather than scored with the wrong
 * vocabulary.
 *
 * @param event        the parsed review, its text cut to the model's window
 * @param encoded      its token ids under the model {@code encodedBy}
 * @param encodedBy    {@code name@version} of the model that encoded it
 * @param receivedAtMs wall-clock time the application read it
 * @param source       where it was read ({@link SourcePosition#UNKNOWN} for entries buffered by an
 *                     older version)
 */
public record PendingReview(ReviewEvent event, int[] encoded, String encodedBy, long receivedAtMs,
                            SourcePosition source) {

    /** Checks the parts. */
    public PendingReview {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(encoded, "encoded");
        Objects.requireNonNull(encodedBy, "encodedBy");
        source = source == null ? SourcePosition.UNKNOWN : source;
    }
}
