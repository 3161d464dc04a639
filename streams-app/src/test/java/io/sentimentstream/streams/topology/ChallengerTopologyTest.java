package io.sentimentstream.streams.topology;

import static io.sentimentstream.streams.testing.ScoringDriver.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.registry.TestBundleFiles;
import io.sentimentstream.streams.metrics.ChallengerMetrics;
import io.sentimentstream.streams.model.ChallengerScorers;
import io.sentimentstream.streams.model.HotSwapScorers;
import io.sentimentstream.streams.scoring.ReviewScorer;
import io.sentimentstream.streams.testing.ScoringDriver;
import io.sentimentstream.streams.testing.TestConfigs;
import io.sentimentstream.streams.testing.TestModels;
import io.sentimentstream.streams.testing.WordScorer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The challenger scores the champion's micro-batches; its verdicts go to the comparison topic only. */
class ChallengerTopologyTest {

    private static final double EPS = 1e-9;

    @TempDir
    Path dir;

    /** Negative (0.2) when a review says {@code bad}, else positive (0.7); fails on {@code boom}. */
    private static final class OtherScorer implements ReviewScorer {
        static final ModelRef MODEL = new ModelRef("other", "2");

        @Override
        public ModelRef model() {
            return MODEL;
        }

        @Override
        public int[] encode(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            return new int[] {lower.contains("bad") ? 1 : 0, lower.contains("boom") ? 1 : 0};
        }

        @Override
        public List<Score> score(List<int[]> encoded) {
            List<Score> scores = new ArrayList<>();
            for (int[] ids : encoded) {
                if (ids[1] == 1) {
                    throw new IllegalStateException("boom");
                }
                scores.add(ids[0] == 1 ? new Score(Sentiment.NEG, 0.2) : new Score(Sentiment.POS, 0.7));
            }
            return scores;
        }
    }

    @Test
    void comparisonsAgreementAndAccuracyWithKnownAnswersAndNoneOnceTheChallengerIsCleared() {
        AtomicReference<ReviewScorer> challenger = new AtomicReference<>(new OtherScorer());
        try (ScoringDriver driver = new ScoringDriver(TestConfigs.of("batch.size", "4", "batch.max.wait.ms", "60000"),
                WordScorer::new, challenger::get, dir.resolve("state"))) {
            pipe(driver, "r0", "good film", "pos");   // champion POS .95, challenger POS .7: agree, both right
            pipe(driver, "r1", "bad film", "neg");    // champion NEG .15, challenger NEG .2: agree, both right
            pipe(driver, "r2", "plain film", "neg");  // champion NEG .15, challenger POS .7: champion right
            pipe(driver, "r3", "good but bad", null); // champion POS, challenger NEG: no label

            List<ScoredReview> scored = driver.scored.readValuesToList();
            assertEquals(List.of("r0", "r1", "r2", "r3"), scored.stream().map(ScoredReview::id).toList());
            assertTrue(scored.stream().allMatch(s -> s.model().equals(WordScorer.MODEL)),
                    "only the champion's verdicts go to the scored topic");

            List<ChallengerComparison> compared = driver.challenger.readValuesToList();
            assertEquals(List.of("r0", "r1", "r2", "r3"), compared.stream().map(ChallengerComparison::id).toList());
            assertEquals(List.of(true, true, false, false), compared.stream().map(ChallengerComparison::agree).toList());
            ChallengerComparison r2 = compared.get(2);
            assertEquals(new ChallengerComparison.Verdict("words@1", "neg", 0.15), r2.champion());
            assertEquals(new ChallengerComparison.Verdict("other@2", "pos", 0.7), r2.challenger());
            assertEquals("neg", r2.label());
            assertNull(compared.get(3).label());
            assertTrue(compared.stream().allMatch(c -> c.challengerNanosPerReview() >= 0));

            ChallengerMetrics.Snapshot metrics = driver.challengerMetrics().snapshot();
            assertEquals(4, metrics.compared());
            assertEquals(0.5, metrics.agreement(), EPS);
            assertEquals(3, metrics.labelled());
            assertEquals(1.0, metrics.championAccuracy(), EPS);
            assertEquals(2.0 / 3, metrics.challengerAccuracy(), EPS);
            // Brier by hand: champion (.05² + .15² + .15²) / 3, challenger (.3² + .2² + .7²) / 3.
            assertEquals((0.0025 + 0.0225 + 0.0225) / 3, metrics.championCalibration().brier(), EPS);
            assertEquals((0.09 + 0.04 + 0.49) / 3, metrics.challengerCalibration().brier(), EPS);
            assertEquals(0.5, gauge(driver, "sentiment.challenger.agreement", null), EPS);
            assertEquals(2.0 / 3, gauge(driver, "sentiment.challenger.accuracy", "challenger"), EPS);
            assertEquals(1.0, gauge(driver, "sentiment.challenger.accuracy", "champion"), EPS);

            challenger.set(null); // cleared in the registry
            for (int i = 4; i < 8; i++) {
                pipe(driver, "r" + i, "good film", "pos");
            }
            assertEquals(4, driver.scored.readValuesToList().size());
            assertTrue(driver.challenger.isEmpty(), "no comparisons without a challenger");
            assertEquals(4, driver.challengerMetrics().snapshot().compared());
        }
    }

    @Test
    void aChallengerFailingOnABatchLeavesTheChampionsResultsAlone() {
        try (ScoringDriver driver = new ScoringDriver(TestConfigs.of("batch.size", "2", "batch.max.wait.ms", "60000"),
                WordScorer::new, OtherScorer::new, dir.resolve("state"))) {
            pipe(driver, "r0", "good film", "pos");
            pipe(driver, "r1", "boom", "neg");
            assertEquals(List.of("r0", "r1"), driver.scored.readValuesToList().stream().map(ScoredReview::id).toList());
            assertTrue(driver.challenger.isEmpty(), "no comparison for a batch the challenger failed on");
            assertTrue(driver.deadLetters.isEmpty(), "a challenger failure is no dead letter");
            assertEquals(1.0, driver.registry().get("sentiment.challenger.failures").counter().count(), EPS);

            pipe(driver, "r2", "good film", "pos");
            pipe(driver, "r3", "bad film", "neg");
            assertEquals(2, driver.challenger.readValuesToList().size(), "the next batch is compared again");
        }
    }

    @Test
    void aRealChallengerModelEncodesWithItsOwnModelAndIsDroppedWhenCleared() throws Exception {
        SentimentModel champion = TestModels.tiny();
        SentimentModel same = SentimentModel.load(TestBundleFiles.withVersion(TestModels.writeTiny(dir), "0.0.2",
                dir.resolve("second.bundle")));
        ChallengerScorers challengers = new ChallengerScorers();
        challengers.set(same);
        try (ScoringDriver driver = new ScoringDriver(TestConfigs.of("batch.size", "2", "batch.max.wait.ms", "60000"),
                new HotSwapScorers(champion), challengers, dir.resolve("state"))) {
            pipe(driver, "r0", "the movie was great", "pos");
            pipe(driver, "r1", "awful film", "neg");
            List<ScoredReview> scored = driver.scored.readValuesToList();
            List<ChallengerComparison> compared = driver.challenger.readValuesToList();
            assertEquals(2, compared.size());
            for (int i = 0; i < 2; i++) {
                // The same network under another version: the same verdict, to the last bit.
                assertEquals(scored.get(i).probability(), compared.get(i).challenger().probability(), 0);
                assertEquals(challengers.model().toString(), compared.get(i).challenger().model());
                assertEquals("0.0.2", challengers.model().version());
                assertTrue(compared.get(i).agree());
            }
            challengers.clear();
            pipe(driver, "r2", "the movie was great", "pos");
            pipe(driver, "r3", "awful film", "neg");
            assertEquals(2, driver.scored.readValuesToList().size());
            assertTrue(driver.challenger.isEmpty());
        }
    }

    /**
     * Labels before and after their reviews count for the challenger too, per window and cumulatively,
     * beside its agreement with the champion; the champion's snapshots stay the champion's alone.
     * Champion: pos .95 with "good", else neg .15. Challenger: neg .2 with "bad", else pos .7.
     */
    @Test
    void labelsJoinedLaterCountForTheChallengerPerWindowWithItsAgreement() {
        try (ScoringDriver driver = new ScoringDriver(TestConfigs.of("batch.size", "1", "metrics.window.size.ms",
                "60000", "metrics.window.advance.ms", "60000", "metrics.window.grace.ms", "10000",
                "metrics.emit.interval.ms", "1000", "labels.horizon.ms", "600000"), WordScorer::new, OtherScorer::new,
                dir.resolve("state"))) {
            label(driver, "a", "pos", 5_000);                 // before its review
            review(driver, "a", "good film", null, 10_000);   // champion pos .95 right, challenger pos .7 right
            review(driver, "b", "bad film", null, 20_000);    // champion neg .15 wrong, challenger neg .2 wrong
            label(driver, "b", "pos", 40_000);                // after its review
            review(driver, "c", "plain film", null, 30_000);  // champion neg .15 right, challenger pos .7 wrong
            label(driver, "c", "neg", 50_000);
            review(driver, "d", "good but bad", null, 35_000); // champion pos, challenger neg: no label
            review(driver, "e", "good film", "neg", 45_000);  // the review's own label: both pos, both wrong
            review(driver, "f", "bad film", null, 70_000);    // the next window: both neg, both right
            label(driver, "f", "neg", 80_000);
            assertTrue(driver.deadLetters.isEmpty());

            driver.advance(Duration.ofSeconds(1));
            Map<String, MetricsSnapshot> out = new HashMap<>();
            driver.metricsTopic.readKeyValuesToList().forEach(kv -> out.put(kv.key, kv.value));
            long t0 = ScoringDriver.START.toEpochMilli();

            var challenger = out.get(RollingMetricsProcessor.windowKey(OtherScorer.MODEL, t0));
            assertEquals(5, challenger.count());
            assertEquals(4, challenger.labelledCount(), "a, b, c later; e inside");
            assertEquals(3, challenger.quality().labelsJoinedLater());
            assertEquals(0.25, challenger.accuracy(), EPS, "a right; b, c, e wrong");
            assertEquals((0.09 + 0.64 + 0.49 + 0.49) / 4, challenger.quality().calibration().brier(), EPS);
            // ECE by hand: bin .7 holds a (pos), c, e (neg): |.7 - 1/3| x 3/4; bin .2 holds b (pos): |.2 - 1| x 1/4
            assertEquals(Math.abs(0.7 - 1.0 / 3) * 3 / 4 + 0.8 / 4,
                    challenger.quality().calibration().expectedCalibrationError(), EPS);
            assertEquals(5, challenger.quality().compared());
            assertEquals(0.6, challenger.quality().agreement(), EPS, "a, b, e agree; c, d do not");

            var champion = out.get(RollingMetricsProcessor.windowKey(WordScorer.MODEL, t0));
            assertEquals(5, champion.count());
            assertEquals(4, champion.labelledCount());
            assertEquals(0.5, champion.accuracy(), EPS, "a, c right; b, e wrong");
            assertEquals((0.0025 + 0.7225 + 0.0225 + 0.9025) / 4, champion.quality().calibration().brier(), EPS);
            assertEquals(0, champion.quality().compared(), "the champion compares with nothing");
            assertNull(champion.quality().agreement());

            var next = out.get(RollingMetricsProcessor.windowKey(OtherScorer.MODEL, t0 + 60_000));
            assertEquals(1, next.count());
            assertEquals(1.0, next.accuracy(), EPS);
            assertEquals(1.0, next.quality().agreement(), EPS);

            var cumulative = out.get(RollingMetricsProcessor.cumulativeKey(OtherScorer.MODEL));
            assertEquals(6, cumulative.count());
            assertEquals(5, cumulative.labelledCount());
            assertEquals(0.4, cumulative.accuracy(), EPS, "a and f right");
            assertEquals(4, cumulative.quality().labelsJoinedLater());
            assertEquals(4.0 / 6, cumulative.quality().agreement(), EPS);
            var written = MetricsSnapshot.fromJson(cumulative.toJson());
            assertEquals(4.0 / 6, written.quality().agreement(), EPS, "the agreement is on the topic");

            // The application's gauges follow the serving model, not the challenger.
            double championEce = out.get(RollingMetricsProcessor.cumulativeKey(WordScorer.MODEL)).quality()
                    .calibration().expectedCalibrationError();
            assertEquals(Math.abs(0.95 - 0.5) * 2 / 5 + Math.abs(0.15 - 1.0 / 3) * 3 / 5, championEce, EPS);
            assertEquals(Math.abs(0.7 - 1.0 / 3) * 3 / 5 + Math.abs(0.2 - 0.5) * 2 / 5,
                    cumulative.quality().calibration().expectedCalibrationError(), EPS);
            assertEquals(championEce, driver.registry().find("sentiment.calibration.ece").tag("window", "cumulative")
                    .gauge().value(), EPS);
        }
    }

    @Test
    void withoutTheLabelJoinTheChallengerStillHasItsWindows() {
        try (ScoringDriver driver = new ScoringDriver(TestConfigs.of("batch.size", "1", "labels.enabled", "false",
                "metrics.emit.interval.ms", "1000"), WordScorer::new, OtherScorer::new, dir.resolve("state"))) {
            review(driver, "a", "good film", "pos", 1_000);  // both pos: agree, both right
            review(driver, "b", "plain film", "neg", 2_000); // champion neg right, challenger pos wrong
            driver.advance(Duration.ofSeconds(1));
            Map<String, MetricsSnapshot> out = new HashMap<>();
            driver.metricsTopic.readKeyValuesToList().forEach(kv -> out.put(kv.key, kv.value));
            MetricsSnapshot challenger = out.get(RollingMetricsProcessor.windowKey(OtherScorer.MODEL,
                    ScoringDriver.START.toEpochMilli()));
            assertEquals(2, challenger.count());
            assertEquals(0.5, challenger.accuracy(), EPS);
            assertEquals(0.5, challenger.quality().agreement(), EPS);
            assertEquals(1.0, out.get(RollingMetricsProcessor.cumulativeKey(WordScorer.MODEL)).accuracy(), EPS);
        }
    }

    private static void review(ScoringDriver driver, String id, String text, String label, long atMs) {
        String json = "{\"id\":\"" + id + "\",\"text\":\"" + text + "\""
                + (label == null ? "" : ",\"label\":\"" + label + "\"") + "}";
        driver.reviews.pipeInput(utf8(id), utf8(json), ScoringDriver.START.plusMillis(atMs));
    }

    private static void label(ScoringDriver driver, String id, String label, long atMs) {
        driver.labels.pipeInput(utf8(id), utf8(label), ScoringDriver.START.plusMillis(atMs));
    }

    private static double gauge(ScoringDriver driver, String name, String model) {
        var search = driver.registry().find(name);
        return (model == null ? search : search.tag("model", model)).gauge().value();
    }

    private static void pipe(ScoringDriver driver, String id, String text, String label) {
        String json = "{\"id\":\"" + id + "\",\"text\":\"" + text + "\""
                + (label == null ? "" : ",\"label\":\"" + label + "\"") + "}";
        driver.reviews.pipeInput(utf8("k" + id), utf8(json), ScoringDriver.START);
    }
}
