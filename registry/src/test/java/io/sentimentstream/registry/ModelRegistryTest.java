package io.sentimentstream.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.testkit.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry against the real in-process broker. */
class ModelRegistryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static EmbeddedKafkaBroker kafka;
    @TempDir
    static Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Test
    void publishesListsPromotesRollsBackAndDeletes() throws Exception {
        Path first = TestBundleFiles.withVersion(TestBundleFiles.defaultBundle(), "1.0.0", dir.resolve("v1.bundle"));
        Path second = TestBundleFiles.withVersion(first, "1.1.0", dir.resolve("v2.bundle"));
        try (ModelRegistry registry = registry(newTopic())) {
            assertNull(registry.snapshot().assignment().champion());
            PublishedVersion v1 = registry.publish(first, "tester@test");
            PublishedVersion v2 = registry.publish(second, "tester@test");
            assertEquals(Files.size(first), v1.sizeBytes());
            assertTrue(v1.chunkCount() > 1, "a bundle of " + v1.sizeBytes() + " bytes spans several chunks");

            RegistrySnapshot listed = registry.snapshot();
            assertEquals(List.of(v1.ref(), v2.ref()), listed.versions().stream().map(PublishedVersion::ref).toList());
            assertEquals(List.of(), listed.problems());
            assertTrue(listed.versions().get(0).metric("accuracy") > 0.5, "the validation metrics come along");
            assertEquals("tester@test", listed.versions().get(1).publisher());

            registry.promote("1.0.0", null, "op");
            registry.promote("1.1.0", null, "op");
            Assignment promoted = registry.snapshot().assignment();
            assertEquals(v2.ref(), promoted.champion());
            assertEquals(List.of(v1.ref()), promoted.previous());
            assertEquals("op", promoted.updatedBy());

            Path fetched = registry.fetch(registry.snapshot().champion().orElseThrow(), dir.resolve("fetched.bundle"));
            assertArrayEquals(Files.readAllBytes(second), Files.readAllBytes(fetched));

            assertEquals(v1.ref(), registry.rollBack("op").champion());
            assertEquals(v1.ref(), registry.snapshot().assignment().champion());

            RegistryException champion = assertThrows(RegistryException.class, () -> registry.delete("1.0.0", null));
            assertTrue(champion.getMessage().contains("is the champion"), champion.getMessage());
            registry.delete("1.1.0", "imdb-lstm");
            assertEquals(List.of(v1.ref()), registry.snapshot().versions().stream().map(PublishedVersion::ref).toList());
            RegistryException nothingLeft = assertThrows(RegistryException.class, () -> registry.rollBack("op"));
            assertTrue(nothingLeft.getMessage().contains("no previous champion"), nothingLeft.getMessage());
        }
    }

    @Test
    void refusesABundleThatDoesNotLoadWithOneLine() throws Exception {
        Path notABundle = Files.writeString(dir.resolve("notes.bundle"), "not a zip at all");
        Path badChecksum = TestBundleFiles.withManifest(TestBundleFiles.defaultBundle(), dir.resolve("bad.bundle"),
                manifest -> ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("checksums"))
                        .put("vocabulary.txt", "0".repeat(64)));
        String topic = newTopic();
        try (ModelRegistry registry = registry(topic)) {
            for (Path bundle : List.of(notABundle, badChecksum)) {
                RegistryException refused = assertThrows(RegistryException.class, () -> registry.publish(bundle, null));
                assertTrue(refused.getMessage().startsWith("refused " + bundle), refused.getMessage());
                assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
            }
            assertEquals(List.of(), registry.snapshot().versions());
        }
    }

    @Test
    void refusesAVersionPublishedTwice() throws Exception {
        Path bundle = TestBundleFiles.withVersion(TestBundleFiles.defaultBundle(), "2.0.0", dir.resolve("twice.bundle"));
        try (ModelRegistry registry = registry(newTopic())) {
            registry.publish(bundle, null);
            RegistryException again = assertThrows(RegistryException.class, () -> registry.publish(bundle, null));
            assertTrue(again.getMessage().contains("already published"), again.getMessage());
            assertEquals(1, registry.snapshot().versions().size());
        }
    }

    @Test
    void aCorruptChunkIsReportedNeverAssembled() throws Exception {
        String topic = newTopic();
        byte[] content = bytes(2500);
        PublishedVersion version = writeRaw(topic, "m", "corrupt", content, 1000, (index, chunk) -> {
            if (index == 1) {
                chunk[17] ^= 1;
            }
            return List.of(new Chunk(index, chunk));
        });
        assertFetchFails(topic, version, "chunk 1 does not match its checksum");
    }

    @Test
    void aMissingChunkIsReported() throws Exception {
        String topic = newTopic();
        PublishedVersion version = writeRaw(topic, "m", "partial", bytes(2500), 1000,
                (index, chunk) -> index == 2 ? List.of() : List.of(new Chunk(index, chunk)));
        assertFetchFails(topic, version, "missing chunk 2");
    }

    @Test
    void anExtraChunkIsReported() throws Exception {
        String topic = newTopic();
        PublishedVersion version = writeRaw(topic, "m", "extra", bytes(2500), 1000,
                (index, chunk) -> index == 1 ? List.of(new Chunk(7, chunk), new Chunk(1, chunk)) : List.of(new Chunk(index, chunk)));
        assertFetchFails(topic, version, "extra chunk 7");
    }

    @Test
    void aDuplicateChunkIsReported() throws Exception {
        String topic = newTopic();
        PublishedVersion version = writeRaw(topic, "m", "dup", bytes(2500), 1000,
                (index, chunk) -> index == 1 ? List.of(new Chunk(1, chunk), new Chunk(1, chunk)) : List.of(new Chunk(index, chunk)));
        assertFetchFails(topic, version, "chunk 1 twice");
    }

    @Test
    void anOversizedDeclarationIsReportedAndNeverRead() throws Exception {
        String topic = newTopic();
        PublishedVersion honest = writeRaw(topic, "m", "big", bytes(2500), 1000, (index, chunk) -> List.of(new Chunk(index, chunk)));
        // A reader that takes at most 2000 bytes: the version is a problem, not a version.
        try (ModelRegistry small = ModelRegistry.connect(config(), new RegistryTopic(topic), 2000, TIMEOUT)) {
            RegistrySnapshot snapshot = small.snapshot();
            assertEquals(List.of(), snapshot.versions());
            assertEquals(1, snapshot.problems().size());
            assertTrue(snapshot.problems().get(0).contains("declares 2500 bytes"), snapshot.problems().get(0));
            RegistryException refused = assertThrows(RegistryException.class,
                    () -> small.fetch(honest, dir.resolve("never.bundle")));
            assertTrue(refused.getMessage().contains("declares 2500 bytes"), refused.getMessage());
        }
        // A record claiming a terabyte in few chunks is refused by any reader.
        PublishedVersion lying = new PublishedVersion("m", "huge", UUID.randomUUID().toString(), 1L << 40,
                honest.sha256(), 1000, honest.chunkSha256(), honest.firstChunkOffset(), honest.lastChunkOffset(),
                List.of(), Map.of(), Instant.now().toString(), "x");
        sendMetadata(topic, RegistryTopic.versionKey("m", "huge"), RegistryRecords.json(lying));
        try (ModelRegistry registry = registry(topic)) {
            RegistrySnapshot snapshot = registry.snapshot();
            assertEquals(List.of(honest.ref()), snapshot.versions().stream().map(PublishedVersion::ref).toList());
            assertTrue(snapshot.problems().stream().anyMatch(p -> p.contains("m/huge") && p.contains("declares")),
                    snapshot.problems().toString());
        }
    }

    @Test
    void anAbortedPublicationIsNeverSeen() throws Exception {
        String topic = newTopic();
        Properties props = new Properties();
        props.putAll(config());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aborting-" + UUID.randomUUID());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        PublishedVersion honest = writeRaw(topic, "m", "kept", bytes(100), 1000, (index, chunk) -> List.of(new Chunk(index, chunk)));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, RegistryTopic.CHUNK_PARTITION,
                    utf8(RegistryTopic.chunkPrefix("m", "half", "1") + 0), bytes(100))).get();
            PublishedVersion half = new PublishedVersion("m", "half", "1", 100, honest.sha256(), 1000,
                    honest.chunkSha256(), 0, 0, List.of(), Map.of(), Instant.now().toString(), "x");
            producer.send(new ProducerRecord<>(topic, RegistryTopic.METADATA_PARTITION,
                    utf8(RegistryTopic.versionKey("m", "half")), RegistryRecords.json(half))).get();
            producer.abortTransaction();
        }
        try (ModelRegistry registry = registry(topic)) {
            assertEquals(List.of(new ModelRef("m", "kept")),
                    registry.snapshot().versions().stream().map(PublishedVersion::ref).toList());
        }
    }

    @Test
    void aMissingTopicIsOneLine() {
        try (ModelRegistry registry = registry("no-such-registry")) {
            RegistryException missing = assertThrows(RegistryException.class, registry::snapshot);
            assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        }
    }

    @Test
    void theWatcherReportsOnlyCaughtUpStates() throws Exception {
        String topic = newTopic();
        writeRaw(topic, "m", "1", bytes(10), 1000, (index, chunk) -> List.of(new Chunk(index, chunk)));
        writeRaw(topic, "m", "2", bytes(10), 1000, (index, chunk) -> List.of(new Chunk(index, chunk)));
        sendMetadata(topic, RegistryTopic.ASSIGNMENT_KEY, RegistryRecords.json(
                new Assignment(new ModelRef("m", "1"), null, List.of(), null, null)));
        sendMetadata(topic, RegistryTopic.ASSIGNMENT_KEY, RegistryRecords.json(
                new Assignment(new ModelRef("m", "2"), null, List.of(new ModelRef("m", "1")), null, null)));
        List<RegistrySnapshot> seen = new CopyOnWriteArrayList<>();
        try (RegistryWatcher watcher = RegistryWatcher.start(config(), new RegistryTopic(topic),
                ModelRegistry.DEFAULT_MAX_BUNDLE_BYTES, seen::add)) {
            await(() -> !seen.isEmpty());
            assertEquals(new ModelRef("m", "2"), seen.get(0).assignment().champion(), "history is not replayed");
            try (ModelRegistry registry = registry(topic)) {
                registry.rollBack("op");
            }
            await(() -> seen.size() >= 2);
            assertEquals(new ModelRef("m", "1"), seen.get(seen.size() - 1).assignment().champion());
        }
    }

    // --- helpers

    private record Chunk(int index, byte[] bytes) {
    }

    private interface ChunkWriter {
        List<Chunk> write(int index, byte[] chunk);
    }

    /** Writes a version by hand (no transaction), letting {@code writer} damage its chunks. */
    private static PublishedVersion writeRaw(String topic, String name, String version, byte[] content, int chunkBytes,
                                             ChunkWriter writer) throws Exception {
        String publishId = UUID.randomUUID().toString();
        String prefix = RegistryTopic.chunkPrefix(name, version, publishId);
        List<String> hashes = new ArrayList<>();
        long first = -1;
        long last = -1;
        try (KafkaProducer<byte[], byte[]> producer = plainProducer()) {
            for (int start = 0, index = 0; start < content.length; start += chunkBytes, index++) {
                byte[] chunk = java.util.Arrays.copyOfRange(content, start, Math.min(content.length, start + chunkBytes));
                hashes.add(HexFormat.of().formatHex(Digests.sha256().digest(chunk)));
                for (Chunk written : writer.write(index, chunk.clone())) {
                    long offset = producer.send(new ProducerRecord<>(topic, RegistryTopic.CHUNK_PARTITION,
                            utf8(prefix + written.index()), written.bytes())).get().offset();
                    first = first < 0 ? offset : first;
                    last = offset;
                }
            }
            PublishedVersion record = new PublishedVersion(name, version, publishId, content.length,
                    HexFormat.of().formatHex(Digests.sha256().digest(content)), chunkBytes, hashes, first, last,
                    List.of("neg", "pos"), Map.of("accuracy", 0.5), Instant.now().toString(), "raw");
            producer.send(new ProducerRecord<>(topic, RegistryTopic.METADATA_PARTITION,
                    utf8(RegistryTopic.versionKey(name, version)), RegistryRecords.json(record))).get();
            return record;
        }
    }

    private static void sendMetadata(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = plainProducer()) {
            producer.send(new ProducerRecord<>(topic, RegistryTopic.METADATA_PARTITION, utf8(key), value)).get();
        }
    }

    private static void assertFetchFails(String topic, PublishedVersion version, String expected) {
        try (ModelRegistry registry = registry(topic)) {
            PublishedVersion listed = registry.snapshot().find(version.ref()).orElseThrow();
            RegistryException failed = assertThrows(RegistryException.class,
                    () -> registry.fetch(listed, dir.resolve(version.version() + ".bundle")));
            assertTrue(failed.getMessage().contains(expected), failed.getMessage());
        }
    }

    private static KafkaProducer<byte[], byte[]> plainProducer() {
        Properties props = new Properties();
        props.putAll(config());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static ModelRegistry registry(String topic) {
        return ModelRegistry.connect(config(), new RegistryTopic(topic), ModelRegistry.DEFAULT_MAX_BUNDLE_BYTES, TIMEOUT);
    }

    private static Map<String, Object> config() {
        return Map.of("bootstrap.servers", kafka.bootstrapServers());
    }

    private static String newTopic() throws Exception {
        String topic = "models-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, RegistryTopic.PARTITIONS, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        return topic;
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        new java.util.Random(n).nextBytes(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(50);
        }
    }
}
