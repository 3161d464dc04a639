package io.sentimentstream.core.model;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A linear model over hashed n-grams (unigrams, bigrams and optionally trigrams) of a review's
 * token ids (NB-weighted logistic regression in the style of Wang and Manning's NBSVM): the logit
 * is a bias plus one weight per distinct n-gram present, optionally divided by the square root of
 * the number of n-grams so that short and long texts get logits of one scale. It complements the
 * LSTM with exact local phrases ("not good", "7/10") and costs microseconds per review.
 *
 * <p>Features are computed from the same truncated id sequence the LSTM reads, so serving needs
 * nothing beyond {@link io.sentimentstream.core.text.SequenceEncoder}. Immutable, thread-safe.
 */
public final class NgramLogit {

    private static final int MAGIC_V1 = 0x4E474C31; // "NGL1": bigrams, not normalised
    private static final int MAGIC = 0x4E474C32; // "NGL2": order and normalisation recorded

    private final int hashBits;
    private final int order;
    private final boolean lengthNormalised;
    private final float[] weights;
    private final float bias;
    /** Per thread: the model is shared by every stream thread, and its scratch is 2^hashBits bits. */
    private final ThreadLocal<BucketSet> bucketSets;

    /** A bigram model without length normalisation (the format-1 model). */
    public NgramLogit(int hashBits, float[] weights, float bias) {
        this(hashBits, 2, false, weights, bias);
    }

    /**
     * @param hashBits         number of hash bits (the model has {@code 2^hashBits} weights)
     * @param order            longest n-gram, 2 or 3
     * @param lengthNormalised whether the weight sum is divided by the square root of the number of n-grams
     * @param weights          one weight per bucket
     * @param bias             the intercept
     */
    public NgramLogit(int hashBits, int order, boolean lengthNormalised, float[] weights, float bias) {
        if (hashBits < 8 || hashBits > 26 || weights.length != 1 << hashBits) {
            throw new IllegalArgumentException("weights must have 2^hashBits entries, 8 <= hashBits <= 26");
        }
        if (order < 2 || order > 3) {
            throw new IllegalArgumentException("n-gram order must be 2 or 3, was " + order);
        }
        this.hashBits = hashBits;
        this.order = order;
        this.lengthNormalised = lengthNormalised;
        this.weights = weights;
        this.bias = bias;
        this.bucketSets = ThreadLocal.withInitial(() -> new BucketSet(hashBits));
    }

    /** Number of hash bits. */
    public int hashBits() {
        return hashBits;
    }

    /** Longest n-gram. */
    public int order() {
        return order;
    }

    /** Whether the weight sum is divided by the square root of the number of n-grams. */
    public boolean lengthNormalised() {
        return lengthNormalised;
    }

    /** The weight of one bucket (for tests). */
    float weight(int bucket) {
        return weights[bucket];
    }

    /** The intercept (for tests). */
    float bias() {
        return bias;
    }

    /** The logit (log-odds of positive) of one id sequence. */
    public double logit(int[] ids) {
        // The distinct buckets of buckets(), without its sort: a bitmap listed in ascending order,
        // so the weights are added in the same order and the logit is the same double.
        BucketSet set = bucketSets.get();
        int features = set.collect(ids, order);
        int[] present = set.drained();
        double sum = 0;
        for (int i = 0; i < features; i++) {
            sum += weights[present[i]];
        }
        return bias + sum * scale(features, lengthNormalised);
    }

    /** The factor every feature of a text with {@code features} n-grams is multiplied by. */
    public static double scale(int features, boolean lengthNormalised) {
        return lengthNormalised ? 1 / Math.sqrt(Math.max(1, features)) : 1;
    }

    /** {@link #buckets(int[], int, int)} for unigrams and bigrams. */
    public static int[] buckets(int[] ids, int hashBits) {
        return buckets(ids, hashBits, 2);
    }

    /**
     * The distinct feature buckets of an id sequence: every n-gram up to {@code order}, hashed.
     * Presence, not counts, is what NBSVM found to work best for sentiment.
     */
    public static int[] buckets(int[] ids, int hashBits, int order) {
        int[] raw = new int[Math.max(0, order * ids.length)];
        int n = hash(ids, hashBits, order, raw);
        java.util.Arrays.sort(raw, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || raw[i] != raw[i - 1]) {
                raw[distinct++] = raw[i];
            }
        }
        return java.util.Arrays.copyOf(raw, distinct);
    }

    /** Writes the bucket of every n-gram, repeats included, into {@code raw}; returns how many. */
    static int hash(int[] ids, int hashBits, int order, int[] raw) {
        int mask = (1 << hashBits) - 1;
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            raw[n++] = mix(ids[i] * 2 + 1) & mask;
            if (i > 0) {
                raw[n++] = mix(ids[i - 1] * 0x9E3779B1 + ids[i] * 2) & mask;
            }
            if (order >= 3 && i > 1) {
                raw[n++] = mix(ids[i - 2] * 0x7FEB352D + ids[i - 1] * 0x9E3779B1 + ids[i] * 2 + 1) & mask;
            }
        }
        return n;
    }

    /** A fixed integer mix (murmur3 finaliser) so buckets are stable across JVMs and versions. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    /** Serialises the model (magic, hash bits, order, normalisation, bias, weights). */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(weights.length * 4 + 16);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(hashBits);
            out.writeInt(order);
            out.writeBoolean(lengthNormalised);
            out.writeFloat(bias);
            for (float w : weights) {
                out.writeFloat(w);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
    }

    /** Reads the form written by {@link #toBytes()}, or the older bigram-only form. */
    public static NgramLogit fromBytes(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int magic = data.readInt();
        if (magic != MAGIC && magic != MAGIC_V1) {
            throw new IOException("not an n-gram model (bad magic number)");
        }
        int bits = data.readInt();
        if (bits < 8 || bits > 26) {
            throw new IOException("unsupported hash size 2^" + bits);
        }
        int order = magic == MAGIC ? data.readInt() : 2;
        boolean normalised = magic == MAGIC && data.readBoolean();
        if (order < 2 || order > 3) {
            throw new IOException("unsupported n-gram order " + order);
        }
        float bias = data.readFloat();
        if (in.available() < 4L << bits) {
            // Checked before allocating: a short file must not cost 2^bits floats.
            throw new IOException("the n-gram model declares 2^" + bits + " weights but holds fewer");
        }
        float[] weights = new float[1 << bits];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = data.readFloat();
        }
        return new NgramLogit(bits, order, normalised, weights, bias);
    }
}
