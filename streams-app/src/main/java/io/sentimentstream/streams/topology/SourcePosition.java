package io.sentimentstream.streams.topology;

/**
 * Where an input record was read: enough to find it again in the input topic (for its
 * retention), which is what a dead letter too large to carry the record points to.
 *
 * @param topic     the topic
 * @param partition the partition
 * @param offset    the offset
 */
public record SourcePosition(String topic, int partition, long offset) {

    /** Used where Kafka Streams does not know the position (e.g. a punctuation). */
    public static final SourcePosition UNKNOWN = new SourcePosition("", -1, -1);
}
