package io.sentimentstream.streams.topology;

import static io.sentimentstream.streams.testing.ScoringDriver.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.streams.scoring.ModelScorer;
import io.sentimentstream.streams.scoring.ReviewScorer;
import io.sentimentstream.streams.testing.RecordingScorer;
import io.sentimentstream.streams.testing.ScoringDriver;
import io.sentimentstream.streams.testing.TestConfigs;
import io.sentimentstream.streams.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicroBatchScorerTest {

    private static final String[] TEXTS = {"the movie was great", "awful !", "not good", "loved the acting",
        "boring plot", "brilliant", "hated it", "the plot was bad", "great great great", "not bad", "good"};

    @TempDir
    Path stateDir;

    private ScoringDriver driver;
    private RecordingScorer scorer;

    private void start(int batchSize, long maxWaitMs) {
        scorer = new RecordingScorer(new ModelScorer(TestModels.tiny()));
        driver = new ScoringDriver(TestConfigs.of("batch.size", String.valueOf(batchSize),
                "batch.max.wait.ms", String.valueOf(maxWaitMs)), () -> scorer, stateDir);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void pipe(int count) {
        for (int i = 0; i < count; i++) {
            driver.reviews.pipeInput(utf8("k" + i), utf8("{\"id\":\"r" + i + "\",\"text\":\"" + TEXTS[i % TEXTS.length]
                    + "\"}"), ScoringDriver.START.plusMillis(i));
        }
    }

    @Test
    void aFullBatchIsScoredAtOnceInOneCallAndTheRestWaits() {
        start(4, 60_000);
        pipe(10);

        assertEquals(List.of(4, 4), scorer.batchSizes());
        List<TestRecord<byte[], ScoredReview>> out = driver.scored.readRecordsToList();
        assertEquals(8, out.size());
        for (int i = 0; i < out.size(); i++) {
            assertEquals("r" + i, out.get(i).value().id(), "arrival order kept");
            assertArrayEquals(utf8("k" + i), out.get(i).key(), "key kept");
            assertEquals(ScoringDriver.START.plusMillis(i), out.get(i).getRecordTime(), "input timestamp kept");
        }
        assertEquals(2, driver.driver().getKeyValueStore(MicroBatchScorer.BUFFER_STORE).approximateNumEntries());
    }

    @Test
    void aPartialBatchIsScoredWhenTheOldestReviewHasWaitedTheMaximum() {
        start(32, 1_000);
        pipe(3);
        driver.advance(Duration.ofMillis(999));
        assertTrue(driver.scored.isEmpty(), "not before the maximum wait");
        assertEquals(List.of(), scorer.batchSizes());

        driver.advance(Duration.ofMillis(1));
        List<ScoredReview> out = driver.scored.readValuesToList();
        assertEquals(List.of("r0", "r1", "r2"), out.stream().map(ScoredReview::id).toList());
        assertEquals(List.of(3), scorer.batchSizes());
        for (ScoredReview review : out) {
            assertEquals(1_000, review.latencyMs(), "waited from reading to scoring");
            assertEquals(ScoringDriver.START.plusMillis(1_000), review.scoredAt());
        }
    }

    @Test
    void theWaitCountsFromTheOldestReviewNotTheNewest() {
        start(32, 1_000);
        pipe(1);
        driver.advance(Duration.ofMillis(750));
        driver.reviews.pipeInput(utf8("late"), utf8("good"));
        driver.advance(Duration.ofMillis(250));
        assertEquals(List.of(2), scorer.batchSizes());
        List<ScoredReview> out = driver.scored.readValuesToList();
        assertEquals(List.of(1_000L, 250L), out.stream().map(ScoredReview::latencyMs).toList());
    }

    @Test
    void scoresInABatchEqualScoringEachReviewAlone() {
        start(5, 60_000);
        pipe(5);
        List<ScoredReview> out = driver.scored.readValuesToList();
        SentimentModel model = TestModels.tiny();
        for (int i = 0; i < 5; i++) {
            // The batch is padded to its longest review; masking must make that invisible.
            double alone = model.score(List.of(model.encode(TEXTS[i]))).get(0).probability();
            assertEquals(alone, out.get(i).probability(), 1e-5);
            assertEquals(alone >= 0.5 ? Sentiment.POS : Sentiment.NEG, out.get(i).sentiment());
        }
    }

    @Test
    void labelsCorrectnessModelAndCarriedFieldsAreWritten() {
        start(2, 60_000);
        driver.reviews.pipeInput(utf8("a"), utf8(
                "{\"text\":\"great\",\"label\":\"pos\",\"source\":\"web\",\"meta\":{\"n\":[1,2]},\"probability\":7}"));
        driver.reviews.pipeInput(utf8("b"), utf8("great"));
        List<ScoredReview> out = driver.scored.readValuesToList();
        ScoredReview labelled = out.get(0);
        assertEquals(Sentiment.POS, labelled.label());
        assertEquals(labelled.sentiment() == Sentiment.POS, labelled.correct());
        assertEquals(List.of("source", "meta"), List.copyOf(labelled.carried().keySet()));
        assertEquals(2, labelled.carried().get("meta").get("n").get(1).asInt());
        assertEquals(new ModelRef("test-model", "0.0.1"), labelled.model());
        ScoredReview unlabelled = out.get(1);
        assertNull(unlabelled.label());
        assertNull(unlabelled.correct());
        assertEquals(labelled.probability(), unlabelled.probability(), 1e-9, "same text, same score");
    }

    @Test
    void waitingReviewsAreInTheChangeloggedStoreAndRemovedOnceScored() {
        start(3, 60_000);
        pipe(2);
        TestOutputTopic<Long, byte[]> changelog = driver.driver().createOutputTopic(
                "sentiment-scorer-" + MicroBatchScorer.BUFFER_STORE + "-changelog", new LongDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        List<TestRecord<Long, byte[]>> written = changelog.readRecordsToList();
        assertEquals(List.of(0L, 1L), written.stream().map(TestRecord::key).toList());
        assertTrue(written.stream().allMatch(r -> r.value() != null));

        pipe(1);
        List<TestRecord<Long, byte[]>> after = changelog.readRecordsToList();
        // a tombstone for each scored one; the third, scored in the commit it came in (the store is
        // cached), never reaches the changelog whole
        assertEquals(List.of(0L, 1L, 2L), after.stream().map(TestRecord::key).sorted().toList());
        assertTrue(after.stream().allMatch(r -> r.value() == null));
    }

    @Test
    void reviewsWaitingWhenTheModelChangesAreEncodedAgainByTheNewModel() {
        RecordingScorer first = new RecordingScorer(new ModelScorer(TestModels.tiny()));
        RenamedScorer renamed = new RenamedScorer(new ModelScorer(TestModels.tiny()), "0.0.2");
        RecordingScorer second = new RecordingScorer(renamed);
        AtomicReference<ReviewScorer> current = new AtomicReference<>(first);
        driver = new ScoringDriver(TestConfigs.of("batch.size", "10", "batch.max.wait.ms", "100"), current::get,
                stateDir);
        driver.reviews.pipeInput(utf8("a"), utf8("great movie"));
        current.set(second);
        driver.advance(Duration.ofMillis(100));

        assertEquals(List.of(), first.batchSizes());
        assertEquals(List.of(1), second.batchSizes());
        assertEquals(List.of("great movie"), renamed.encodings, "encoded again by the new model");
        assertEquals("0.0.2", driver.scored.readValue().model().version());
    }

    /** The same network under another version, recording what it encodes. */
    private static final class RenamedScorer implements ReviewScorer {
        private final ReviewScorer delegate;
        private final ModelRef ref;
        final List<String> encodings = new ArrayList<>();

        RenamedScorer(ReviewScorer delegate, String version) {
            this.delegate = delegate;
            this.ref = new ModelRef(delegate.model().name(), version);
        }

        @Override
        public ModelRef model() {
            return ref;
        }

        @Override
        public int[] encode(String text) {
            encodings.add(text);
            return delegate.encode(text);
        }

        @Override
        public List<Score> score(List<int[]> encoded) {
            return delegate.score(encoded);
        }
    }
}
