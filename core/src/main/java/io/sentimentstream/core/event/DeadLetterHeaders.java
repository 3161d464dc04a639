package io.sentimentstream.core.event;

/**
 * Header names added to a dead letter, beside the original key, value and headers. The error
 * headers use the names Kafka Streams' own dead-letter records use (KIP-1034), so one reader
 * handles records dead-lettered by this application and by Kafka Streams' exception handlers.
 * Every value is a UTF-8 string (partition and offset in decimal).
 */
public final class DeadLetterHeaders {

    /** Fully qualified class name of the exception. */
    public static final String EXCEPTION = "__streams.errors.exception";
    /** The exception's message: what is wrong with the record. */
    public static final String MESSAGE = "__streams.errors.message";
    /** The stack trace, only where a real exception (not bad input) caused the dead letter. */
    public static final String STACKTRACE = "__streams.errors.stacktrace";
    /** Topic the record was read from. */
    public static final String TOPIC = "__streams.errors.topic";
    /** Partition the record was read from. */
    public static final String PARTITION = "__streams.errors.partition";
    /** Offset the record was read at. */
    public static final String OFFSET = "__streams.errors.offset";
    /** The {@link RejectionReason} name. */
    public static final String REASON = "sentiment.errors.reason";

    private DeadLetterHeaders() {
    }
}
