package io.sentimentstream.streams.topology;

import io.sentimentstream.core.event.ScoredReview;

/**
 * Told of every review the moment it is scored, with its text (the scored output carries none).
 * Called on the stream thread before the transaction commits: an implementation must be quick and
 * must not throw, and after a crash it may hear of a review again when the review is rescored.
 */
@FunctionalInterface
public interface ScoredReviewListener {

    /** Hears nothing. */
    ScoredReviewListener NONE = (review, text) -> { };

    /**
     * A review was scored.
     *
     * @param review the result written to the scored topic
     * @param text   the text the model read (cut to the model's window)
     */
    void scored(ScoredReview review, String text);
}
