package io.sentimentstream.core.metrics;

import java.util.Arrays;

/** Order statistics of repeated measurements (nearest-rank percentiles), for the benchmarks. */
public final class Percentiles {

    private Percentiles() {
    }

    /** The median (50th percentile). */
    public static double median(double[] values) {
        return percentile(values, 50);
    }

    /** The nearest-rank {@code p}th percentile; NaN for no values. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
