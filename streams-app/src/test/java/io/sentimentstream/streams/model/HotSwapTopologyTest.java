package io.sentimentstream.streams.model;

import static io.sentimentstream.streams.testing.ScoringDriver.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.registry.TestBundleFiles;
import io.sentimentstream.streams.scoring.ReviewScorer;
import io.sentimentstream.streams.testing.ScoringDriver;
import io.sentimentstream.streams.testing.TestConfigs;
import io.sentimentstream.streams.testing.TestModels;
import io.sentimentstream.streams.topology.RollingMetricsProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The swap in the topology: at a micro-batch boundary, each result naming the model that scored it. */
class HotSwapTopologyTest {

    @TempDir
    Path dir;

    @Test
    void aSwapTakesEffectAtTheNextBatchAndEveryResultNamesItsModel() throws Exception {
        SentimentModel first = TestModels.tiny();
        SentimentModel second = SentimentModel.load(TestBundleFiles.withVersion(TestModels.writeTiny(dir), "0.0.2",
                dir.resolve("second.bundle")));
        ModelRef v1 = HotSwapScorers.refOf(first);
        ModelRef v2 = HotSwapScorers.refOf(second);
        HotSwapScorers scorers = new HotSwapScorers(first);
        try (ScoringDriver driver = new ScoringDriver(TestConfigs.of("batch.size", "4", "batch.max.wait.ms", "60000"),
                scorers, dir.resolve("state"))) {
            pipe(driver, 0, 4);
            assertEquals(List.of(v1, v1, v1, v1), models(driver.scored.readValuesToList()));

            pipe(driver, 4, 2); // waiting in the buffer, encoded by the first model
            assertEquals(List.of(), driver.scored.readValuesToList());
            scorers.swap(second);
            pipe(driver, 6, 2); // fills the batch
            // The batch that was filling when the swap came is scored by the new model, all of it.
            assertEquals(List.of(v2, v2, v2, v2), models(driver.scored.readValuesToList()));

            pipe(driver, 8, 4);
            assertEquals(List.of(v2, v2, v2, v2), models(driver.scored.readValuesToList()));

            driver.advance(Duration.ofSeconds(6)); // the metrics' emit interval
            Map<String, MetricsSnapshot> metrics = driver.metricsTopic.readKeyValuesToMap();
            assertEquals(4, metrics.get(RollingMetricsProcessor.cumulativeKey(v1)).count(), "metrics per version");
            assertEquals(8, metrics.get(RollingMetricsProcessor.cumulativeKey(v2)).count(), "metrics per version");
        }
    }

    @Test
    void eachThreadScoresWithItsOwnCopyOfTheModelInService() throws Exception {
        SentimentModel first = TestModels.tiny();
        SentimentModel second = SentimentModel.load(TestBundleFiles.withVersion(TestModels.writeTiny(dir), "0.0.2",
                dir.resolve("second.bundle")));
        HotSwapScorers scorers = new HotSwapScorers(first);
        ReviewScorer mine = scorers.get();
        ReviewScorer[] other = new ReviewScorer[1];
        Thread thread = new Thread(() -> other[0] = scorers.get());
        thread.start();
        thread.join();
        assertNotSame(mine, other[0], "one copy per thread");
        assertSame(mine, scorers.get(), "the same copy while the model serves");
        scorers.swap(second);
        assertEquals(HotSwapScorers.refOf(second), scorers.get().model());
        assertEquals(HotSwapScorers.refOf(second), scorers.model());
    }

    private static void pipe(ScoringDriver driver, int from, int count) {
        for (int i = from; i < from + count; i++) {
            driver.reviews.pipeInput(utf8("k" + i), utf8("{\"id\":\"r" + i + "\",\"text\":\"the movie was great\"}"),
                    ScoringDriver.START.plusMillis(i));
        }
    }

    private static List<ModelRef> models(List<ScoredReview> results) {
        return results.stream().map(ScoredReview::model).toList();
    }
}
