package io.sentimentstream.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentimentstream.core.metrics.BinaryConfusion;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsSnapshotTest {

    private static final ModelRef MODEL = new ModelRef("imdb", "1");
    private static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");

    @Test
    void ratesFollowFromTheCounts() throws Exception {
        // 10 scored, 8 labelled: 3 TP, 1 FP, 2 TN, 2 FN; 5 predicted positive overall.
        MetricsSnapshot snapshot = new MetricsSnapshot(MetricsSnapshot.Kind.WINDOW,
                Instant.parse("2026-01-01T00:00:00Z"), NOW, 10, new BinaryConfusion(3, 1, 2, 2), 5, 6.5, MODEL,
                false, NOW);
        assertEquals(8, snapshot.labelledCount());
        assertEquals(5, snapshot.correctCount());
        assertEquals(5.0 / 8, snapshot.accuracy(), 1e-12);
        assertEquals(0.75, snapshot.precision(), 1e-12);
        assertEquals(0.6, snapshot.recall(), 1e-12);
        assertEquals(0.5, snapshot.positiveRate(), 1e-12);
        assertEquals(0.65, snapshot.meanProbability(), 1e-12);

        JsonNode json = EventJson.mapper().readTree(snapshot.toJson());
        assertEquals("window", json.get("kind").asText());
        assertEquals(0.625, json.get("accuracy").asDouble(), 1e-12);
        assertEquals(8, json.get("labelled_count").asLong());
        assertEquals(snapshot, MetricsSnapshot.fromJson(snapshot.toJson()));
    }

    @Test
    void withoutLabelsTheLabelledRatesAreNull() throws Exception {
        MetricsSnapshot snapshot = new MetricsSnapshot(MetricsSnapshot.Kind.CUMULATIVE, null, null, 4,
                BinaryConfusion.EMPTY, 1, 1.0, MODEL, false, NOW);
        assertNull(snapshot.accuracy());
        assertNull(snapshot.f1());
        JsonNode json = EventJson.mapper().readTree(snapshot.toJson());
        assertTrue(json.get("accuracy").isNull());
        assertTrue(json.get("window_start").isNull());
        assertEquals(0.25, json.get("positive_rate").asDouble(), 1e-12);
        assertEquals(snapshot, MetricsSnapshot.fromJson(snapshot.toJson()));
    }

    @Test
    void aWindowNeedsItsBounds() {
        assertThrows(IllegalArgumentException.class, () -> new MetricsSnapshot(MetricsSnapshot.Kind.WINDOW, null,
                null, 0, BinaryConfusion.EMPTY, 0, 0, MODEL, false, NOW));
    }

    @Test
    void theQualityFiguresAreWrittenAndReadBack() throws Exception {
        io.sentimentstream.core.drift.DriftCounts drift = io.sentimentstream.core.drift.DriftCounts.EMPTY
                .add(0.9, new int[] {1, 5, 6, 7});
        io.sentimentstream.core.drift.Calibration calibration = io.sentimentstream.core.drift.Calibration.EMPTY
                .add(0.9, true).add(0.2, true);
        MetricsSnapshot snapshot = new MetricsSnapshot(MetricsSnapshot.Kind.WINDOW,
                Instant.parse("2026-01-01T00:00:00Z"), NOW, 4, new BinaryConfusion(1, 0, 0, 1), 1, 0.9, MODEL, true,
                NOW, new MetricsSnapshot.Quality(2, 3_000, 2_500, calibration, drift,
                        new io.sentimentstream.core.drift.ReferenceProfile.Distance(0.3, 0.01, null, -0.1, 0.2), true));
        JsonNode json = EventJson.mapper().readTree(snapshot.toJson());
        assertEquals(0.5, json.get("label_coverage").asDouble(), 1e-12);
        assertEquals(1_500.0, json.get("label_delay_mean_ms").asDouble(), 1e-12);
        assertEquals((0.01 + 0.64) / 2, json.get("brier").asDouble(), 1e-12);
        assertEquals(0.3, json.get("drift").get("probability_psi").asDouble(), 1e-12);
        assertTrue(json.get("drift").get("unknown_psi").isNull());
        assertTrue(json.get("corrected").asBoolean());
        assertEquals(snapshot, MetricsSnapshot.fromJson(snapshot.toJson()));
    }
}
