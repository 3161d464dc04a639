package io.sentimentstream.core.metrics;

/**
 * Counts of a binary classifier's outcomes, the positive class being {@code pos}. Derived rates
 * are 0 when their denominator is 0, so an empty window reports zeros rather than NaN.
 *
 * @param truePositives  positive reviews predicted positive
 * @param falsePositives negative reviews predicted positive
 * @param trueNegatives  negative reviews predicted negative
 * @param falseNegatives positive reviews predicted negative
 */
public record BinaryConfusion(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

    /** No outcomes yet. */
    public static final BinaryConfusion EMPTY = new BinaryConfusion(0, 0, 0, 0);

    /** These counts plus one outcome. */
    public BinaryConfusion add(boolean actualPositive, boolean predictedPositive) {
        if (actualPositive) {
            return predictedPositive
                    ? new BinaryConfusion(truePositives + 1, falsePositives, trueNegatives, falseNegatives)
                    : new BinaryConfusion(truePositives, falsePositives, trueNegatives, falseNegatives + 1);
        }
        return predictedPositive
                ? new BinaryConfusion(truePositives, falsePositives + 1, trueNegatives, falseNegatives)
                : new BinaryConfusion(truePositives, falsePositives, trueNegatives + 1, falseNegatives);
    }

    /** The sum of two sets of counts. */
    public BinaryConfusion plus(BinaryConfusion other) {
        return new BinaryConfusion(truePositives + other.truePositives, falsePositives + other.falsePositives,
                trueNegatives + other.trueNegatives, falseNegatives + other.falseNegatives);
    }

    /** All outcomes counted. */
    public long total() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    /** Fraction predicted correctly. */
    public double accuracy() {
        return ratio(truePositives + trueNegatives, total());
    }

    /** Precision of the positive class. */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** Recall of the positive class. */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** F1 of the positive class. */
    public double f1() {
        return harmonic(precision(), recall());
    }

    /** Precision of the negative class. */
    public double negativePrecision() {
        return ratio(trueNegatives, trueNegatives + falseNegatives);
    }

    /** Recall of the negative class. */
    public double negativeRecall() {
        return ratio(trueNegatives, trueNegatives + falsePositives);
    }

    /** F1 of the negative class. */
    public double negativeF1() {
        return harmonic(negativePrecision(), negativeRecall());
    }

    /** Fraction predicted positive. */
    public double positiveRate() {
        return ratio(truePositives + falsePositives, total());
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    private static double harmonic(double a, double b) {
        return a + b == 0 ? 0.0 : 2 * a * b / (a + b);
    }
}
