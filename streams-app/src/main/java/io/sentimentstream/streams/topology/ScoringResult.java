package io.sentimentstream.streams.topology;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.ModelRef;

import io.sentimentstream.core.event.ScoredReview;

/**
 * What the micro-batch scorer makes of a buffered review: a score, or a dead letter; and, while a
 * challenger runs, a comparison of the champion's and the challenger's verdicts.
 */
public sealed interface ScoringResult {

    /**
     * The review was scored.
     *
     * @param review        the scored review
     * @param tokens        tokens the model read
     * @param unknownTokens of those, tokens unknown to its vocabulary (for drift)
     */
    record Scored(ScoredReview review, int tokens, int unknownTokens) implements ScoringResult {
    }

    /**
     * The model failed on this review (the rest of its batch was scored).
     *
     * @param deadLetter what to write to the dead-letter topic
     */
    record Failed(DeadLetter deadLetter) implements ScoringResult {
    }

    /**
     * The challenger scored the review too (never written to the scored topic).
     *
     * @param comparison    the two verdicts
     * @param challenger    the challenger
     * @param tokens        tokens the challenger read
     * @param unknownTokens of those, tokens unknown to its vocabulary (for its drift)
     */
    record Compared(ChallengerComparison comparison, ModelRef challenger, int tokens, int unknownTokens)
            implements ScoringResult {

        /** The challenger's prediction. */
        public Sentiment sentiment() {
            return Sentiment.parse(comparison.challenger().label()).orElseThrow();
        }

        /** The label the review carried, or {@code null}. */
        public Sentiment label() {
            return comparison.label() == null ? null : Sentiment.parse(comparison.label()).orElseThrow();
        }
    }
}
