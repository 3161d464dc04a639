package io.sentimentstream.core.drift;

/**
 * The fixed bins every drift histogram uses, so a reference profile and live counts are always
 * comparable: the positive probability in ten equal bins, the review length in tokens the model
 * reads, and the share of those tokens that are unknown to the vocabulary.
 */
public final class DriftBins {

    /** Bins of the positive probability: [0, 0.1), [0.1, 0.2), ..., [0.9, 1]. */
    public static final int PROBABILITY_BINS = 10;
    /**
     * Lower edges of the length bins, in tokens: 1-9, 10-19, 20-49, 50-99, 100-199, 200-299,
     * 300-399, 400 and more (the default model reads at most 400, so its last bin holds the
     * reviews it truncates). Short sentences and whole reviews fall far apart, which is the point.
     */
    static final int[] LENGTH_EDGES = {0, 10, 20, 50, 100, 200, 300, 400};
    /** Lower edges of the unknown-word share bins: 0-1 %, 1-2 %, 2-5 %, 5-10 %, 10-20 %, 20-50 %, 50 % and more. */
    static final double[] UNKNOWN_EDGES = {0, 0.01, 0.02, 0.05, 0.10, 0.20, 0.50};

    private DriftBins() {
    }

    /** Number of length bins. */
    public static int lengthBins() {
        return LENGTH_EDGES.length;
    }

    /** Number of unknown-share bins. */
    public static int unknownBins() {
        return UNKNOWN_EDGES.length;
    }

    /** The bin of a positive probability (values outside [0, 1] are clamped). */
    public static int probabilityBin(double probability) {
        int bin = (int) Math.floor(probability * PROBABILITY_BINS);
        return Math.max(0, Math.min(PROBABILITY_BINS - 1, bin));
    }

    /** The bin of a review of {@code tokens} tokens. */
    public static int lengthBin(int tokens) {
        return lastEdgeAtMost(LENGTH_EDGES, tokens);
    }

    /** The bin of a review whose share of unknown tokens is {@code share}. */
    public static int unknownBin(double share) {
        int bin = 0;
        for (int i = 0; i < UNKNOWN_EDGES.length; i++) {
            if (share >= UNKNOWN_EDGES[i]) {
                bin = i;
            }
        }
        return bin;
    }

    private static int lastEdgeAtMost(int[] edges, int value) {
        int bin = 0;
        for (int i = 0; i < edges.length; i++) {
            if (value >= edges[i]) {
                bin = i;
            }
        }
        return bin;
    }
}
