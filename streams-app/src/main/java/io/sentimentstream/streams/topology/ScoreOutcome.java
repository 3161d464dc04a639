package io.sentimentstream.streams.topology;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.event.ScoredReview;

/**
 * What the metrics need of a scored review; the value of the internal repartition topic that
 * brings every partition's outcomes to the single metrics task.
 *
 * @param model       the model that scored it
 * @param sentiment   the prediction
 * @param label       the known sentiment, or {@code null}
 * @param probability the positive probability
 */
public record ScoreOutcome(ModelRef model, Sentiment sentiment, Sentiment label, double probability) {

    /** The outcome of a scored review. */
    public static ScoreOutcome of(ScoredReview scored) {
        return new ScoreOutcome(scored.model(), scored.sentiment(), scored.label(), scored.probability());
    }
}
