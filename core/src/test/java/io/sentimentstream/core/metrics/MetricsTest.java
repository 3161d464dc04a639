package io.sentimentstream.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void confusionRatesHaveKnownValues() {
        // 3 TP, 1 FP, 4 TN, 2 FN
        BinaryConfusion c = new BinaryConfusion(3, 1, 4, 2);
        assertEquals(0.7, c.accuracy(), 1e-12);
        assertEquals(0.75, c.precision(), 1e-12);
        assertEquals(0.6, c.recall(), 1e-12);
        assertEquals(2 * 0.75 * 0.6 / 1.35, c.f1(), 1e-12);
        assertEquals(0.4, c.positiveRate(), 1e-12);
        assertEquals(4.0 / 6, c.negativePrecision(), 1e-12);
        assertEquals(0.8, c.negativeRecall(), 1e-12);
    }

    @Test
    void emptyConfusionReportsZerosNotNaN() {
        assertEquals(0.0, BinaryConfusion.EMPTY.accuracy());
        assertEquals(0.0, BinaryConfusion.EMPTY.f1());
    }

    @Test
    void addAndPlusCount() {
        BinaryConfusion c = BinaryConfusion.EMPTY.add(true, true).add(true, false).add(false, true).add(false, false);
        assertEquals(new BinaryConfusion(1, 1, 1, 1), c);
        assertEquals(new BinaryConfusion(2, 2, 2, 2), c.plus(c));
    }

    @Test
    void aucOfKnownRankings() {
        assertEquals(1.0, RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {false, false, true, true}), 1e-12);
        assertEquals(0.0, RocAuc.of(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {false, false, true, true}), 1e-12);
        // One inversion out of four pairs.
        assertEquals(0.75, RocAuc.of(new double[] {0.1, 0.6, 0.5, 0.9}, new boolean[] {false, false, true, true}), 1e-12);
        // Ties count half.
        assertEquals(0.5, RocAuc.of(new double[] {0.5, 0.5}, new boolean[] {false, true}), 1e-12);
    }

    @Test
    void reportHasConfusionMatrixAndPerClassFigures() {
        ClassificationReport r = ClassificationReport.of(List.of("neg", "pos"),
                new double[] {0.9, 0.8, 0.3, 0.2, 0.6}, new boolean[] {true, true, true, false, false});
        assertArrayEquals(new long[] {1, 1}, r.confusion()[0]);
        assertArrayEquals(new long[] {1, 2}, r.confusion()[1]);
        assertEquals(0.6, r.accuracy(), 1e-12);
        assertEquals(3, r.perClass().get("pos").support());
        assertEquals(0.5, r.perClass().get("neg").recall(), 1e-12);
        assertEquals(5L, r.toMap().get("count"));
    }
}
