package io.sentimentstream.core.drift;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;

/**
 * How well the positive probabilities of labelled reviews match their labels: the Brier score
 * (mean squared difference between probability and outcome, 0 is perfect, 0.25 is a coin) and
 * the expected calibration error over {@link DriftBins#PROBABILITY_BINS} equal probability bins
 * (the review-weighted mean of |share actually positive - mean probability| per bin). Immutable.
 *
 * @param count          labelled reviews per probability bin
 * @param probabilitySum sum of their positive probabilities per bin
 * @param positives      of them, reviews labelled positive per bin
 * @param brierSum       sum of squared differences between probability and outcome
 */
public record Calibration(@JsonProperty("count") long[] count, @JsonProperty("probabilitySum") double[] probabilitySum,
                          @JsonProperty("positives") long[] positives, @JsonProperty("brierSum") double brierSum) {

    /** No labelled review yet. */
    public static final Calibration EMPTY = new Calibration(new long[DriftBins.PROBABILITY_BINS],
            new double[DriftBins.PROBABILITY_BINS], new long[DriftBins.PROBABILITY_BINS], 0);

    /** Checks the bins. */
    public Calibration {
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(probabilitySum, "probabilitySum");
        Objects.requireNonNull(positives, "positives");
        if (count.length != DriftBins.PROBABILITY_BINS || probabilitySum.length != DriftBins.PROBABILITY_BINS
                || positives.length != DriftBins.PROBABILITY_BINS) {
            throw new IllegalArgumentException("calibration bins other than DriftBins");
        }
    }

    /** These counts plus one labelled review. */
    public Calibration add(double positiveProbability, boolean actuallyPositive) {
        int bin = DriftBins.probabilityBin(positiveProbability);
        long[] c = count.clone();
        double[] s = probabilitySum.clone();
        long[] p = positives.clone();
        c[bin]++;
        s[bin] += positiveProbability;
        p[bin] += actuallyPositive ? 1 : 0;
        double miss = positiveProbability - (actuallyPositive ? 1 : 0);
        return new Calibration(c, s, p, brierSum + miss * miss);
    }

    /** Labelled reviews counted. */
    public long labelled() {
        return PopulationStability.sum(count);
    }

    /** The Brier score, or {@code null} without labelled reviews. */
    public Double brier() {
        long n = labelled();
        return n == 0 ? null : brierSum / n;
    }

    /** The expected calibration error, or {@code null} without labelled reviews. */
    public Double expectedCalibrationError() {
        long n = labelled();
        if (n == 0) {
            return null;
        }
        double ece = 0;
        for (int i = 0; i < count.length; i++) {
            if (count[i] > 0) {
                double gap = Math.abs((double) positives[i] / count[i] - probabilitySum[i] / count[i]);
                ece += (double) count[i] / n * gap;
            }
        }
        return ece;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Calibration that && Arrays.equals(count, that.count)
                && Arrays.equals(probabilitySum, that.probabilitySum) && Arrays.equals(positives, that.positives)
                && brierSum == that.brierSum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(count), Arrays.hashCode(probabilitySum), Arrays.hashCode(positives),
                brierSum);
    }

    @Override
    public String toString() {
        return "Calibration[count=" + Arrays.toString(count) + ", brierSum=" + brierSum + "]";
    }
}
