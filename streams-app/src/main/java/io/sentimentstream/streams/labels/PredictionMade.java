package io.sentimentstream.streams.labels;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.streams.topology.ScoreOutcome;
import io.sentimentstream.streams.topology.ScoringResult;
import java.util.Objects;

/**
 * What the evaluation keeps of one prediction while it waits for its label: the champion's, and
 * the challenger's for the same review while one runs, so a label joined later counts for both.
 *
 * @param model         the model that made it
 * @param sentiment     the prediction
 * @param probability   the positive probability
 * @param eventLabel    the label the review itself carried, or {@code null}
 * @param tokens        tokens the model read
 * @param unknownTokens of them, unknown to its vocabulary
 * @param agree         a challenger's prediction: whether it is the champion's too; {@code null} for
 *                      the champion's (entries stored before challengers were joined read as such)
 */
public record PredictionMade(ModelRef model, Sentiment sentiment, double probability, Sentiment eventLabel,
                             int tokens, int unknownTokens, Boolean agree) {

    /** Checks the parts. */
    public PredictionMade {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sentiment, "sentiment");
    }

    /** The prediction of a scored review that read {@code tokens} tokens, {@code unknownTokens} unknown. */
    public static PredictionMade of(ScoredReview review, int tokens, int unknownTokens) {
        return new PredictionMade(review.model(), review.sentiment(), review.probability(), review.label(), tokens,
                unknownTokens, null);
    }

    /** The challenger's prediction for a review the champion scored. */
    public static PredictionMade of(ScoringResult.Compared compared) {
        return new PredictionMade(compared.challenger(), compared.sentiment(),
                compared.comparison().challenger().probability(), compared.label(), compared.tokens(),
                compared.unknownTokens(), compared.comparison().agree());
    }

    /** What the metrics count of it when it is made (with the label the review carried, if any). */
    public ScoreOutcome outcome() {
        return new ScoreOutcome(model, sentiment, eventLabel, probability, false, tokens, unknownTokens, 0, agree);
    }
}
