package io.sentimentstream.streams.model;

import static io.sentimentstream.streams.testing.ScoringDriver.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.drift.ReferenceProfile;
import io.sentimentstream.core.drift.ReferenceProfiles;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.registry.TestBundleFiles;
import io.sentimentstream.streams.config.StreamsAppConfig;
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
    void labelsJoinedAcrossASwapCountForTheVersionThatScoredAndDriftUsesThatVersionsProfile() throws Exception {
        SentimentModel tiny = TestModels.tiny();
        ReferenceProfile profile = ReferenceProfiles.compute(tiny, List.of("the movie was great", "awful film"),
                List.of(Sentiment.POS, Sentiment.NEG), "two reviews");
        SentimentModel first = new SentimentModel(new ModelBundle(tiny.manifest().withReferenceProfile(profile),
                TestModels.tinyBundle().vocabulary(), TestModels.tinyBundle().network(), TestModels.tinyBundle().ngram()));
        SentimentModel second = SentimentModel.load(TestBundleFiles.withVersion(TestModels.writeTiny(dir), "0.0.2",
                dir.resolve("second.bundle")));
        ModelRef v1 = HotSwapScorers.refOf(first);
        ModelRef v2 = HotSwapScorers.refOf(second);
        HotSwapScorers scorers = new HotSwapScorers(first);
        List<SentimentModel> swappedIn = new java.util.ArrayList<>();
        scorers.onSwap(swappedIn::add);
        StreamsAppConfig config = TestConfigs.of("batch.size", "4", "batch.max.wait.ms", "60000");
        try (ScoringDriver driver = new ScoringDriver(config, scorers, dir.resolve("state"),
                ScoringDriver.budget(config, config.maxRequestBytes()), scorers::profile)) {
            pipe(driver, 0, 4);
            scorers.swap(second);
            pipe(driver, 4, 4);
            assertEquals(List.of(v1, v1, v1, v1, v2, v2, v2, v2), models(driver.scored.readValuesToList()));
            assertEquals(List.of(second), swappedIn);
            // Labels come after the swap: one for a review of each version, three for the old one.
            for (String id : List.of("r0", "r1", "r2", "r5")) {
                driver.labels.pipeInput(utf8(id), utf8("pos"), ScoringDriver.START.plusMillis(100));
            }

            driver.advance(Duration.ofSeconds(6));
            Map<String, MetricsSnapshot> metrics = driver.metricsTopic.readKeyValuesToMap();
            MetricsSnapshot old = metrics.get(RollingMetricsProcessor.cumulativeKey(v1));
            MetricsSnapshot now = metrics.get(RollingMetricsProcessor.cumulativeKey(v2));
            assertEquals(3, old.labelledCount(), "labels of reviews the old version scored count for it");
            assertEquals(1, now.labelledCount());
            assertEquals(3, old.quality().labelsJoinedLater());
            assertNotNull(old.quality().distance().probabilityPsi(), "the old version's drift against its profile");
            assertNull(now.quality().distance().probabilityPsi(), "the new version has no profile");
            assertSame(profile, scorers.profile(v1));
            assertNull(scorers.profile(v2));
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
