package io.sentimentstream.streams.labels;

import java.util.List;

/**
 * The predictions made for one review id at one record timestamp (usually one; more when the same
 * review was scored again or by more than one model).
 *
 * @param predictions the predictions, oldest first
 */
public record StoredPredictions(List<PredictionMade> predictions) {

    /** Predictions kept per review id and timestamp at most; a review sent more often counts its first ones. */
    static final int MAX = 16;

    /** Freezes the list. */
    public StoredPredictions {
        predictions = List.copyOf(predictions);
    }
}
