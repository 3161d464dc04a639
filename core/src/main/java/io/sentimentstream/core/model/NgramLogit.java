package io.sentimentstream.core.model;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A linear model over hashed unigrams and bigrams of a review's token ids (NB-weighted logistic
 * regression in the style of Wang and Manning's NBSVM): the logit is a bias plus one weight per
 * distinct n-gram present. It complements the LSTM with exact local phrases ("not good",
 * "7/10") and costs microseconds per review.
 *
 * <p>Features are computed from the same truncated id sequence the LSTM reads, so serving needs
 * nothing beyond {@link io.sentimentstream.core.text.SequenceEncoder}. Immutable, thread-safe.
 */
public final class NgramLogit {

    private static final int MAGIC = 0x4E474C31; // "NGL1"

    private final int hashBits;
    private final float[] weights;
    private final float bias;

    /**
     * @param hashBits number of hash bits (the model has {@code 2^hashBits} weights)
     * @param weights  one weight per bucket
     * @param bias     the intercept
     */
    public NgramLogit(int hashBits, float[] weights, float bias) {
        if (hashBits < 8 || hashBits > 26 || weights.length != 1 << hashBits) {
            throw new IllegalArgumentException("weights must have 2^hashBits entries, 8 <= hashBits <= 26");
        }
        this.hashBits = hashBits;
        this.weights = weights;
        this.bias = bias;
    }

    /** Number of hash bits. */
    public int hashBits() {
        return hashBits;
    }

    /** The logit (log-odds of positive) of one id sequence. */
    public double logit(int[] ids) {
        int[] buckets = buckets(ids, hashBits);
        double sum = bias;
        for (int bucket : buckets) {
            sum += weights[bucket];
        }
        return sum;
    }

    /**
     * The distinct feature buckets of an id sequence: every unigram and every bigram, hashed.
     * Presence, not counts, is what NBSVM found to work best for sentiment.
     */
    public static int[] buckets(int[] ids, int hashBits) {
        int mask = (1 << hashBits) - 1;
        int[] raw = new int[Math.max(0, 2 * ids.length - 1)];
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            raw[n++] = mix(ids[i] * 2 + 1) & mask;
            if (i > 0) {
                raw[n++] = mix(ids[i - 1] * 0x9E3779B1 + ids[i] * 2) & mask;
            }
        }
        java.util.Arrays.sort(raw, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || raw[i] != raw[i - 1]) {
                raw[distinct++] = raw[i];
            }
        }
        return java.util.Arrays.copyOf(raw, distinct);
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

    /** Serialises the model (magic, hash bits, bias, weights). */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(weights.length * 4 + 16);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(hashBits);
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

    /** Reads the form written by {@link #toBytes()}. */
    public static NgramLogit fromBytes(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != MAGIC) {
            throw new IOException("not an n-gram model (bad magic number)");
        }
        int bits = data.readInt();
        if (bits < 8 || bits > 26) {
            throw new IOException("unsupported hash size 2^" + bits);
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
        return new NgramLogit(bits, weights, bias);
    }
}
