package io.sentimentstream.streams.labels;

/**
 * The value of the internal topic that brings predictions and labels of one review id to the same
 * task: exactly one of the two is set.
 *
 * @param prediction a prediction, or {@code null}
 * @param label      a label, or {@code null}
 */
public record EvaluationInput(PredictionMade prediction, LabelArrival label) {

    /** Checks that exactly one part is set. */
    public EvaluationInput {
        if ((prediction == null) == (label == null)) {
            throw new IllegalArgumentException("an evaluation input is a prediction or a label");
        }
    }

    /** A prediction. */
    public static EvaluationInput of(PredictionMade prediction) {
        return new EvaluationInput(prediction, null);
    }

    /** A label. */
    public static EvaluationInput of(LabelArrival label) {
        return new EvaluationInput(null, label);
    }
}
