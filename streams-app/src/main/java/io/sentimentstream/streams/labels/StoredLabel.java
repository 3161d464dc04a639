package io.sentimentstream.streams.labels;

import java.util.Objects;

/**
 * A label in the join store: waiting for its review ({@code joined == false}), or joined and
 * kept for the horizon so that a second label for the same review is recognised as a duplicate
 * and a later prediction for it (another model, a review sent again) gets the same truth.
 *
 * @param label  the label
 * @param joined whether a prediction has counted it
 */
public record StoredLabel(LabelArrival label, boolean joined) {

    /** Checks the parts. */
    public StoredLabel {
        Objects.requireNonNull(label, "label");
    }
}
