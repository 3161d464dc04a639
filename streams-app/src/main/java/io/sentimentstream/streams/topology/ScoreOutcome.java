package io.sentimentstream.streams.topology;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.event.ScoredReview;

/**
 * What the metrics need of a scored review, or of a label joined with a prediction later; the
 * value of the internal repartition topic that brings every partition's outcomes to the single
 * metrics task. Its record timestamp is always the review's, so both kinds count in the window
 * of the review's scoring time.
 *
 * @param model         the model that scored it
 * @param sentiment     the prediction
 * @param label         the known sentiment, or {@code null}
 * @param probability   the positive probability
 * @param joinedLater   false: a scored review (counted, with the label it carried if any); true:
 *                      a label from the labels topic for a review counted before (only the label
 *                      counts now)
 * @param tokens        tokens the model read (scored reviews)
 * @param unknownTokens of those, tokens unknown to the vocabulary
 * @param labelDelayMs  how long after the review the label came (labels joined later; 0 when it
 *                      came first)
 * @param agree         a challenger's scored review: whether it predicted what the champion did;
 *                      {@code null} for the champion's (and for labels joined later)
 */
public record ScoreOutcome(ModelRef model, Sentiment sentiment, Sentiment label, double probability,
                           boolean joinedLater, int tokens, int unknownTokens, long labelDelayMs, Boolean agree) {

    /** An outcome of the champion (or of a label joined later). */
    public ScoreOutcome(ModelRef model, Sentiment sentiment, Sentiment label, double probability,
                        boolean joinedLater, int tokens, int unknownTokens, long labelDelayMs) {
        this(model, sentiment, label, probability, joinedLater, tokens, unknownTokens, labelDelayMs, null);
    }

    /** A scored review without drift figures. */
    public ScoreOutcome(ModelRef model, Sentiment sentiment, Sentiment label, double probability) {
        this(model, sentiment, label, probability, false, 0, 0, 0);
    }

    /** The outcome of a scored review. */
    public static ScoreOutcome of(ScoredReview scored) {
        return new ScoreOutcome(scored.model(), scored.sentiment(), scored.label(), scored.probability());
    }
}
