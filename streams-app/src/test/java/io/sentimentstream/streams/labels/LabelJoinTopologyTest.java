package io.sentimentstream.streams.labels;

import static io.sentimentstream.streams.testing.ScoringDriver.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.event.DeadLetterHeaders;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.RejectionReason;
import io.sentimentstream.streams.testing.ScoringDriver;
import io.sentimentstream.streams.testing.TestConfigs;
import io.sentimentstream.streams.testing.WordScorer;
import io.sentimentstream.streams.topology.RollingMetricsProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels from the labels topic joined with predictions, through the whole topology, with known
 * answers: tumbling 60 s windows, 10 s grace, a 10 minute label horizon. {@link WordScorer}
 * predicts pos (0.95) for a review with "good", else neg (0.15).
 */
class LabelJoinTopologyTest {

    private static final Instant T0 = ScoringDriver.START;
    private static final String CUMULATIVE = RollingMetricsProcessor.cumulativeKey(WordScorer.MODEL);

    @TempDir
    Path stateDir;

    private ScoringDriver driver;

    @BeforeEach
    void start() {
        driver = new ScoringDriver(TestConfigs.of("batch.size", "1", "metrics.window.size.ms", "60000",
                "metrics.window.advance.ms", "60000", "metrics.window.grace.ms", "10000",
                "metrics.emit.interval.ms", "1000", "labels.horizon.ms", "600000"), WordScorer::new, stateDir);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void review(String id, String text, String label, long atMs) {
        String labelField = label == null ? "" : ",\"label\":\"" + label + "\"";
        driver.reviews.pipeInput(new TestRecord<>(utf8(id), utf8("{\"id\":\"" + id + "\",\"text\":\"" + text + "\""
                + labelField + "}"), T0.plusMillis(atMs)));
    }

    private void label(String key, String value, long atMs) {
        driver.labels.pipeInput(new TestRecord<>(utf8(key), utf8(value), T0.plusMillis(atMs)));
    }

    private Map<String, MetricsSnapshot> emit() {
        driver.advance(Duration.ofSeconds(1));
        Map<String, MetricsSnapshot> out = new LinkedHashMap<>();
        driver.metricsTopic.readKeyValuesToList().forEach(kv -> out.put(kv.key, kv.value));
        return out;
    }

    private static String window(long startMs) {
        return RollingMetricsProcessor.windowKey(WordScorer.MODEL, T0.toEpochMilli() + startMs);
    }

    private List<String> deadLetterReasons() {
        List<String> reasons = new ArrayList<>();
        for (TestRecord<byte[], byte[]> record : driver.deadLetters.readRecordsToList()) {
            Header reason = record.headers().lastHeader(DeadLetterHeaders.REASON);
            reasons.add(new String(reason.value(), StandardCharsets.UTF_8));
        }
        return reasons;
    }

    @Test
    void aLabelAfterItsReviewCountsInTheReviewsWindowWithItsDelay() {
        review("r1", "a good film", null, 10_000);
        MetricsSnapshot before = emit().get(window(0));
        assertEquals(1, before.count());
        assertEquals(0, before.labelledCount());
        assertEquals(0.0, before.labelCoverage(), 1e-12);

        label("r1", "{\"id\":\"r1\",\"label\":\"neg\"}", 40_000);
        Map<String, MetricsSnapshot> out = emit();
        MetricsSnapshot window = out.get(window(0));
        assertEquals(1, window.count(), "the label adds no review");
        assertEquals(1, window.labelledCount());
        assertEquals(0.0, window.accuracy(), 1e-12, "predicted pos, labelled neg");
        assertEquals(1.0, window.labelCoverage(), 1e-12);
        assertEquals(1, window.quality().labelsJoinedLater());
        assertEquals(30_000.0, window.quality().labelDelayMeanMs(), 1e-9);
        assertEquals(30_000, window.quality().labelDelayMaxMs());
        assertEquals(0.95 * 0.95, window.quality().calibration().brier(), 1e-12);
        MetricsSnapshot cumulative = out.get(CUMULATIVE);
        assertEquals(1, cumulative.labelledCount());
        assertEquals(1, cumulative.quality().labelsJoinedLater());
        assertTrue(driver.deadLetters.isEmpty());
    }

    @Test
    void aLabelBeforeItsReviewWaitsForItAndHasNoDelay() {
        label("r2", "positive", 5_000);
        assertTrue(emit().isEmpty(), "a label alone counts nothing");
        review("r2", "good", null, 20_000);
        MetricsSnapshot window = emit().get(window(0));
        assertEquals(1, window.count());
        assertEquals(1, window.labelledCount());
        assertEquals(1.0, window.accuracy(), 1e-12);
        assertEquals(0.0, window.quality().labelDelayMeanMs(), 1e-12);
        assertTrue(driver.deadLetters.isEmpty());
    }

    @Test
    void aLabelOutsideTheHorizonIsDeadLetteredAsUnmatchedOnceTheHorizonHasPassed() {
        review("r3", "good", null, 0);
        label("r3", "pos", 11 * 60_000);            // 11 min after its review: outside the 10 min horizon
        emit();
        assertTrue(driver.deadLetters.isEmpty(), "it might still meet a review within its own horizon");
        review("other", "dull", null, 22 * 60_000); // stream time a horizon past the label
        review("other2", "dull", null, 23 * 60_000);
        assertEquals(List.of(RejectionReason.UNMATCHED_LABEL.name()), deadLetterReasons());
        MetricsSnapshot cumulative = emit().get(CUMULATIVE);
        assertEquals(0, cumulative.labelledCount());
        assertEquals(1.0, driver.registry().get("sentiment.dead.letters")
                .tag("reason", RejectionReason.UNMATCHED_LABEL.name()).counter().count());
    }

    @Test
    void aLabelIsUnmatchedEvenWhenStreamTimeJumpsMoreThanTwoHorizonsAtOnce() {
        label("lonely", "pos", 0);
        // 30 min later: past the label's horizon and the stores' retention (two horizons) in one step
        review("far", "dull", null, 30 * 60_000);
        review("far2", "dull", null, 31 * 60_000);
        assertEquals(List.of(RejectionReason.UNMATCHED_LABEL.name()), deadLetterReasons(),
                "given up, not dropped silently with the store's old segments");
    }

    @Test
    void aLabelStampedAHorizonBeforeStreamTimeForAnIdNeverScoredIsUnmatchedAtOnce() {
        review("now", "dull", null, 30 * 60_000);
        review("now2", "dull", null, 31 * 60_000);  // the periodic scan has passed minute 20
        label("old", "pos", 60_000);               // for minute 1: behind the scan already
        assertEquals(List.of(RejectionReason.UNMATCHED_LABEL.name()), deadLetterReasons(),
                "nothing scans behind stream time again: it is given up now, not kept until it expires");
        review("old", "good", null, 5 * 60_000);    // within the label's horizon, but given up already
        assertEquals(0, emit().get(CUMULATIVE).labelledCount());
    }

    @Test
    void aSecondLabelIsADuplicateAndTheFirstCounts() {
        review("r4", "good", null, 10_000);
        label("r4", "pos", 20_000);
        label("r4", "neg", 30_000);
        review("r5", "good", "pos", 12_000);           // carries its own label
        label("r5", "{\"label\":\"neg\"}", 31_000);     // the key names the review
        label("r6", "neg", 32_000);                    // before its review, which carries its own
        review("r6", "dull", "neg", 33_000);

        assertEquals(List.of("DUPLICATE_LABEL", "DUPLICATE_LABEL", "DUPLICATE_LABEL"), deadLetterReasons());
        MetricsSnapshot window = emit().get(window(0));
        assertEquals(3, window.count());
        assertEquals(3, window.labelledCount(), "one label per review");
        assertEquals(1.0, window.accuracy(), 1e-12, "the first labels: pos, pos, neg");
        assertEquals(1, window.quality().labelsJoinedLater());
    }

    @Test
    void aLateLabelForAClosedWindowWritesItAgainCorrected() {
        review("r7", "good", null, 10_000);
        review("r8", "good", null, 80_000);  // stream time 80 s: [0, 60) + 10 s grace is over
        MetricsSnapshot closed = emit().get(window(0));
        assertTrue(closed.closed());
        assertFalse(closed.quality().corrected());
        assertEquals(0, closed.labelledCount());

        label("r7", "neg", 90_000);
        Map<String, MetricsSnapshot> out = emit();
        MetricsSnapshot corrected = out.get(window(0));
        assertTrue(corrected.closed());
        assertTrue(corrected.quality().corrected());
        assertEquals(1, corrected.count());
        assertEquals(1, corrected.labelledCount());
        assertEquals(0.0, corrected.accuracy(), 1e-12);
        assertEquals(80_000, corrected.quality().labelDelayMaxMs());
        assertNull(out.get(window(60_000)), "the label's own window is untouched");
        assertTrue(emit().isEmpty(), "written once");
    }

    @Test
    void badLabelsAreDeadLetteredWithTheirReasonAndNothingStops() {
        label("r9", "maybe", 1_000);
        label("r9", "{\"label\":", 2_000);
        label("r9", "{\"id\":\"r9\"}", 3_000);
        driver.labels.pipeInput(new TestRecord<>(null, utf8("pos"), T0.plusMillis(4_000)));
        driver.labels.pipeInput(new TestRecord<>(utf8("r9"), (byte[]) null, T0.plusMillis(5_000)));
        driver.labels.pipeInput(new TestRecord<>(utf8("r9"), new byte[] {(byte) 0xff, 'p'}, T0.plusMillis(6_000)));
        label("r9", "x".repeat(5000), 7_000);
        // deeper than the review budget's 32 levels, refused while parsing as for reviews
        label("r9", "{\"id\":\"r9\",\"label\":\"pos\",\"x\":" + "[".repeat(1000), 7_500);
        assertEquals(List.of("UNKNOWN_LABEL", "INVALID_JSON", "INVALID_LABEL", "INVALID_LABEL", "NULL_VALUE",
                "INVALID_UTF8", "VALUE_TOO_LARGE", "TOO_DEEP"), deadLetterReasons());
        review("r9", "good", null, 8_000);
        label("r9", "pos", 9_000);
        assertEquals(1.0, emit().get(window(0)).accuracy(), 1e-12, "still joining");
    }

    @Test
    void withTheJoinOffLabelsInsideReviewsStillCountAndTheLabelsTopicIsNotRead(@TempDir Path otherState) {
        var config = TestConfigs.of("batch.size", "1", "metrics.emit.interval.ms", "1000", "labels.enabled", "false");
        try (ScoringDriver off = new ScoringDriver(config, WordScorer::new, otherState)) {
            off.reviews.pipeInput(new TestRecord<>(utf8("a"), utf8("{\"id\":\"a\",\"text\":\"good\",\"label\":\"neg\"}"),
                    T0.plusMillis(10_000)));
            off.advance(Duration.ofSeconds(1));
            MetricsSnapshot cumulative = off.metricsTopic.readKeyValuesToMap().get(CUMULATIVE);
            assertEquals(1, cumulative.labelledCount());
            assertEquals(0.0, cumulative.accuracy(), 1e-12);
            assertEquals(1, cumulative.quality().drift().reviews(), "drift still counted");
            assertThrows(IllegalArgumentException.class, () -> off.labels.pipeInput(utf8("a"), utf8("pos")),
                    "no labels source in the topology");
            assertNull(off.driver().getWindowStore(LabelJoiner.LABELS_STORE));
        }
    }
}
