package io.sentimentstream.streams.topology;

import io.sentimentstream.core.event.ReviewLimits;
import java.util.Objects;

/**
 * What one accepted review can cost in every record the application writes for it, against the
 * largest record the application may write. {@link #verify()} proves at start-up that the review
 * limits fit: a review that passes validation can then never produce a record the producer or a
 * topic refuses (which, under exactly-once, would fail the transaction and stop the application).
 *
 * @param limits         the review budget, checked by the validator
 * @param maxRecordBytes the largest record the application writes: the producer's
 *                       {@code max.request.size} or a topic's {@code max.message.bytes}, if lower
 * @param windowChars    most characters of text the model reads (and the buffer keeps)
 * @param maxTokens      most token ids of one encoded review
 * @param modelChars     length of the model's {@code name@version}
 */
public record RecordBudget(ReviewLimits limits, int maxRecordBytes, int windowChars, int maxTokens, int modelChars) {

    /** Record framing, batch header and headers Kafka adds, kept free in every record. */
    public static final int RECORD_OVERHEAD_BYTES = 1024;
    /** Longest topic name Kafka allows. */
    static final int MAX_TOPIC_CHARS = 249;
    /** The fixed fields of a scored review (sentiment, probability, label, model, time, latency). */
    private static final int SCORED_FIXED_BYTES = 512;
    /** JSON escapes a character in at most 6 bytes ({@code \}{@code u0001}). */
    private static final int JSON_BYTES_PER_CHAR = 6;

    /** Checks the parts. */
    public RecordBudget {
        Objects.requireNonNull(limits, "limits");
        if (maxRecordBytes < 1 || windowChars < 1 || maxTokens < 1 || modelChars < 1) {
            throw new IllegalArgumentException("record budget sizes must be positive");
        }
    }

    /** The largest micro-batch buffer (changelog) record of an accepted review. */
    public long bufferEntryBytes() {
        return Long.BYTES + BufferedReviewSerde.maxBytes(limits.maxKeyBytes(), limits.maxIdChars(), windowChars,
                modelChars, maxTokens, limits.maxCarriedBytes(), MAX_TOPIC_CHARS) + RECORD_OVERHEAD_BYTES;
    }

    /** The largest {@code reviews-scored} record of an accepted review. */
    public long scoredBytes() {
        return limits.maxKeyBytes() + (long) JSON_BYTES_PER_CHAR * (limits.maxIdChars() + modelChars)
                + limits.maxCarriedBytes() + SCORED_FIXED_BYTES + RECORD_OVERHEAD_BYTES;
    }

    /** The largest dead letter of a review the model failed on (the review as JSON, cut to its window). */
    public long failedScoreBytes() {
        return limits.maxKeyBytes() + (long) JSON_BYTES_PER_CHAR * (limits.maxIdChars() + windowChars)
                + limits.maxCarriedBytes() + DeadLetter.HEADER_RESERVE_BYTES + RECORD_OVERHEAD_BYTES;
    }

    /**
     * Fails unless every record written for an accepted review fits {@link #maxRecordBytes()}.
     *
     * @throws IllegalArgumentException naming the record that would not fit and by how much
     */
    public RecordBudget verify() {
        check("a micro-batch buffer entry", bufferEntryBytes());
        check("a scored review", scoredBytes());
        check("the dead letter of a review the model failed on", failedScoreBytes());
        return this;
    }

    private void check(String what, long bytes) {
        if (bytes > maxRecordBytes) {
            throw new IllegalArgumentException("the review limits allow " + what + " of " + bytes
                    + " bytes, more than the " + maxRecordBytes + " bytes a record may have (the producer's"
                    + " max.request.size or a topic's max.message.bytes): lower review.max.key.bytes,"
                    + " review.max.id.chars or review.max.fields.bytes, or raise the record limit");
        }
    }
}
