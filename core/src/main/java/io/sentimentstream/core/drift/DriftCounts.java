package io.sentimentstream.core.drift;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentimentstream.core.text.Vocabulary;
import java.util.Arrays;
import java.util.Objects;

/**
 * Histograms of scored reviews over {@link DriftBins}: positive probability, length in tokens and
 * share of unknown tokens, plus the totals behind the mean unknown share. Immutable: {@link #add}
 * returns new counts.
 *
 * @param probability   reviews per probability bin
 * @param length        reviews per length bin
 * @param unknown       reviews per unknown-share bin
 * @param positives     reviews predicted positive (probability at least 0.5)
 * @param tokens        tokens read, all reviews together
 * @param unknownTokens of those, tokens unknown to the vocabulary
 */
public record DriftCounts(@JsonProperty("probability") long[] probability, @JsonProperty("length") long[] length,
                          @JsonProperty("unknown") long[] unknown, @JsonProperty("positives") long positives,
                          @JsonProperty("tokens") long tokens, @JsonProperty("unknownTokens") long unknownTokens) {

    /** No review yet. */
    public static final DriftCounts EMPTY = new DriftCounts(new long[DriftBins.PROBABILITY_BINS],
            new long[DriftBins.lengthBins()], new long[DriftBins.unknownBins()], 0, 0, 0);

    /** Checks the bins. */
    public DriftCounts {
        Objects.requireNonNull(probability, "probability");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(unknown, "unknown");
        if (probability.length != DriftBins.PROBABILITY_BINS || length.length != DriftBins.lengthBins()
                || unknown.length != DriftBins.unknownBins()) {
            throw new IllegalArgumentException("drift histograms with other bins than DriftBins");
        }
    }

    /**
     * The counts of one review: its positive probability and its encoding (token ids as the
     * model reads them, {@link Vocabulary#OOV_ID} for an unknown word).
     */
    public DriftCounts add(double positiveProbability, int[] encoded) {
        int unknownTokens = 0;
        for (int id : encoded) {
            if (id == Vocabulary.OOV_ID) {
                unknownTokens++;
            }
        }
        return add(positiveProbability, encoded.length, unknownTokens);
    }

    /** The counts of one review of {@code reviewTokens} tokens, {@code reviewUnknown} of them unknown. */
    public DriftCounts add(double positiveProbability, int reviewTokens, int reviewUnknown) {
        long[] p = probability.clone();
        long[] l = length.clone();
        long[] u = unknown.clone();
        p[DriftBins.probabilityBin(positiveProbability)]++;
        l[DriftBins.lengthBin(reviewTokens)]++;
        u[DriftBins.unknownBin(reviewTokens == 0 ? 0 : (double) reviewUnknown / reviewTokens)]++;
        return new DriftCounts(p, l, u, positives + (positiveProbability >= 0.5 ? 1 : 0), tokens + reviewTokens,
                unknownTokens + reviewUnknown);
    }

    /** Reviews counted. */
    public long reviews() {
        return PopulationStability.sum(probability);
    }

    /** Share of reviews predicted positive (0 when none). */
    public double positiveRate() {
        long n = reviews();
        return n == 0 ? 0 : (double) positives / n;
    }

    /** Share of all tokens read that were unknown (0 when none). */
    public double unknownShare() {
        return tokens == 0 ? 0 : (double) unknownTokens / tokens;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DriftCounts that && Arrays.equals(probability, that.probability)
                && Arrays.equals(length, that.length) && Arrays.equals(unknown, that.unknown)
                && positives == that.positives && tokens == that.tokens && unknownTokens == that.unknownTokens;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(probability), Arrays.hashCode(length), Arrays.hashCode(unknown),
                positives, tokens, unknownTokens);
    }

    @Override
    public String toString() {
        return "DriftCounts[probability=" + Arrays.toString(probability) + ", length=" + Arrays.toString(length)
                + ", unknown=" + Arrays.toString(unknown) + ", positives=" + positives + ", tokens=" + tokens
                + ", unknownTokens=" + unknownTokens + "]";
    }
}
