package io.sentimentstream.streams.topology;

import static io.sentimentstream.streams.testing.ScoringDriver.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.Sentiment;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
