package io.sentimentstream.streams.labels;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.event.ScoredReview;
import java.util.Objects;

/**
 * What the evaluation keeps of one prediction while it waits for its label.
 *
 * @param model         the model that made it
 * @param sentiment     the prediction
 * @param probability   the positive probability
 * @param eventLabel    the label the review itself carried, or {@code null}
 * @param tokens        tokens the model read
 * @param unknownTokens of them, unknown to its vocabulary
 */
public record PredictionMade(ModelRef model, Sentiment sentiment, double probability, Sentiment eventLabel,
                             int tokens, int unknownTokens) {

    /** Checks the parts. */
    public PredictionMade {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sentiment, "sentiment");
    }

    /** The prediction of a scored review that read {@code tokens} tokens, {@code unknownTokens} unknown. */
    public static PredictionMade of(ScoredReview review, int tokens, int unknownTokens) {
        return new PredictionMade(review.model(), review.sentiment(), review.probability(), review.label(), tokens,
                unknownTokens);
    }
}
