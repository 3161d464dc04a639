package io.sentimentstream.streams.topology;

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
     * Bad input, to be written to the dead-letter topic: the original record with headers saying
     * why, or a pointer to it when it is too large (see {@link DeadLetter}).
     *
     * @param deadLetter what to write
     */
    record Rejected(DeadLetter deadLetter) implements ValidationResult {
    }
}
