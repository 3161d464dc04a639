package io.sentimentstream.core.model;

/**
 * The distinct n-gram buckets of one review, visited in ascending order without sorting: a bitmap
 * of all {@code 2^hashBits} buckets plus a summary bit per bitmap word, so that a review touches
 * only the words it set and the summary (one long per 4,096 buckets). Ascending order matters:
 * the logit adds the weights in that order, so it is the same double, to the last bit, as when the
 * bucket ids were sorted. Not thread-safe; reused, and left empty by {@link #sumAndClear}.
 */
final class BucketSet {

    private final long[] bits;
    private final long[] summary; // bit w of summary[w >>> 6] set when bits[w] != 0
    private int size;

    BucketSet(int hashBits) {
        int words = Math.max(1, (1 << hashBits) >>> 6);
        bits = new long[words];
        summary = new long[(words + 63) >>> 6];
    }

    void add(int bucket) {
        int word = bucket >>> 6;
        long bit = 1L << bucket; // shifts use the low 6 bits
        long old = bits[word];
        if ((old & bit) == 0) {
            bits[word] = old | bit;
            summary[word >>> 6] |= 1L << word;
            size++;
        }
    }

    /** The number of distinct buckets added since the last drain. */
    int size() {
        return size;
    }

    /**
     * Over the buckets, in ascending bucket order: the sum of {@code pairs[2q]} into {@code sums[0]}
     * and of the squares of {@code pairs[2q + 1]} into {@code sums[1]}; empties the set. The two
     * values of a bucket are side by side so that a bucket costs one cache miss, not two.
     */
    void sumAndSquaresAndClear(float[] pairs, double[] sums) {
        double sum = 0;
        double squares = 0;
        for (int s = 0; s < summary.length; s++) {
            long words = summary[s];
            if (words == 0) {
                continue;
            }
            summary[s] = 0;
            while (words != 0) {
                int word = (s << 6) + Long.numberOfTrailingZeros(words);
                words &= words - 1;
                long set = bits[word];
                bits[word] = 0;
                int base = word << 6;
                while (set != 0) {
                    int at = (base + Long.numberOfTrailingZeros(set)) << 1;
                    sum += pairs[at];
                    squares += (double) pairs[at + 1] * pairs[at + 1];
                    set &= set - 1;
                }
            }
        }
        size = 0;
        sums[0] = sum;
        sums[1] = squares;
    }

    /** The sum of {@code weights} over the buckets, in ascending bucket order; empties the set. */
    double sumAndClear(float[] weights) {
        double sum = 0;
        for (int s = 0; s < summary.length; s++) {
            long words = summary[s];
            if (words == 0) {
                continue;
            }
            summary[s] = 0;
            while (words != 0) {
                int word = (s << 6) + Long.numberOfTrailingZeros(words);
                words &= words - 1;
                long set = bits[word];
                bits[word] = 0;
                int base = word << 6;
                while (set != 0) {
                    sum += weights[base + Long.numberOfTrailingZeros(set)];
                    set &= set - 1;
                }
            }
        }
        size = 0;
        return sum;
    }
}
