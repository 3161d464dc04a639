package io.sentimentstream.streams.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentimentstream.core.event.DeadLetterHeaders;
import io.sentimentstream.core.event.EventJson;
import io.sentimentstream.core.event.RejectionReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record for the dead-letter topic: the original key, value and headers plus headers that say
 * why (see {@link DeadLetterHeaders}) — or, when the original would not fit one record, a
 * <em>pointer</em>: a small JSON value naming where the original is (topic, partition, offset),
 * its size, the reason and its first {@value #PREFIX_BYTES} bytes. Writing a dead letter can
 * therefore never be what fails.
 *
 * @param key     the key to write
 * @param value   the value to write
 * @param headers the headers to write
 */
public record DeadLetter(byte[] key, byte[] value, Headers headers) {

    /** Header set to {@code true} on a pointer, whose value describes the original instead of being it. */
    public static final String POINTER_HEADER = "sentiment.errors.pointer";
    /** How much of the original value a pointer shows. */
    public static final int PREFIX_BYTES = 1024;
    /** Room kept for the reason headers (message and stack trace are cut to fit it). */
    public static final int HEADER_RESERVE_BYTES = 16 * 1024;

    private static final int MAX_MESSAGE_CHARS = 1024;
    private static final int MAX_STACK_TRACE_CHARS = 8 * 1024;

    /**
     * The dead letter of one input record.
     *
     * @param key            the original key (may be {@code null})
     * @param value          the original value (may be {@code null})
     * @param original       the original headers (copied, not changed)
     * @param reason         the machine-readable cause
     * @param error          what is wrong
     * @param stackTrace     whether to add the stack trace (for failures, not for bad input)
     * @param source         where the record was read
     * @param maxRecordBytes the largest record the dead-letter topic takes
     */
    public static DeadLetter of(byte[] key, byte[] value, Headers original, RejectionReason reason, Throwable error,
                                boolean stackTrace, SourcePosition source, int maxRecordBytes) {
        Headers why = reasonHeaders(reason, error, stackTrace, source);
        long size = length(key) + length(value) + sizeOf(original) + HEADER_RESERVE_BYTES
                + RecordBudget.RECORD_OVERHEAD_BYTES;
        if (size <= maxRecordBytes) {
            Headers headers = new RecordHeaders(original == null ? new Header[0] : original.toArray());
            why.forEach(header -> put(headers, header.key(), header.value()));
            return new DeadLetter(key, value, headers);
        }
        return pointer(length(key) <= maxRecordBytes / 4 ? key : null, value, why, reason, error, source);
    }

    /**
     * A pointer to a record whose value is not to be written (too large, or the cause of the
     * failure), with the reason headers only.
     *
     * @param key    the key to write (may be {@code null})
     * @param value  the original value, of which the pointer shows the size and a prefix
     * @param reason the machine-readable cause
     * @param error  what is wrong
     * @param source where the record was read or was going
     */
    public static DeadLetter pointer(byte[] key, byte[] value, RejectionReason reason, Throwable error,
                                     SourcePosition source) {
        return pointer(key, value, reasonHeaders(reason, error, false, source), reason, error, source);
    }

    private static DeadLetter pointer(byte[] key, byte[] value, Headers why, RejectionReason reason, Throwable error,
                                      SourcePosition source) {
        put(why, POINTER_HEADER, "true".getBytes(StandardCharsets.UTF_8));
        return new DeadLetter(key, pointerValue(value, reason, error, source), why);
    }

    /** This dead letter as a record for {@code topic} (for the exception handlers). */
    public ProducerRecord<byte[], byte[]> toProducerRecord(String topic, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, key, value, headers);
    }

    /** Whether this is a pointer rather than the original record. */
    public boolean isPointer() {
        return headers.lastHeader(POINTER_HEADER) != null;
    }

    private static byte[] pointerValue(byte[] value, RejectionReason reason, Throwable error,
                                       SourcePosition source) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("pointer", true);
        node.put("reason", reason.name());
        node.put("message", abbreviate(String.valueOf(error.getMessage()), MAX_MESSAGE_CHARS));
        node.put("topic", source.topic());
        node.put("partition", source.partition());
        node.put("offset", source.offset());
        node.put("size", length(value));
        if (value != null) {
            node.put("prefix", lossyUtf8(value, PREFIX_BYTES));
        }
        try {
            return EventJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private static Headers reasonHeaders(RejectionReason reason, Throwable error, boolean stackTrace,
                                         SourcePosition source) {
        Headers headers = new RecordHeaders();
        put(headers, DeadLetterHeaders.EXCEPTION, utf8(error.getClass().getName()));
        put(headers, DeadLetterHeaders.MESSAGE, utf8(abbreviate(String.valueOf(error.getMessage()), MAX_MESSAGE_CHARS)));
        if (stackTrace) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            put(headers, DeadLetterHeaders.STACKTRACE, utf8(abbreviate(trace.toString(), MAX_STACK_TRACE_CHARS)));
        }
        if (source.partition() >= 0) {
            put(headers, DeadLetterHeaders.TOPIC, utf8(source.topic()));
            put(headers, DeadLetterHeaders.PARTITION, utf8(String.valueOf(source.partition())));
            put(headers, DeadLetterHeaders.OFFSET, utf8(String.valueOf(source.offset())));
        }
        put(headers, DeadLetterHeaders.REASON, utf8(reason.name()));
        return headers;
    }

    private static void put(Headers headers, String name, byte[] value) {
        // A replayed dead letter may already carry these headers: keep only the latest reason.
        headers.remove(name);
        headers.add(name, value);
    }

    private static long sizeOf(Headers headers) {
        long size = 0;
        if (headers != null) {
            for (Header header : headers) {
                size += header.key().length() * 3L + length(header.value()) + 8;
            }
        }
        return size;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** At most {@code max} characters; a surrogate pair on the cut is not split. */
    static String abbreviate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 3;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    private static String lossyUtf8(byte[] value, int maxBytes) {
        // new String replaces malformed input (a cut character included) instead of failing.
        return new String(value, 0, Math.min(value.length, maxBytes), StandardCharsets.UTF_8);
    }
}
