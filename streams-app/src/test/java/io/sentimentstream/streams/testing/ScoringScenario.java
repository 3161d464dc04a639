package io.sentimentstream.streams.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.TextNode;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.event.DeadLetterHeaders;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.RejectionReason;
import io.sentimentstream.core.event.ReviewEvent;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.streams.admin.TopicCreator;
import io.sentimentstream.streams.admin.TopicDefinition;
import io.sentimentstream.streams.admin.TopicDefinitions;
import io.sentimentstream.streams.config.StreamsAppConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The end-to-end scenario shared by the broker tests (in-process KRaft, Testcontainers, crash,
 * scale-out): topics, producing labelled reviews and bad records, reading the outputs as a
 * {@code read_committed} consumer, and checking them against what was sent.
 */
public final class ScoringScenario implements AutoCloseable {

    /** Size (and advance) of the metrics windows in the scenario. */
    public static final long WINDOW_MS = 60_000;

    private final String bootstrapServers;
    private final StreamsAppConfig.Topics topics;
    private final String labelsTopic;
    private final String alertsTopic;
    private final Path workDir;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, Sent> sent = new LinkedHashMap<>();
    private final List<Bad> bad = new ArrayList<>();
    private final long baseTimestamp;
    private int produced;
    private TopicReader scoredReader;
    private TopicReader deadLetterReader;
    private TopicReader metricsReader;

    /**
     * A review as sent.
     *
     * @param id        its id
     * @param key       the record key
     * @param label     its label ({@code pos}/{@code neg}), or {@code null}
     * @param timestamp the record timestamp
     * @param partition the partition it was written to
     */
    public record Sent(String id, byte[] key, String label, long timestamp, int partition) {
    }

    /**
     * A bad record as sent.
     *
     * @param key    the record key
     * @param value  the value
     * @param reason the expected reason
     */
    public record Bad(byte[] key, byte[] value, RejectionReason reason) {
    }

    /**
     * What the application wrote.
     *
     * @param scored      scored reviews, in topic order per partition
     * @param deadLetters dead letters
     */
    public record Outputs(List<ConsumerRecord<byte[], byte[]>> scored, List<ConsumerRecord<byte[], byte[]>> deadLetters) {
    }

    /** A scenario on the cluster at {@code bootstrapServers}, topics named with {@code prefix}. */
    public ScoringScenario(String bootstrapServers, String prefix, Path workDir) {
        this.bootstrapServers = bootstrapServers;
        this.topics = new StreamsAppConfig.Topics(prefix + "reviews", prefix + "reviews-scored",
                prefix + "reviews-dlq", prefix + "sentiment-metrics");
        this.labelsTopic = prefix + "review-labels";
        this.alertsTopic = prefix + "sentiment-alerts";
        this.workDir = workDir;
        // One request in flight: right after a topic is created, a batch answered NOT_LEADER_OR_FOLLOWER
        // while the next one was already sent left this idempotent producer retrying
        // OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout (seen twice in CrashRecoveryTest on a
        // loaded machine). The inputs' order and exactly-once are what the tests check, not speed.
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1",
                ProducerConfig.LINGER_MS_CONFIG, "5"),
                new ByteArraySerializer(), new ByteArraySerializer());
        // Recent timestamps: the broker would delete segments of old ones under the topics' retention.
        this.baseTimestamp = Instant.now().minusSeconds(3600).toEpochMilli() / WINDOW_MS * WINDOW_MS;
    }

    /** The topic names. */
    public StreamsAppConfig.Topics topics() {
        return topics;
    }

    /** The labels topic. */
    public String labelsTopic() {
        return labelsTopic;
    }

    /** The alerts topic. */
    public String alertsTopic() {
        return alertsTopic;
    }

    /** Creates the topics from the project's definitions, with {@code partitions} input partitions. */
    public void createTopics(int partitions) throws Exception {
        Map<String, String> names = Map.of("reviews", topics.reviews(), "reviews-scored", topics.scored(),
                "reviews-dlq", topics.dlq(), "sentiment-metrics", topics.metrics(), "review-labels", labelsTopic,
                "sentiment-alerts", alertsTopic);
        List<TopicDefinition> definitions = new ArrayList<>();
        for (TopicDefinition topic : TopicDefinitions.bundled()) {
            if (topic.name().equals(io.sentimentstream.registry.RegistryTopic.DEFAULT_NAME)
                    || topic.name().equals(TestConfigs.of().modelRegistry().challengerTopic())) {
                continue; // the model registry and its challenger: only the tests that follow it create them
            }
            boolean partitioned = topic.name().equals("reviews") || topic.name().equals("reviews-scored");
            definitions.add(new TopicDefinition(Objects.requireNonNull(names.get(topic.name())), topic.description(),
                    partitioned ? partitions : topic.partitions(), 1, topic.config()));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<TopicCreator.Result> results = new TopicCreator(admin, Duration.ofSeconds(30)).createMissing(definitions);
            assertTrue(results.stream().allMatch(r -> r.status() == TopicCreator.Status.CREATED), results.toString());
        }
    }

    /**
     * Settings for an application instance on these topics: small batches and windows that do not
     * close during the test (an hour of grace), fast commits, one replica for internal topics.
     */
    public Map<String, String> settings(String applicationId, Path modelPath) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", bootstrapServers);
        settings.put("application.id", applicationId);
        settings.put("topic.reviews", topics.reviews());
        settings.put("topic.scored", topics.scored());
        settings.put("topic.dlq", topics.dlq());
        settings.put("topic.metrics", topics.metrics());
        settings.put("topic.labels", labelsTopic);
        settings.put("topic.alerts", alertsTopic);
        settings.put("model.path", modelPath.toString());
        settings.put("batch.size", "32");
        settings.put("batch.max.wait.ms", "200");
        settings.put("http.port", "0");
        settings.put("metrics.window.size.ms", String.valueOf(WINDOW_MS));
        settings.put("metrics.window.advance.ms", String.valueOf(WINDOW_MS));
        settings.put("metrics.window.grace.ms", "3600000");
        settings.put("metrics.emit.interval.ms", "500");
        settings.put("startup.timeout.ms", "20000");
        settings.put("shutdown.timeout.ms", "20000");
        settings.put("streams.replication.factor", "1");
        // streams.commit.interval.ms is the application's own default: the hostile-input and crash
        // scenarios run the commit interval that ships.
        settings.put("streams.session.timeout.ms", "4000");
        settings.put("streams.heartbeat.interval.ms", "1000");
        settings.put("streams.state.dir", workDir.resolve("state-" + applicationId).toString());
        return settings;
    }

    /** Writes labelled reviews as JSON (id, text, label and a carried field); returns them as sent. */
    public List<Sent> produceReviews(List<Review> reviews) throws Exception {
        return produceReviews(reviews, true);
    }

    /**
     * Writes reviews as JSON (id, text, a carried field and, when {@code withLabels}, the label);
     * returns them as sent (with their label either way, so labels can be sent later).
     */
    public List<Sent> produceReviews(List<Review> reviews, boolean withLabels) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<Sent> batch = new ArrayList<>();
        for (Review review : reviews) {
            String id = "imdb-" + review.id() + "-" + produced;
            ReviewEvent event = new ReviewEvent(id, review.text(), withLabels ? review.label() : null,
                    Map.of("source", new TextNode("scenario")));
            long timestamp = nextTimestamp();
            byte[] key = id.getBytes(StandardCharsets.UTF_8);
            acks.add(producer.send(new ProducerRecord<>(topics.reviews(), null, timestamp, key, event.toJson())));
            batch.add(new Sent(id, key, withLabels ? review.label().label() : null, timestamp, -1));
        }
        return record(batch, acks);
    }

    /** Writes plain-text reviews (what a console producer user types), keyed by their id. */
    public List<Sent> producePlainText(List<String> texts) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<Sent> batch = new ArrayList<>();
        for (String text : texts) {
            String id = "plain-" + produced;
            long timestamp = nextTimestamp();
            byte[] key = id.getBytes(StandardCharsets.UTF_8);
            acks.add(producer.send(new ProducerRecord<>(topics.reviews(), null, timestamp, key,
                    text.getBytes(StandardCharsets.UTF_8))));
            batch.add(new Sent(id, key, null, timestamp, -1));
        }
        return record(batch, acks);
    }

    /** Writes one bad record of every kind (twice each); returns them. */
    public List<Bad> produceBadRecords() throws Exception {
        List<Bad> batch = new ArrayList<>();
        for (int copy = 0; copy < 2; copy++) {
            batch.add(bad(null, RejectionReason.NULL_VALUE, copy));
            batch.add(bad(new byte[] {'x', (byte) 0xC3, (byte) 0x28}, RejectionReason.INVALID_UTF8, copy));
            batch.add(bad(utf8("{\"text\": \"no end"), RejectionReason.INVALID_JSON, copy));
            batch.add(bad(utf8("{\"id\": \"x\"}"), RejectionReason.MISSING_TEXT, copy));
            batch.add(bad(utf8("{\"text\": \"\"}"), RejectionReason.EMPTY_TEXT, copy));
            batch.add(bad(utf8("   "), RejectionReason.EMPTY_TEXT, copy + 10));
            batch.add(bad(utf8("{\"text\": \"ok\", \"label\": \"great\"}"), RejectionReason.UNKNOWN_LABEL, copy));
            batch.add(bad(utf8("{\"text\": 3}"), RejectionReason.INVALID_FIELD, copy));
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Bad record : batch) {
            acks.add(producer.send(new ProducerRecord<>(topics.reviews(), null, nextTimestamp(), record.key(),
                    record.value())));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        bad.addAll(batch);
        return batch;
    }

    /** Every good review sent so far, by id. */
    public Map<String, Sent> sent() {
        return Map.copyOf(sent);
    }

    /** Every bad record sent so far. */
    public List<Bad> bad() {
        return List.copyOf(bad);
    }

    /** Reads the outputs until every review sent has a result and every bad record a dead letter. */
    public Outputs awaitOutputs(Duration timeout) {
        openReaders();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> scored = scoredReader.readUntil(all -> all.size() >= sent.size(), timeout);
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        List<ConsumerRecord<byte[], byte[]>> dead = deadLetterReader.readUntil(all -> all.size() >= bad.size(), left);
        return new Outputs(scored, dead);
    }

    /** Reads the scored topic until it holds at least {@code count} results (committed ones only). */
    public int awaitScoredAtLeast(int count, Duration timeout) {
        openReaders();
        return scoredReader.readUntil(all -> all.size() >= count, timeout).size();
    }

    /** Reads a little longer, then returns everything: duplicates would show here. */
    public Outputs settle(Duration duration) {
        openReaders();
        return new Outputs(scoredReader.readFor(duration), deadLetterReader.readFor(Duration.ofMillis(200)));
    }

    /**
     * Checks that every review sent has exactly one result, with its key, id, label and
     * correctness, and nothing else was scored.
     */
    public void assertEveryReviewScoredExactlyOnce(Outputs outputs) {
        Map<String, Integer> seen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : outputs.scored()) {
            ScoredReview result = ScoredReview.fromJson(record.value());
            seen.merge(result.id(), 1, Integer::sum);
            Sent original = sent.get(result.id());
            assertNotNull(original, "scored something never sent: " + result.id());
            assertArrayEquals(original.key(), record.key(), "same key");
            assertEquals(original.timestamp(), record.timestamp(), "input timestamp kept");
            assertEquals(original.partition(), record.partition(), "same partition as the review");
            if (original.label() == null) {
                assertEquals(null, result.label());
            } else {
                assertEquals(original.label(), result.label().label());
                assertEquals(result.label() == result.sentiment(), result.correct());
                assertEquals("scenario", result.carried().get("source").asText(), "carried field");
            }
        }
        List<String> duplicates = seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .limit(10).toList();
        assertTrue(duplicates.isEmpty(), "scored more than once: " + duplicates);
        List<String> missing = sent.keySet().stream().filter(id -> !seen.containsKey(id)).limit(10).toList();
        assertTrue(missing.isEmpty(), "never scored (" + (sent.size() - seen.size()) + "): " + missing);
        assertEquals(sent.size(), outputs.scored().size());
    }

    /** Checks that per input partition the results come in the order the reviews were sent. */
    public void assertOrderKeptPerPartition(Outputs outputs) {
        Map<Integer, Long> lastTimestamp = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : outputs.scored()) {
            // Timestamps grow with the send order, so per partition they must grow in the output too.
            Long previous = lastTimestamp.put(record.partition(), record.timestamp());
            assertTrue(previous == null || previous < record.timestamp(),
                    "out of order in partition " + record.partition());
        }
    }

    /** Checks that every bad record is in the dead-letter topic once, unchanged, with its reason. */
    public void assertEveryBadRecordDeadLettered(Outputs outputs) {
        assertEquals(bad.size(), outputs.deadLetters().size(), "one dead letter per bad record");
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : outputs.deadLetters()) {
            assertEquals(null, byKey.put(new String(letter.key(), StandardCharsets.UTF_8), letter), "duplicate");
        }
        for (Bad record : bad) {
            ConsumerRecord<byte[], byte[]> letter = byKey.get(new String(record.key(), StandardCharsets.UTF_8));
            assertNotNull(letter, "no dead letter for " + new String(record.key(), StandardCharsets.UTF_8));
            assertArrayEquals(record.value(), letter.value());
            assertEquals(record.reason().name(), header(letter, DeadLetterHeaders.REASON));
            assertEquals(topics.reviews(), header(letter, DeadLetterHeaders.TOPIC));
            assertNotNull(header(letter, DeadLetterHeaders.OFFSET));
            assertNotNull(header(letter, DeadLetterHeaders.MESSAGE));
        }
    }

    /**
     * Waits for the cumulative metrics to count every result, then checks them and every window
     * against the accuracy computed from the results themselves.
     */
    public MetricsSnapshot assertMetricsMatchOutputs(Outputs outputs, Duration timeout) {
        openReaders();
        int total = outputs.scored().size();
        List<ConsumerRecord<byte[], byte[]>> metrics = metricsReader.readUntil(all -> all.stream()
                .map(r -> MetricsSnapshot.fromJson(r.value()))
                .anyMatch(s -> s.kind() == MetricsSnapshot.Kind.CUMULATIVE && s.count() == total), timeout);
        Map<String, MetricsSnapshot> latest = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : metrics) {
            latest.put(new String(record.key(), StandardCharsets.UTF_8), MetricsSnapshot.fromJson(record.value()));
        }
        MetricsSnapshot cumulative = latest.values().stream()
                .filter(s -> s.kind() == MetricsSnapshot.Kind.CUMULATIVE).findFirst()
                .orElseGet(() -> fail("no cumulative metrics"));
        assertEquals(total, cumulative.count(), "cumulative count");

        long labelled = 0;
        long correct = 0;
        long positive = 0;
        Map<Long, long[]> windows = new HashMap<>();  // start -> count, labelled, correct
        for (ConsumerRecord<byte[], byte[]> record : outputs.scored()) {
            ScoredReview result = ScoredReview.fromJson(record.value());
            long[] window = windows.computeIfAbsent(Math.floorDiv(record.timestamp(), WINDOW_MS) * WINDOW_MS,
                    start -> new long[3]);
            window[0]++;
            positive += result.sentiment().label().equals("pos") ? 1 : 0;
            if (result.correct() != null) {
                labelled++;
                window[1]++;
                if (result.correct()) {
                    correct++;
                    window[2]++;
                }
            }
        }
        assertEquals(labelled, cumulative.labelledCount());
        assertEquals(correct, cumulative.correctCount());
        assertEquals((double) correct / labelled, cumulative.accuracy(), 1e-12);
        assertEquals((double) positive / total, cumulative.positiveRate(), 1e-12);

        for (Map.Entry<Long, long[]> window : windows.entrySet()) {
            MetricsSnapshot snapshot = latest.values().stream()
                    .filter(s -> s.kind() == MetricsSnapshot.Kind.WINDOW
                            && s.windowStart().toEpochMilli() == window.getKey())
                    .findFirst().orElseGet(() -> fail("no snapshot of window " + Instant.ofEpochMilli(window.getKey())));
            assertEquals(window.getValue()[0], snapshot.count(), "count of window " + snapshot.windowStart());
            assertEquals(window.getValue()[1], snapshot.labelledCount());
            assertEquals(window.getValue()[2], snapshot.correctCount());
        }
        assertEquals(windows.size(), latest.values().stream().filter(s -> s.kind() == MetricsSnapshot.Kind.WINDOW)
                .count(), "no window without results");
        return cumulative;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        for (TopicReader reader : new TopicReader[] {scoredReader, deadLetterReader, metricsReader}) {
            if (reader != null) {
                reader.close();
            }
        }
    }

    private void openReaders() {
        if (scoredReader == null) {
            scoredReader = new TopicReader(bootstrapServers, topics.scored());
            deadLetterReader = new TopicReader(bootstrapServers, topics.dlq());
            metricsReader = new TopicReader(bootstrapServers, topics.metrics());
        }
    }

    private List<Sent> record(List<Sent> batch, List<Future<RecordMetadata>> acks) throws Exception {
        List<Sent> done = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Sent s = batch.get(i);
            Sent withPartition = new Sent(s.id(), s.key(), s.label(), s.timestamp(), acks.get(i).get().partition());
            sent.put(s.id(), withPartition);
            done.add(withPartition);
        }
        return done;
    }

    private Bad bad(byte[] value, RejectionReason reason, int copy) {
        return new Bad(utf8("bad-" + reason.name() + "-" + copy), value, reason);
    }

    private long nextTimestamp() {
        return baseTimestamp + 100L * produced++;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
