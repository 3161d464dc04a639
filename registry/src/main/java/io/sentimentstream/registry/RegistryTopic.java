package io.sentimentstream.registry;

import java.util.Objects;

/**
 * The layout of the registry topic ({@value #DEFAULT_NAME} by default): two partitions, compacted.
 *
 * <ul>
 *   <li>partition {@value #METADATA_PARTITION} (metadata): {@code version/<name>/<version>} holds a
 *       {@link PublishedVersion} as JSON, {@code assignment} the {@link Assignment};</li>
 *   <li>partition {@value #CHUNK_PARTITION} (chunks): {@code chunk/<name>/<version>/<publish id>/<index>}
 *       holds {@value #CHUNK_BYTES} bytes of the bundle (the last chunk less).</li>
 * </ul>
 *
 * The metadata sit apart from the chunks so that listing the registry or following it reads a few
 * kilobytes, not every bundle ever published. A version is published in one transaction (chunks,
 * then its metadata) and deleted in one (tombstones for both); readers read committed records only.
 *
 * @param name the topic name
 */
public record RegistryTopic(String name) {

    /** The topic's default name. */
    public static final String DEFAULT_NAME = "sentiment-models";
    /** Partitions the topic must have. */
    public static final int PARTITIONS = 2;
    /** Partition of the version records and the assignment. */
    public static final int METADATA_PARTITION = 0;
    /** Partition of the bundle chunks. */
    public static final int CHUNK_PARTITION = 1;
    /**
     * Bytes per chunk: half of Kafka's default {@code max.message.bytes} (1 MiB), so a chunk fits
     * every broker, topic and client left at its defaults, with room for the record framing.
     */
    public static final int CHUNK_BYTES = 512 * 1024;
    /** Key of the assignment record. */
    public static final String ASSIGNMENT_KEY = "assignment";
    static final String VERSION_PREFIX = "version/";
    static final String CHUNK_PREFIX = "chunk/";

    /** Checks the name. */
    public RegistryTopic {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the registry topic name must not be blank");
        }
    }

    /** The topic of the default name. */
    public static RegistryTopic defaultTopic() {
        return new RegistryTopic(DEFAULT_NAME);
    }

    static String versionKey(String model, String version) {
        return VERSION_PREFIX + model + "/" + version;
    }

    static String chunkPrefix(String model, String version, String publishId) {
        return CHUNK_PREFIX + model + "/" + version + "/" + publishId + "/";
    }
}
