package io.sentimentstream.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.streams.testing.AppProcess;
import io.sentimentstream.streams.testing.ScoringScenario;
import io.sentimentstream.streams.testing.SharedKafka;
import io.sentimentstream.streams.testing.SharedReviews;
import io.sentimentstream.streams.testing.TestModels;
import io.sentimentstream.streams.testing.TopicReader;
import io.sentimentstream.streams.topology.MicroBatchScorer;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application as a separate JVM, killed with SIGKILL twice: once while reviews wait in its
 * micro-batch buffer (their offsets committed, their results not yet written), once in the middle
 * of a stream. After restarts, a {@code read_committed} consumer sees every review scored exactly
 * once, every bad record dead-lettered once and metrics that count each review once; a final
 * SIGTERM stops the application cleanly.
 */
@ExtendWith(SharedKafka.class)
class CrashRecoveryTest {

    private static final int BATCH = 50;
    private static final String APP_ID = "crash-app";
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path workDir;

    @Test
    void noReviewIsLostOrScoredTwiceAcrossHardKills() throws Exception {
        List<Review> reviews = SharedReviews.sample(3_000);
        Path config = workDir.resolve("app.properties");
        try (ScoringScenario scenario = new ScoringScenario(SharedKafka.bootstrapServers(), "crash-", workDir)) {
            scenario.createTopics(2);
            writeConfig(config, scenario.settings(APP_ID, TestModels.writeTiny(workDir)));

            // Phase 1: a long maximum wait, so each partition's last partial batch stays buffered.
            List<ScoringScenario.Sent> first = scenario.produceReviews(reviews.subList(0, 1_037));
            int fullBatches = 0;
            int remainder = 0;
            for (long n : countByPartition(first).values()) {
                fullBatches += (int) (n / BATCH * BATCH);
                remainder += (int) (n % BATCH);
            }
            assertTrue(remainder > 0, "the test needs a partial batch");
            try (AppProcess app = start(config, "1", "batch.max.wait.ms=600000")) {
                assertEquals(fullBatches, scenario.awaitScoredAtLeast(fullBatches, PHASE_TIMEOUT), app.logTail(50));
                // The partial batches are committed in the buffer's changelog, not scored.
                assertEquals(remainder, awaitCommittedBufferEntries(remainder), "buffered reviews in the changelog");
                assertEquals(fullBatches, scenario.settle(Duration.ofMillis(500)).scored().size(),
                        "partial batches wait for their time");
                app.killHard();
            }

            // Phase 2: restart; the restored buffer is scored. Then more reviews and bad records,
            // and a hard kill in the middle of them.
            try (AppProcess app = start(config, "2", "batch.max.wait.ms=300")) {
                assertEquals(first.size(), scenario.awaitScoredAtLeast(first.size(), PHASE_TIMEOUT), app.logTail(50));
                scenario.produceReviews(reviews.subList(1_037, 2_000));
                scenario.produceBadRecords();
                scenario.produceReviews(reviews.subList(2_000, 3_000));
                int before = scenario.awaitScoredAtLeast(first.size() + 200, PHASE_TIMEOUT);
                app.killHard();
                System.out.printf("killed with %d of %d reviews scored%n", before, reviews.size());
            }

            // Phase 3: restart, finish, stop with SIGTERM.
            try (AppProcess app = start(config, "3", "batch.max.wait.ms=300")) {
                ScoringScenario.Outputs outputs = scenario.awaitOutputs(PHASE_TIMEOUT);
                assertEquals(reviews.size(), outputs.scored().size(), app.logTail(50));
                outputs = scenario.settle(Duration.ofSeconds(3));
                scenario.assertEveryReviewScoredExactlyOnce(outputs);
                scenario.assertOrderKeptPerPartition(outputs);
                scenario.assertEveryBadRecordDeadLettered(outputs);
                scenario.assertMetricsMatchOutputs(outputs, PHASE_TIMEOUT);

                // The JVM reports a SIGTERM as 143 (128 + 15) even when its shutdown hook completes.
                int code = app.terminate(Duration.ofSeconds(60));
                assertTrue(code == 143 || code == 0, "exit code " + code + "\n" + app.logTail(30));
                assertTrue(app.log().contains("PENDING_SHUTDOWN -> NOT_RUNNING") && app.log().contains("stopped"),
                        "Kafka Streams closed through the shutdown hook\n" + app.logTail(30));
            }
        }
    }

    private AppProcess start(Path config, String run, String... sets) throws IOException {
        String[] args = new String[2 + 2 * sets.length];
        args[0] = "--config";
        args[1] = config.toString();
        for (int i = 0; i < sets.length; i++) {
            args[2 + 2 * i] = "--set";
            args[3 + 2 * i] = sets[i];
        }
        return AppProcess.start(workDir.resolve("app-" + run + ".log"), args);
    }

    private int awaitCommittedBufferEntries(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int live = committedBufferEntries();
        while (live != expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            live = committedBufferEntries();
        }
        return live;
    }

    /** Buffer entries whose latest committed changelog record is not a tombstone. */
    private int committedBufferEntries() {
        try (TopicReader changelog = new TopicReader(SharedKafka.bootstrapServers(),
                APP_ID + "-" + MicroBatchScorer.BUFFER_STORE + "-changelog")) {
            Map<String, Boolean> live = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : changelog.readFor(Duration.ofSeconds(1))) {
                live.put(record.partition() + "/" + java.util.Arrays.toString(record.key()), record.value() != null);
            }
            return (int) live.values().stream().filter(v -> v).count();
        }
    }

    private static Map<Integer, Long> countByPartition(List<ScoringScenario.Sent> sent) {
        Map<Integer, Long> counts = new HashMap<>();
        sent.forEach(s -> counts.merge(s.partition(), 1L, Long::sum));
        return counts;
    }

    private static void writeConfig(Path file, Map<String, String> settings) throws IOException {
        Properties props = new Properties();
        props.putAll(settings);
        props.put("batch.size", String.valueOf(BATCH));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(writer, "crash test");
        }
    }
}
