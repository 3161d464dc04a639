package io.sentimentstream.streams.drift;

import static io.sentimentstream.streams.testing.ScoringDriver.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.drift.DriftCounts;
import io.sentimentstream.core.drift.ReferenceProfile;
import io.sentimentstream.core.event.AlertEvent;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.streams.testing.ScoringDriver;
import io.sentimentstream.streams.testing.TestConfigs;
import io.sentimentstream.streams.testing.WordScorer;
import io.sentimentstream.streams.topology.RollingMetricsProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift statistics and alarms through the whole topology, against a reference of 100 reviews of
 * 3 words, half predicted 0.15 and half 0.95 by {@link WordScorer}; tumbling 60 s windows,
 * alarms judging windows of at least 4 reviews (2 labelled).
 */
class AlarmTopologyTest {

    private static final Instant T0 = ScoringDriver.START;

    @TempDir
    Path stateDir;

    private ScoringDriver driver;

    @BeforeEach
    void start() {
        DriftCounts reference = DriftCounts.EMPTY;
        for (int i = 0; i < 50; i++) {
            reference = reference.add(0.15, 3, 0).add(0.95, 3, 0);
        }
        ReferenceProfile profile = new ReferenceProfile("hand-made", reference, null, 0.9);
        var config = TestConfigs.of("batch.size", "1", "metrics.window.size.ms", "60000",
                "metrics.window.advance.ms", "60000", "metrics.window.grace.ms", "0", "metrics.emit.interval.ms",
                "1000", "alarm.min.reviews", "4", "alarm.min.labelled", "2");
        driver = new ScoringDriver(config, WordScorer::new, stateDir, ScoringDriver.budget(config, 1 << 20), profile);
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

    private String health() {
        return driver.metrics().alarms().degraded() + " " + driver.metrics().alarms().active().stream()
                .map(AlertEvent::alarm).sorted().toList();
    }

    @Test
    void aWindowUnlikeTheReferenceRaisesTheDriftAlarmWithTheHandComputedIndexAndALikeOneClearsIt() {
        review("a", "good old film", null, 1_000);
        review("b", "good old film", null, 2_000);
        review("c", "good old film", null, 3_000);
        review("d", "a dull film", null, 4_000);
        driver.advance(Duration.ofSeconds(1));
        MetricsSnapshot window = driver.metricsTopic.readKeyValuesToMap()
                .get(RollingMetricsProcessor.windowKey(WordScorer.MODEL, T0.toEpochMilli()));
        // shares 0.75/0.25 against 0.5/0.5: 0.25 ln 1.5 + 0.25 ln 2
        assertEquals(0.25 * Math.log(1.5) + 0.25 * Math.log(2), window.quality().distance().probabilityPsi(), 1e-12);
        assertEquals(0.0, window.quality().distance().lengthPsi(), 1e-12);
        assertEquals(0.25, window.quality().distance().positiveRateGap(), 1e-12);

        List<AlertEvent> alerts = driver.alerts.readValuesToList();
        assertEquals(List.of("positive_rate", "probability_drift"), alerts.stream().filter(AlertEvent::raised)
                .map(AlertEvent::alarm).sorted().toList(), "0.75 positive against 0.5: also over the 0.2 gap");
        AlertEvent raised = alerts.stream().filter(a -> a.alarm().equals("probability_drift")).findFirst()
                .orElseThrow();
        assertEquals(0.25, raised.threshold(), 1e-12);
        assertEquals(T0, raised.windowStart());
        assertEquals("true [positive_rate, probability_drift]", health());
        assertEquals(1.0, driver.registry().get("sentiment.alarm").tag("alarm", "probability_drift").gauge().value());

        // The next window looks like the reference again.
        review("e", "good old film", null, 61_000);
        review("f", "good old film", null, 62_000);
        review("g", "a dull film", null, 63_000);
        review("h", "a dull film", null, 64_000);
        driver.advance(Duration.ofSeconds(1));
        alerts = driver.alerts.readValuesToList();
        assertEquals(List.of("positive_rate", "probability_drift"), alerts.stream().filter(a -> !a.raised())
                .map(AlertEvent::alarm).sorted().toList());
        assertEquals(2, alerts.size(), "only the changes are written");
        assertEquals("false []", health());
    }

    @Test
    void shortUnknownTextRaisesTheLengthAndUnknownWordAlarms() {
        for (int i = 0; i < 4; i++) {
            review("s" + i, i % 2 == 0 ? "good" : "zzfoo", null, 1_000 + i);
        }
        driver.advance(Duration.ofSeconds(1));
        List<String> raised = driver.alerts.readValuesToList().stream().filter(AlertEvent::raised)
                .map(AlertEvent::alarm).sorted().toList();
        // 1 token (reference: 3, the same bin) does not move the length; half unknown words does.
        assertEquals(List.of("unknown_words_drift"), raised);
    }

    @Test
    void wrongLabelsRaiseTheAccuracyAndCalibrationAlarms() {
        review("a", "good film", "neg", 1_000);
        review("b", "good film", "neg", 2_000);
        review("c", "dull film", "pos", 3_000);
        review("d", "dull film", "neg", 4_000);
        driver.advance(Duration.ofSeconds(1));
        List<AlertEvent> alerts = driver.alerts.readValuesToList();
        List<String> raised = alerts.stream().filter(AlertEvent::raised).map(AlertEvent::alarm).sorted().toList();
        assertEquals(List.of("accuracy", "calibration"), raised);
        AlertEvent accuracy = alerts.stream().filter(a -> a.alarm().equals("accuracy")).findFirst().orElseThrow();
        assertEquals(0.25, accuracy.value(), 1e-12);
        assertEquals(0.8, accuracy.threshold(), 1e-12);
        assertTrue(driver.metrics().alarms().degraded());
    }
}
