package io.sentimentstream.streams.topology;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Where the exception handlers write dead letters and how large one may be, read from the
 * Streams properties they are configured with.
 *
 * @param topic          the dead-letter topic, or {@code null} when none is configured
 * @param maxRecordBytes the largest record the application writes
 */
public record DeadLetterTarget(String topic, int maxRecordBytes) {

    /** Setting (passed through the Streams properties) with the largest record the application writes. */
    public static final String MAX_RECORD_BYTES_CONFIG = "sentiment.max.record.bytes";

    /** Reads the target from the handlers' configuration. */
    public static DeadLetterTarget from(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        Object limit = configs.get(MAX_RECORD_BYTES_CONFIG);
        return new DeadLetterTarget(topic == null ? null : topic.toString(),
                limit == null ? 1 << 20 : Integer.parseInt(limit.toString()));
    }
}
