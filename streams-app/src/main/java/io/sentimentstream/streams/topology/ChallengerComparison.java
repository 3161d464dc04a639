package io.sentimentstream.streams.topology;

/**
 * What the champion and the challenger said about one review, written to {@code reviews-challenger}.
 *
 * @param id                       the review id
 * @param champion                 the champion's verdict (the one written to {@code reviews-scored})
 * @param challenger               the challenger's verdict
 * @param agree                    whether both predicted the same sentiment
 * @param label                    the true label the review carried ({@code pos}/{@code neg}), {@code null} without one
 * @param challengerNanosPerReview the challenger's scoring time over its batch, per review
 */
public record ChallengerComparison(String id, Verdict champion, Verdict challenger, boolean agree, String label,
                                   long challengerNanosPerReview) {

    /**
     * One model's verdict.
     *
     * @param model       name@version
     * @param label       the predicted sentiment, {@code pos} or {@code neg}
     * @param probability probability that the review is positive
     */
    public record Verdict(String model, String label, double probability) {
    }
}
