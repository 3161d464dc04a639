package io.sentimentstream.streams.scoring;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.ModelRef;
import java.util.List;

/**
 * What the topology needs from a model: encode one review, score a batch in one call. One
 * instance per stream thread, because models are not thread-safe.
 */
public interface ReviewScorer {

    /** The model's name and version, written with every score. */
    ModelRef model();

    /** Normalises and encodes a review with the model's own settings. */
    int[] encode(String text);

    /**
     * The part of a review's text that {@link #encode} reads (all of it unless the model says
     * otherwise); the rest is never normalised nor stored.
     */
    default String window(String text) {
        return text;
    }

    /** Scores a batch of encoded reviews in one network call, in input order. */
    List<Score> score(List<int[]> encoded);

    /**
     * One review's verdict.
     *
     * @param sentiment   the predicted sentiment
     * @param probability probability that the review is positive
     */
    record Score(Sentiment sentiment, double probability) {
    }
}
