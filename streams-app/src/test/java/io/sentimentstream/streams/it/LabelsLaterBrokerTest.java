package io.sentimentstream.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.DeadLetterHeaders;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.streams.ScoringApplication;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.testing.ScoringScenario;
import io.sentimentstream.streams.testing.SharedKafka;
import io.sentimentstream.streams.testing.TestModels;
import io.sentimentstream.streams.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels joined later against a real broker (in-process KRaft): reviews without labels are scored
 * first; their labels come afterwards on the labels topic, stamped five minutes after their
 * reviews (simulated time); the metrics then equal what is computed by joining the scored outputs
 * with the labels sent, window by window and cumulatively, coverage and delay included. A second
 * label and a bad one are dead-lettered.
 */
@ExtendWith(SharedKafka.class)
class LabelsLaterBrokerTest {

    private static final int REVIEWS = 90;
    private static final long DELAY_MS = 5 * 60_000;

    @TempDir
    Path workDir;

    @Test
    void labelsSentLaterAreJoinedAndTheMetricsMatchTheJoinedOutputs() throws Exception {
        List<Review> reviews = new ArrayList<>();
        for (int i = 0; i < REVIEWS; i++) {
            boolean pos = i % 3 != 0;
            reviews.add(new Review(String.valueOf(i), (pos ? "a great good film " : "awful boring plot ") + i,
                    pos ? Sentiment.POS : Sentiment.NEG, null));
        }
        try (ScoringScenario scenario = new ScoringScenario(SharedKafka.bootstrapServers(), "later-", workDir)) {
            scenario.createTopics(3);
            Map<String, String> settings = scenario.settings("later-app", workDir.resolve("unused"));
            settings.put("labels.horizon.ms", "600000");
            StreamsAppConfig config = StreamsAppConfig.from(settings);
            try (ScoringApplication app = ScoringApplication.start(config, TestModels.tiny());
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                         new ByteArraySerializer(), new ByteArraySerializer());
                 TopicReader metricsReader = new TopicReader(SharedKafka.bootstrapServers(), scenario.topics().metrics());
                 TopicReader deadLetters = new TopicReader(SharedKafka.bootstrapServers(), scenario.topics().dlq())) {
                assertTrue(app.awaitRunning(Duration.ofSeconds(90)), "running");
                List<ScoringScenario.Sent> sent = scenario.produceReviews(reviews, false);
                ScoringScenario.Outputs outputs = scenario.awaitOutputs(Duration.ofMinutes(2));
                assertEquals(REVIEWS, outputs.scored().size());

                // Labels for two reviews in three, five minutes (of record time) after their reviews.
                Map<String, Sentiment> labels = new HashMap<>();
                for (int i = 0; i < REVIEWS; i++) {
                    if (i % 3 == 2) {
                        continue;
                    }
                    ScoringScenario.Sent review = sent.get(i);
                    String value = i % 2 == 0 ? "{\"id\":\"" + review.id() + "\",\"label\":\""
                            + reviews.get(i).label().label() + "\"}" : reviews.get(i).label().label();
                    producer.send(new ProducerRecord<>(scenario.labelsTopic(), null, review.timestamp() + DELAY_MS,
                            review.key(), value.getBytes(StandardCharsets.UTF_8))).get();
                    labels.put(review.id(), reviews.get(i).label());
                }
                ScoringScenario.Sent first = sent.get(0);
                producer.send(new ProducerRecord<>(scenario.labelsTopic(), null, first.timestamp() + DELAY_MS + 1,
                        first.key(), "neg".getBytes(StandardCharsets.UTF_8))).get();      // a second label
                producer.send(new ProducerRecord<>(scenario.labelsTopic(), null, first.timestamp() + DELAY_MS + 2,
                        first.key(), "great".getBytes(StandardCharsets.UTF_8))).get();    // not a label

                List<ConsumerRecord<byte[], byte[]>> letters = deadLetters.readUntil(all -> all.size() >= 2,
                        Duration.ofMinutes(1));
                assertEquals(List.of("DUPLICATE_LABEL", "UNKNOWN_LABEL"), letters.stream()
                        .map(r -> new String(r.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                                StandardCharsets.UTF_8)).sorted().toList());

                // What the metrics must say, from the scored outputs joined with the labels sent.
                long correct = 0;
                Map<Long, long[]> windows = new HashMap<>();  // start -> count, labelled, correct
                for (ConsumerRecord<byte[], byte[]> record : outputs.scored()) {
                    ScoredReview result = ScoredReview.fromJson(record.value());
                    long[] window = windows.computeIfAbsent(Math.floorDiv(record.timestamp(), ScoringScenario.WINDOW_MS)
                            * ScoringScenario.WINDOW_MS, start -> new long[3]);
                    window[0]++;
                    Sentiment label = labels.get(result.id());
                    if (label != null) {
                        window[1]++;
                        boolean right = label == result.sentiment();
                        window[2] += right ? 1 : 0;
                        correct += right ? 1 : 0;
                    }
                }
                int labelled = labels.size();
                List<ConsumerRecord<byte[], byte[]>> metrics = metricsReader.readUntil(all -> all.stream()
                        .map(r -> MetricsSnapshot.fromJson(r.value()))
                        .anyMatch(s -> s.kind() == MetricsSnapshot.Kind.CUMULATIVE && s.labelledCount() == labelled),
                        Duration.ofMinutes(1));
                metrics = metricsReader.readFor(Duration.ofSeconds(1));  // the windows of the same write
                Map<String, MetricsSnapshot> latest = new LinkedHashMap<>();
                metrics.forEach(r -> latest.put(new String(r.key(), StandardCharsets.UTF_8),
                        MetricsSnapshot.fromJson(r.value())));
                MetricsSnapshot cumulative = latest.values().stream()
                        .filter(s -> s.kind() == MetricsSnapshot.Kind.CUMULATIVE).findFirst().orElseThrow();
                assertEquals(REVIEWS, cumulative.count());
                assertEquals(labelled, cumulative.labelledCount());
                assertEquals(correct, cumulative.correctCount());
                assertEquals((double) labelled / REVIEWS, cumulative.labelCoverage(), 1e-12);
                assertEquals(labelled, cumulative.quality().labelsJoinedLater());
                assertEquals((double) DELAY_MS, cumulative.quality().labelDelayMeanMs(), 1e-9);
                assertEquals(DELAY_MS, cumulative.quality().labelDelayMaxMs());
                for (Map.Entry<Long, long[]> window : windows.entrySet()) {
                    MetricsSnapshot snapshot = latest.values().stream()
                            .filter(s -> s.kind() == MetricsSnapshot.Kind.WINDOW
                                    && s.windowStart().toEpochMilli() == window.getKey())
                            .findFirst().orElse(null);
                    assertNotNull(snapshot, "window " + window.getKey());
                    assertEquals(window.getValue()[0], snapshot.count(), "count of window " + snapshot.windowStart());
                    assertEquals(window.getValue()[1], snapshot.labelledCount(), "labelled in " + snapshot.windowStart());
                    assertEquals(window.getValue()[2], snapshot.correctCount(), "correct in " + snapshot.windowStart());
                }
            }
        }
    }
}
