package io.sentimentstream.core.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sentimentstream.core.text.Vocabulary;
import org.junit.jupiter.api.Test;

/** Drift and calibration statistics against values computed by hand. */
class DriftStatisticsTest {

    @Test
    void populationStabilityIndexMatchesTheHandComputedValue() {
        // shares 0.5/0.5 against 0.9/0.1: 0.4 ln(0.9/0.5) + (-0.4) ln(0.1/0.5) = 0.235115 + 0.643775
        assertEquals(0.4 * Math.log(1.8) - 0.4 * Math.log(0.2), PopulationStability.index(new long[] {50, 50},
                new long[] {90, 10}), 1e-12);
        assertEquals(0.878890, PopulationStability.index(new long[] {50, 50}, new long[] {90, 10}), 1e-6);
        assertEquals(0.0, PopulationStability.index(new long[] {3, 0, 7}, new long[] {30, 0, 70}), 1e-12);
    }

    @Test
    void anEmptyBinCountsWithTheFloorShare() {
        // e = (1e-4, 1), a = (0.5, 0.5): (0.5 - 1e-4) ln(0.5 / 1e-4) + (0.5 - 1) ln(0.5)
        double expected = (0.5 - 1e-4) * Math.log(0.5 / 1e-4) + (0.5 - 1) * Math.log(0.5);
        assertEquals(expected, PopulationStability.index(new long[] {0, 10}, new long[] {5, 5}), 1e-12);
        assertNull(PopulationStability.index(new long[] {0, 0}, new long[] {5, 5}));
        assertThrows(IllegalArgumentException.class, () -> PopulationStability.index(new long[2], new long[3]));
    }

    @Test
    void reviewsFallIntoTheirBins() {
        DriftCounts counts = DriftCounts.EMPTY
                .add(0.95, new int[] {5, Vocabulary.OOV_ID, 7, 8})  // 4 tokens, 25 % unknown
                .add(0.15, new int[450])                             // 450 tokens, none unknown (id 0 is not OOV)
                .add(1.0, new int[] {Vocabulary.OOV_ID});            // probability 1 in the last bin
        assertEquals(2, counts.probability()[9], "0.95 and 1.0 in the last bin");
        assertEquals(1, counts.probability()[1]);
        assertEquals(2, counts.length()[0]);
        assertEquals(1, counts.length()[7]);
        assertEquals(1, counts.unknown()[5], "25 %: the 20-50 % bin");
        assertEquals(1, counts.unknown()[0]);
        assertEquals(1, counts.unknown()[6], "100 %");
        assertEquals(2.0 / 3, counts.positiveRate(), 1e-12);
        assertEquals(2.0 / 455, counts.unknownShare(), 1e-12);
    }

    @Test
    void calibrationHasTheHandComputedBrierScoreAndExpectedError() {
        Calibration c = Calibration.EMPTY.add(0.95, true).add(0.95, false).add(0.15, false).add(0.15, false);
        // Brier: (0.05^2 + 0.95^2 + 0.15^2 + 0.15^2) / 4
        assertEquals((0.0025 + 0.9025 + 0.0225 + 0.0225) / 4, c.brier(), 1e-12);
        // bin 9: 2 reviews, half positive, mean 0.95 -> gap 0.45; bin 1: 2 reviews, none positive, mean 0.15
        assertEquals(0.5 * 0.45 + 0.5 * 0.15, c.expectedCalibrationError(), 1e-12);
        assertNull(Calibration.EMPTY.brier());
    }

    @Test
    void theDistanceToAReferenceComparesEveryHistogram() {
        DriftCounts reference = DriftCounts.EMPTY;
        for (int i = 0; i < 50; i++) {
            reference = reference.add(0.15, new int[60]).add(0.95, new int[60]);
        }
        ReferenceProfile profile = new ReferenceProfile("test", reference, null, null);
        DriftCounts live = DriftCounts.EMPTY.add(0.95, new int[60]).add(0.95, new int[60]).add(0.95, new int[60])
                .add(0.15, new int[60]);
        ReferenceProfile.Distance distance = profile.distance(live);
        // 0.25 ln(0.75 / 0.5) + (-0.25) ln(0.25 / 0.5) = 0.101366 + 0.173287
        assertEquals(0.274653, distance.probabilityPsi(), 1e-6);
        assertEquals(0.0, distance.lengthPsi(), 1e-12);
        assertEquals(0.25, distance.positiveRateGap(), 1e-12);
        assertEquals(ReferenceProfile.Distance.NONE, profile.distance(DriftCounts.EMPTY));
    }
}
