package io.sentimentstream.streams.topology;

import io.sentimentstream.core.event.DeadLetterHeaders;
import io.sentimentstream.core.event.RejectionReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the headers that say why a record is a dead letter (see {@link DeadLetterHeaders}). */
final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * The original headers plus the reason and where the record came from.
     *
     * @param original   the record's own headers (copied, not changed)
     * @param reason     the machine-readable cause
     * @param error      the exception that says what is wrong
     * @param stackTrace whether to add the stack trace (for failures, not for plain bad input)
     * @param topic      source topic, or {@code null} when unknown
     * @param partition  source partition, or -1
     * @param offset     source offset, or -1
     */
    static Headers headers(Headers original, RejectionReason reason, Throwable error, boolean stackTrace,
                           String topic, int partition, long offset) {
        Headers headers = new RecordHeaders(original == null ? new org.apache.kafka.common.header.Header[0]
                : original.toArray());
        put(headers, DeadLetterHeaders.EXCEPTION, error.getClass().getName());
        put(headers, DeadLetterHeaders.MESSAGE, String.valueOf(error.getMessage()));
        if (stackTrace) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            put(headers, DeadLetterHeaders.STACKTRACE, trace.toString());
        }
        if (topic != null) {
            put(headers, DeadLetterHeaders.TOPIC, topic);
            put(headers, DeadLetterHeaders.PARTITION, String.valueOf(partition));
            put(headers, DeadLetterHeaders.OFFSET, String.valueOf(offset));
        }
        put(headers, DeadLetterHeaders.REASON, reason.name());
        return headers;
    }

    private static void put(Headers headers, String name, String value) {
        // A replayed dead letter may already carry these headers: keep only the latest reason.
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
