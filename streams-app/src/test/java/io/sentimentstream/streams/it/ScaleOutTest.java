package io.sentimentstream.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.streams.ScoringApplication;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.testing.ScoringScenario;
import io.sentimentstream.streams.testing.SharedKafka;
import io.sentimentstream.streams.testing.SharedReviews;
import io.sentimentstream.streams.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two instances with one application id split the input partitions and together score every review once. */
@ExtendWith(SharedKafka.class)
class ScaleOutTest {

    private static final int PARTITIONS = 4;

    @TempDir
    Path workDir;

    @Test
    void twoInstancesShareThePartitionsAndScoreEveryReviewOnce() throws Exception {
        try (ScoringScenario scenario = new ScoringScenario(SharedKafka.bootstrapServers(), "scale-", workDir)) {
            scenario.createTopics(PARTITIONS);
            try (ScoringApplication a = ScoringApplication.start(config(scenario, "a"), TestModels.tiny());
                 ScoringApplication b = ScoringApplication.start(config(scenario, "b"), TestModels.tiny())) {
                String input = scenario.topics().reviews();
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                Set<Integer> ofA = Set.of();
                Set<Integer> ofB = Set.of();
                while (System.nanoTime() < deadline) {
                    ofA = inputPartitions(a, input);
                    ofB = inputPartitions(b, input);
                    if (a.health().ready() && b.health().ready() && !ofA.isEmpty() && !ofB.isEmpty()
                            && ofA.size() + ofB.size() == PARTITIONS) {
                        break;
                    }
                    Thread.sleep(200);
                }
                assertTrue(!ofA.isEmpty() && !ofB.isEmpty(), "both instances have partitions: " + ofA + " " + ofB);
                Set<Integer> all = new HashSet<>(ofA);
                all.addAll(ofB);
                assertEquals(PARTITIONS, all.size(), "together they cover every partition: " + ofA + " " + ofB);
                assertEquals(PARTITIONS, ofA.size() + ofB.size(), "no partition twice");

                scenario.produceReviews(SharedReviews.sample(2_000));
                scenario.awaitOutputs(Duration.ofMinutes(3));
                ScoringScenario.Outputs outputs = scenario.settle(Duration.ofSeconds(2));
                scenario.assertEveryReviewScoredExactlyOnce(outputs);
                scenario.assertOrderKeptPerPartition(outputs);

                double byA = a.metrics().scoredCount();
                double byB = b.metrics().scoredCount();
                assertTrue(byA > 0 && byB > 0, "both scored: " + byA + " and " + byB);
                assertEquals(2_000, byA + byB, 0.0, "each review scored by one instance");
            }
        }
    }

    private StreamsAppConfig config(ScoringScenario scenario, String instance) {
        Map<String, String> settings = new java.util.HashMap<>(scenario.settings("scale-app", workDir.resolve("unused")));
        settings.put("streams.state.dir", workDir.resolve("state-" + instance).toString());
        return StreamsAppConfig.from(settings);
    }

    private static Set<Integer> inputPartitions(ScoringApplication app, String topic) {
        return app.streams().metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .filter(partition -> partition.topic().equals(topic))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
    }
}
