package io.sentimentstream.streams.topology;

import io.sentimentstream.core.event.RejectionReason;

/** What the validator makes of an input record: a review to score, or a dead letter. */
public sealed interface ValidationResult {

    /**
     * A valid review.
     *
     * @param review the encoded review
     */
    record Accepted(PendingReview review) implements ValidationResult {
    }

    /**
     * Bad input, to be written to the dead-letter topic unchanged (the record's headers say why).
     *
     * @param originalValue the value exactly as read
     * @param reason        why it was rejected
     */
    record Rejected(byte[] originalValue, RejectionReason reason) implements ValidationResult {
    }
}
