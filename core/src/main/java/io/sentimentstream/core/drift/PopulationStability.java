package io.sentimentstream.core.drift;

/**
 * The population stability index of two histograms over the same bins:
 * {@code PSI = sum over bins of (a - e) * ln(a / e)}, with {@code e} and {@code a} the shares of
 * the expected (reference) and actual (live) counts in each bin. 0 means the same distribution;
 * the usual reading is below 0.1 stable, 0.1-0.25 a moderate shift, above 0.25 a major one.
 *
 * <p>An empty bin would make the logarithm infinite, so every share is floored at
 * {@value #FLOOR} (the common practice); the index of two identical histograms stays 0.
 */
public final class PopulationStability {

    /** Smallest share a bin counts with. */
    public static final double FLOOR = 1e-4;

    private PopulationStability() {
    }

    /**
     * The index of {@code actual} against {@code expected}, or {@code null} when either has no
     * count at all.
     *
     * @throws IllegalArgumentException when the histograms have different numbers of bins
     */
    public static Double index(long[] expected, long[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("histograms of " + expected.length + " and " + actual.length
                    + " bins cannot be compared");
        }
        long expectedTotal = sum(expected);
        long actualTotal = sum(actual);
        if (expectedTotal == 0 || actualTotal == 0) {
            return null;
        }
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(FLOOR, (double) expected[i] / expectedTotal);
            double a = Math.max(FLOOR, (double) actual[i] / actualTotal);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    static long sum(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }
}
