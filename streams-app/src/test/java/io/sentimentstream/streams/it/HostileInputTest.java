package io.sentimentstream.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentimentstream.core.event.DeadLetterHeaders;
import io.sentimentstream.core.event.EventJson;
import io.sentimentstream.core.event.ReviewLimits;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.streams.ScoringApplication;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.model.HotSwapScorers;
import io.sentimentstream.streams.testing.ScoringScenario;
import io.sentimentstream.streams.testing.SharedKafka;
import io.sentimentstream.streams.testing.TestModels;
import io.sentimentstream.streams.testing.TopicReader;
import io.sentimentstream.streams.topology.DeadLetter;
import io.sentimentstream.streams.topology.RecordBudget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that once stopped the application for good, against the real broker under
 * exactly-once: each is followed by a valid sentinel review that must be scored, then by a
 * restart and another sentinel, so a record that poisons the restored state would show. In the
 * end every input is in exactly one of the scored and dead-letter topics.
 */
@ExtendWith(SharedKafka.class)
class HostileInputTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int TOPIC_LIMIT = 20 * 1024 * 1024;

    @TempDir
    Path workDir;

    private ScoringScenario scenario;
    private KafkaProducer<byte[], byte[]> producer;
    private TopicReader scored;
    private TopicReader deadLetters;
    private StreamsAppConfig config;
    private ScoringApplication app;
    private final Map<String, String> expected = new HashMap<>();
    private int sentinels;

    @BeforeEach
    void start(TestInfo test) throws Exception {
        String prefix = "hostile-" + test.getTestMethod().orElseThrow().getName().hashCode() + "-";
        scenario = new ScoringScenario(SharedKafka.bootstrapServers(), prefix, workDir);
        scenario.createTopics(2);
        // a broker (topic) that accepts far larger records than the application may write
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    scenario.topics().reviews()), List.of(new AlterConfigOp(new ConfigEntry(
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(TOPIC_LIMIT)), AlterConfigOp.OpType.SET))))
                    .all().get();
        }
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(TOPIC_LIMIT),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
        Map<String, String> settings = scenario.settings(prefix + "app", workDir.resolve("unused.bundle"));
        settings.put("batch.size", "8");
        settings.put("batch.max.wait.ms", "100");
        config = StreamsAppConfig.from(settings);
        scored = new TopicReader(SharedKafka.bootstrapServers(), scenario.topics().scored());
        deadLetters = new TopicReader(SharedKafka.bootstrapServers(), scenario.topics().dlq());
        app = startApp();
    }

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {app, producer, scored, deadLetters, scenario}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    private ScoringApplication startApp() throws Exception {
        SentimentModel model = TestModels.tiny();
        ScoringApplication started = ScoringApplication.start(config, model);
        assertTrue(started.awaitRunning(TIMEOUT), "the application runs");
        return started;
    }

    @Test
    void noRecordStopsTheStreamAndEveryInputEndsInExactlyOneTopic() throws Exception {
        ReviewLimits limits = config.reviewLimits();

        String edge = "a great film " + "x".repeat(limits.maxValueBytes() - "a great film ".length());
        assertEquals(limits.maxValueBytes(), edge.getBytes(StandardCharsets.UTF_8).length);
        survives("edge", edge.getBytes(StandardCharsets.UTF_8), "scored");
        survives("one-byte-over", (edge + "x").getBytes(StandardCharsets.UTF_8), "VALUE_TOO_LARGE");
        survives("two-megabytes", ("a great film " + "y".repeat(2 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8),
                "VALUE_TOO_LARGE");
        byte[] controls = new byte[5 + 1_000_000];
        System.arraycopy("good ".getBytes(StandardCharsets.UTF_8), 0, controls, 0, 5);
        java.util.Arrays.fill(controls, 5, controls.length, (byte) 1);
        survives("control-characters", controls, "scored");
        survives("nested-at-the-parser-limit", ("{\"id\":\"deep\",\"text\":\"a great film\",\"x\":" + "[".repeat(997)
                + "]".repeat(997) + "}").getBytes(StandardCharsets.UTF_8), "TOO_DEEP");
        int levels = limits.maxDepth() - 1;
        survives("nested-at-the-budget", ("{\"id\":\"budget-deep\",\"text\":\"a great film\",\"x\":"
                + "[".repeat(levels) + "]".repeat(levels) + "}").getBytes(StandardCharsets.UTF_8), "scored");

        List<ConsumerRecord<byte[], byte[]>> out = scored.readFor(Duration.ofSeconds(2));
        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters.readFor(Duration.ofMillis(500));
        Map<String, String> actual = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : out) {
            assertEquals(null, actual.put(key(record), "scored"), "scored once: " + key(record));
        }
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            String reason = new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                    StandardCharsets.UTF_8);
            assertEquals(null, actual.put(key(record), reason), "in one topic once: " + key(record));
        }
        assertEquals(expected, actual);
    }

    @Test
    void aReviewTheModelFailsOnIsADeadLetterAndItsBatchIsScored() throws Exception {
        app.close();
        SentimentModel model = TestModels.tiny();
        HotSwapScorers real = new HotSwapScorers(model);
        // a scorer that fails on one review: the failure inside the network, as a broken model would
        app = ScoringApplication.start(config, () -> new FailingOn("MODEL-CRASH", real.get()),
                new RecordBudget(config.reviewLimits(), config.maxRequestBytes(), model.windowChars(),
                        model.maxTokens(), 64).verify());
        assertTrue(app.awaitRunning(TIMEOUT));
        for (int i = 0; i < 5; i++) {
            send("batch-" + i, ("{\"text\":\"" + (i == 2 ? "MODEL-CRASH " : "") + "a fine film\"}")
                    .getBytes(StandardCharsets.UTF_8), i == 2 ? "SCORING_FAILED" : "scored");
        }
        sentinel();
        await();
        ConsumerRecord<byte[], byte[]> letter = deadLetters.records().stream()
                .filter(r -> key(r).equals("batch-2")).findFirst().orElseThrow();
        JsonNode review = EventJson.mapper().readTree(letter.value());
        assertEquals("MODEL-CRASH a fine film", review.get("text").asText());
        assertNotNull(letter.headers().lastHeader(DeadLetterHeaders.STACKTRACE));
        assertEquals(scenario.topics().reviews(), new String(letter.headers().lastHeader(DeadLetterHeaders.TOPIC)
                .value(), StandardCharsets.UTF_8));
    }

    /** Sends one hostile record and a sentinel, restarts, sends another sentinel; all must come out. */
    private void survives(String name, byte[] value, String outcome) throws Exception {
        send(name, value, outcome);
        sentinel();
        await();
        app.close();
        app = startApp();
        sentinel();
        await();
        if (!outcome.equals("scored")) {
            ConsumerRecord<byte[], byte[]> letter = deadLetters.records().stream()
                    .filter(r -> key(r).equals(name)).findFirst().orElseThrow();
            boolean pointer = letter.headers().lastHeader(DeadLetter.POINTER_HEADER) != null;
            assertEquals(value.length > config.maxRequestBytes() / 2, pointer, name + ": pointer when too large");
            if (pointer) {
                JsonNode json = EventJson.mapper().readTree(letter.value());
                assertEquals(value.length, json.get("size").asInt());
                assertEquals(scenario.topics().reviews(), json.get("topic").asText());
                assertTrue(json.get("offset").asLong() >= 0);
            } else {
                assertTrue(java.util.Arrays.equals(value, letter.value()), name + ": the original value");
            }
        }
    }

    private void sentinel() throws Exception {
        send("sentinel-" + sentinels++, "{\"text\":\"a wonderful, moving film\"}".getBytes(StandardCharsets.UTF_8),
                "scored");
    }

    private void send(String key, byte[] value, String outcome) throws Exception {
        producer.send(new ProducerRecord<>(scenario.topics().reviews(), key.getBytes(StandardCharsets.UTF_8),
                value)).get();
        expected.put(key, outcome);
    }

    /** Waits until everything sent so far has come out. */
    private void await() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Collection<String> seen = new java.util.HashSet<>();
            scored.readFor(Duration.ofMillis(200)).forEach(r -> seen.add(key(r)));
            deadLetters.readFor(Duration.ofMillis(50)).forEach(r -> seen.add(key(r)));
            if (seen.containsAll(expected.keySet())) {
                return;
            }
        }
        throw new AssertionError("not everything came out: expected " + expected.keySet());
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "<no key>" : new String(record.key(), StandardCharsets.UTF_8);
    }

    /** Delegates, but the network fails on any batch that holds a review with {@code marker}. */
    private static final class FailingOn implements io.sentimentstream.streams.scoring.ReviewScorer {
        private static final int MARK = Integer.MIN_VALUE;
        private final String marker;
        private final io.sentimentstream.streams.scoring.ReviewScorer delegate;

        FailingOn(String marker, io.sentimentstream.streams.scoring.ReviewScorer delegate) {
            this.marker = marker;
            this.delegate = delegate;
        }

        @Override
        public io.sentimentstream.core.event.ModelRef model() {
            return delegate.model();
        }

        @Override
        public int[] encode(String text) {
            return text.contains(marker) ? new int[] {MARK} : delegate.encode(text);
        }

        @Override
        public List<Score> score(List<int[]> encoded) {
            if (encoded.stream().anyMatch(ids -> ids.length == 1 && ids[0] == MARK)) {
                throw new IllegalStateException("the network cannot take this review");
            }
            return delegate.score(encoded);
        }
    }
}
