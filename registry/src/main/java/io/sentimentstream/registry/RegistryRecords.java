package io.sentimentstream.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The metadata partition's records as JSON, and the state they add up to. A record that cannot be
 * read becomes a problem line in the snapshot, never an exception: one bad record must not hide
 * the others.
 */
final class RegistryRecords {

    /** Largest metadata record read (Kafka's default record limit); larger ones are reported. */
    static final int MAX_METADATA_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(64 * 1024).maxNumberLength(64).build());
    }

    private RegistryRecords() {
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    static <T> T read(byte[] bytes, Class<T> type) throws IOException {
        if (bytes.length > MAX_METADATA_BYTES) {
            throw new IOException(bytes.length + " bytes, more than the " + MAX_METADATA_BYTES + " a metadata record may have");
        }
        return JSON.readValue(bytes, type);
    }

    /** The metadata partition folded up: versions by key in publication order, the assignment, problems. */
    static final class State {

        private final long maxBundleBytes;
        private final Map<String, PublishedVersion> versions = new LinkedHashMap<>();
        private final Map<String, String> problems = new LinkedHashMap<>();
        private Assignment assignment = Assignment.NONE;

        State(long maxBundleBytes) {
            this.maxBundleBytes = maxBundleBytes;
        }

        /** Applies one record; whether anything changed. */
        boolean apply(ConsumerRecord<byte[], byte[]> record) {
            String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
            byte[] value = record.value();
            problems.remove(key);
            if (key.equals(RegistryTopic.ASSIGNMENT_KEY)) {
                try {
                    assignment = value == null ? Assignment.NONE : read(value, Assignment.class);
                } catch (IOException | RuntimeException e) {
                    problems.put(key, "unreadable assignment at offset " + record.offset() + ": " + oneLine(e));
                }
                return true;
            }
            if (key.startsWith(RegistryTopic.VERSION_PREFIX)) {
                versions.remove(key);
                if (value != null) {
                    try {
                        PublishedVersion version = read(value, PublishedVersion.class).checkDeclared(maxBundleBytes);
                        if (!key.equals(RegistryTopic.versionKey(version.name(), version.version()))) {
                            throw new RegistryException("the key does not name " + version.ref());
                        }
                        versions.put(key, version);
                    } catch (IOException | RuntimeException e) {
                        problems.put(key, key + " (offset " + record.offset() + ") is not loadable: " + oneLine(e));
                    }
                }
                return true;
            }
            problems.put(key, "unexpected key '" + key + "' at offset " + record.offset() + " of the metadata partition");
            return true;
        }

        RegistrySnapshot snapshot(long position) {
            return new RegistrySnapshot(new ArrayList<>(versions.values()), assignment,
                    List.copyOf(problems.values()), position);
        }
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
