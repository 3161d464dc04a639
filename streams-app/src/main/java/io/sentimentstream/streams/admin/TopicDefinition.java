package io.sentimentstream.streams.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One topic of {@code topics/topics.json}.
 *
 * @param name              topic name
 * @param description       what the topic holds (documentation only)
 * @param partitions        partition count
 * @param replicationFactor replicas per partition; -1 for the broker's {@code default.replication.factor}
 * @param config            topic-level settings (retention, cleanup policy, ...)
 */
public record TopicDefinition(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("partitions") int partitions,
        @JsonProperty("replication_factor") int replicationFactor,
        @JsonProperty("config") Map<String, String> config) {

    /** Checks the values and freezes the config. */
    public TopicDefinition {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a topic needs a name");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be at least 1");
        }
        if (replicationFactor == 0 || replicationFactor < -1) {
            throw new IllegalArgumentException(name + ": replication_factor must be -1 (broker default) or at least 1");
        }
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(config));
    }

    /** A copy with another replication factor. */
    public TopicDefinition withReplicationFactor(int factor) {
        return new TopicDefinition(name, description, partitions, factor, config);
    }
}
