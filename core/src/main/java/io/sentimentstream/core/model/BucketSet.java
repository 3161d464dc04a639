package io.sentimentstream.core.model;

/**
 * The distinct n-gram buckets of one review, listed in ascending order without sorting: a bitmap
 * of all {@code 2^hashBits} buckets plus a summary bit per bitmap word, so that a review touches
 * only the words it set and the summary (one long per 4,096 buckets). Ascending order matters:
 * the linear members add their weights in that order, so a logit is the same double, to the last
 * bit, as when the bucket ids were sorted. Not thread-safe: one per thread, reused, and left
 * empty by {@link #drain}.
 */
final class BucketSet {

    private final int hashBits;
    private final long[] bits;
    private final long[] summary; // bit w of summary[w >>> 6] set when bits[w] != 0
    private int size;
    private int[] raw = new int[1024];
    private int[] drained = new int[1024];

    BucketSet(int hashBits) {
        this.hashBits = hashBits;
        int words = Math.max(1, (1 << hashBits) >>> 6);
        bits = new long[words];
        summary = new long[(words + 63) >>> 6];
    }

    /**
     * Adds the bucket of every n-gram of {@code ids} up to {@code order} and lists the distinct ones,
     * ascending, in {@link #drained()}; returns how many there are. Empties the set again.
     */
    int collect(int[] ids, int order) {
        if (raw.length < order * ids.length) {
            raw = new int[order * ids.length];
        }
        int n = NgramLogit.hash(ids, hashBits, order, raw);
        for (int i = 0; i < n; i++) {
            add(raw[i]);
        }
        return drain();
    }

    /** The buckets listed by the last {@link #collect}, ascending, in its first entries. */
    int[] drained() {
        return drained;
    }

    private void add(int bucket) {
        int word = bucket >>> 6;
        long bit = 1L << bucket; // shifts use the low 6 bits
        long old = bits[word];
        if ((old & bit) == 0) {
            bits[word] = old | bit;
            summary[word >>> 6] |= 1L << word;
            size++;
        }
    }

    /** Lists the buckets, ascending, in {@link #drained()}, empties the set and returns how many. */
    private int drain() {
        if (drained.length < size) {
            drained = new int[size];
        }
        int n = 0;
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
                    drained[n++] = base + Long.numberOfTrailingZeros(set);
                    set &= set - 1;
                }
            }
        }
        size = 0;
        return n;
    }
}
