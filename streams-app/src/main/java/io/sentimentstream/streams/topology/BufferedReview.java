package io.sentimentstream.streams.topology;

import java.util.Objects;

/**
 * One entry of the micro-batch buffer store: a pending review with the key and timestamp its
 * scored result will carry.
 *
 * @param key         the input record's key (may be {@code null})
 * @param timestampMs the input record's timestamp
 * @param review      the pending review
 */
public record BufferedReview(byte[] key, long timestampMs, PendingReview review) {

    /** Checks the parts. */
    public BufferedReview {
        Objects.requireNonNull(review, "review");
    }
}
