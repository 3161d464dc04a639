package io.sentimentstream.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentimentstream.core.event.DeadLetterHeaders;
import io.sentimentstream.core.event.EventJson;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.streams.ScoringApplication;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.labels.LabelJoiner;
import io.sentimentstream.streams.testing.ScoringScenario;
import io.sentimentstream.streams.testing.SharedKafka;
import io.sentimentstream.streams.testing.TestModels;
import io.sentimentstream.streams.testing.TopicReader;
import io.sentimentstream.streams.topology.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile records on the labels topic against the real broker under exactly-once: a label of
 * 10 MB, one nested 100,000 levels deep, huge keys and ids, binary garbage, no key, no value, a
 * label for a review never scored and a second label. Reviews sent between them must still be
 * scored, also after a restart that restores the join's state; every bad label must be exactly one
 * dead letter with its reason, pointing at the original; the join's state must hold nothing larger
 * than the key and id limits allow; the good labels must count.
 */
@ExtendWith(SharedKafka.class)
class HostileLabelsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int TOPIC_LIMIT = 20 * 1024 * 1024;
    private static final long HORIZON_MS = 60_000;

    @TempDir
    Path workDir;

    private final Map<String, String> expectedLetters = new HashMap<>();  // topic:partition:offset -> reason
    private final Set<String> expectedScored = new HashSet<>();
    private KafkaProducer<byte[], byte[]> producer;
    private ScoringScenario scenario;
    private long base;

    @Test
    void badLabelsAreDeadLetteredWithTheirReasonAndTheStreamKeepsScoringAcrossARestart() throws Exception {
        scenario = new ScoringScenario(SharedKafka.bootstrapServers(), "hostile-labels-", workDir);
        scenario.createTopics(2);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            // A topic that takes far larger labels than the application accepts.
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    scenario.labelsTopic()), List.of(new AlterConfigOp(new ConfigEntry(
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(TOPIC_LIMIT)), AlterConfigOp.OpType.SET))))
                    .all().get();
        }
        Map<String, String> settings = scenario.settings("hostile-labels-app", workDir.resolve("unused.bundle"));
        settings.put("batch.size", "8");
        settings.put("batch.max.wait.ms", "100");
        settings.put("labels.horizon.ms", String.valueOf(HORIZON_MS));
        // The most a label may have, so that the deep one reaches the parser.
        settings.put("labels.max.bytes", String.valueOf(1 << 20));
        StreamsAppConfig config = StreamsAppConfig.from(settings);
        base = Instant.now().minusSeconds(3600).toEpochMilli() / 60_000 * 60_000;

        try (KafkaProducer<byte[], byte[]> out = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(TOPIC_LIMIT),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
             TopicReader scored = new TopicReader(SharedKafka.bootstrapServers(), scenario.topics().scored());
             TopicReader deadLetters = new TopicReader(SharedKafka.bootstrapServers(), scenario.topics().dlq());
             TopicReader metrics = new TopicReader(SharedKafka.bootstrapServers(), scenario.topics().metrics())) {
            producer = out;
            ScoringApplication app = ScoringApplication.start(config, TestModels.tiny());
            try {
                assertTrue(app.awaitRunning(TIMEOUT), "running");
                review("good-1", 0);
                label("good-1", "pos", 10, null);
                label("good-1", "neg", 20, "DUPLICATE_LABEL");
                label("too-large", "{\"id\":\"too-large\",\"label\":\"pos\",\"pad\":\""
                        + "p".repeat(10 * 1024 * 1024) + "\"}", 30, "VALUE_TOO_LARGE");
                label("deep", "{\"id\":\"deep\",\"label\":\"pos\",\"x\":" + "[".repeat(100_000), 40, "TOO_DEEP");
                label("k".repeat(1024 * 1024), "pos", 50, "KEY_TOO_LARGE");
                label("huge-id", "{\"id\":\"" + "i".repeat(100_000) + "\",\"label\":\"pos\"}", 60, "ID_TOO_LONG");
                byte[] garbage = new byte[4096];
                new Random(13).nextBytes(garbage);
                garbage[0] = (byte) 0xFF;  // never UTF-8
                label("binary".getBytes(StandardCharsets.UTF_8), garbage, 70, "INVALID_UTF8");
                label((byte[]) null, "pos".getBytes(StandardCharsets.UTF_8), 80, "INVALID_LABEL");
                label("null-value".getBytes(StandardCharsets.UTF_8), null, 90, "NULL_VALUE");
                label("never-scored", "neg", 100, "UNMATCHED_LABEL");
                review("sentinel-1", 110);
                awaitScored(scored);
            } finally {
                app.close();
            }

            // The join's state is restored from its changelog; the waiting label must survive it.
            app = ScoringApplication.start(config, TestModels.tiny());
            try {
                assertTrue(app.awaitRunning(TIMEOUT), "running after the restart");
                review("sentinel-2", 120);
                label("sentinel-2", "pos", 130, null);
                // Reviews a horizon later move every task's stream time on: the label for the review
                // never scored is then given up.
                for (int i = 0; i < 16; i++) {
                    review("clock-" + i, 5 * HORIZON_MS + i);
                }
                awaitScored(scored);

                List<ConsumerRecord<byte[], byte[]>> letters = deadLetters.readUntil(
                        all -> all.size() >= expectedLetters.size(), TIMEOUT);
                letters = deadLetters.readFor(Duration.ofSeconds(2));  // nothing more may come
                Map<String, String> actual = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> letter : letters) {
                    String source = header(letter, DeadLetterHeaders.TOPIC) + ":"
                            + header(letter, DeadLetterHeaders.PARTITION) + ":" + header(letter, DeadLetterHeaders.OFFSET);
                    assertEquals(null, actual.put(source, header(letter, DeadLetterHeaders.REASON)),
                            "one dead letter per record: " + source);
                    assertNotNull(header(letter, DeadLetterHeaders.MESSAGE));
                    assertTrue(letter.serializedValueSize() + Math.max(0, letter.serializedKeySize())
                            <= config.maxRequestBytes(), "a dead letter fits one record");
                    if ("VALUE_TOO_LARGE".equals(header(letter, DeadLetterHeaders.REASON))) {
                        assertNotNull(letter.headers().lastHeader(DeadLetter.POINTER_HEADER), "a pointer");
                        JsonNode pointer = EventJson.mapper().readTree(letter.value());
                        assertTrue(pointer.get("size").asInt() > 10 * 1024 * 1024);
                        assertEquals(scenario.labelsTopic(), pointer.get("topic").asText());
                    }
                }
                assertEquals(expectedLetters, actual);

                // Both good labels counted, once; the bad ones nowhere.
                List<ConsumerRecord<byte[], byte[]>> snapshots = metrics.readUntil(all -> all.stream()
                        .map(r -> MetricsSnapshot.fromJson(r.value()))
                        .anyMatch(s -> s.kind() == MetricsSnapshot.Kind.CUMULATIVE && s.count() == expectedScored.size()
                                && s.labelledCount() == 2), TIMEOUT);
                MetricsSnapshot cumulative = snapshots.stream().map(r -> MetricsSnapshot.fromJson(r.value()))
                        .filter(s -> s.kind() == MetricsSnapshot.Kind.CUMULATIVE).reduce((a, b) -> b).orElseThrow();
                assertEquals(2, cumulative.labelledCount(), "the two good labels count");
                assertEquals(2, cumulative.quality().labelsJoinedLater());

                // Bounded state: the join keeps labels and predictions within the key and id limits.
                int bound = config.reviewLimits().maxKeyBytes() + 4 * config.reviewLimits().maxIdChars() + 4096;
                for (String store : List.of(LabelJoiner.LABELS_STORE, LabelJoiner.PREDICTIONS_STORE)) {
                    try (TopicReader changelog = new TopicReader(SharedKafka.bootstrapServers(),
                            "hostile-labels-app-" + store + "-changelog")) {
                        List<ConsumerRecord<byte[], byte[]>> entries = changelog.readFor(Duration.ofSeconds(2));
                        assertTrue(!entries.isEmpty(), store + " is changelogged");
                        for (ConsumerRecord<byte[], byte[]> entry : entries) {
                            int size = entry.serializedKeySize() + Math.max(0, entry.serializedValueSize());
                            assertTrue(size <= bound, store + " holds " + size + " bytes for one entry, over " + bound);
                        }
                    }
                }
                assertTrue(app.health().live(), "still running");
            } finally {
                app.close();
            }
        } finally {
            scenario.close();
        }
    }

    private void review(String id, long at) throws Exception {
        producer.send(new ProducerRecord<>(scenario.topics().reviews(), null, base + at,
                id.getBytes(StandardCharsets.UTF_8), ("a wonderful, moving film " + id).getBytes(StandardCharsets.UTF_8)))
                .get();
        expectedScored.add(id);
    }

    private void label(String key, String value, long at, String reason) throws Exception {
        label(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), at, reason);
    }

    private void label(byte[] key, byte[] value, long at, String reason) throws Exception {
        RecordMetadata sent = producer.send(new ProducerRecord<>(scenario.labelsTopic(), null, base + at, key, value))
                .get();
        if (reason != null) {
            expectedLetters.put(sent.topic() + ":" + sent.partition() + ":" + sent.offset(), reason);
        }
    }

    /** Waits until every review sent so far is scored (the stream did not stop), within the timeout. */
    private void awaitScored(TopicReader scored) {
        List<ConsumerRecord<byte[], byte[]>> all = scored.readUntil(records -> records.stream()
                .map(r -> ScoredReview.fromJson(r.value()).id()).collect(Collectors.toSet())
                .containsAll(expectedScored), TIMEOUT);
        assertEquals(expectedScored, all.stream().map(r -> ScoredReview.fromJson(r.value()).id())
                .collect(Collectors.toSet()), "every review scored");
        assertEquals(all.size(), expectedScored.size(), "each once");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
