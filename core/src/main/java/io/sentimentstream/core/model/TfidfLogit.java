package io.sentimentstream.core.model;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Logistic regression over TF-IDF features of hashed n-grams: binary presence of each distinct
 * n-gram (the same hashing as {@link NgramLogit}) weighted by its inverse document frequency, the
 * row scaled to unit length. The logit is {@code bias + sum(w_q * idf_q) / sqrt(sum(idf_q^2))} over
 * the distinct buckets {@code q} of a review.
 *
 * <p>Why a second linear member beside {@link NgramLogit}: the unit-length row gives short texts
 * logits on the scale of long ones, where the NB-weighted sum of a one-sentence text is small and
 * the fusion leans on the LSTM. On one-sentence texts this member is the strongest of the three
 * (docs/experiments.md, issue 15). Immutable, thread-safe.
 */
public final class TfidfLogit {

    private static final int MAGIC = 0x54464C31; // "TFL1"

    private final int hashBits;
    private final int order;
    /**
     * Per bucket q: at 2q the learned coefficient times the bucket's IDF (so a review's numerator is
     * one sum), at 2q + 1 the IDF. Interleaved because the buckets of a review are scattered over
     * megabytes: one cache miss per bucket instead of two.
     */
    private final float[] pairs;
    private final float bias;
    /** Per thread: the model is shared by every stream thread, and its scratch is 2^hashBits bits. */
    private final ThreadLocal<BucketSet> bucketSets;

    /**
     * @param hashBits number of hash bits (the model has {@code 2^hashBits} buckets)
     * @param order    longest n-gram, 2 or 3
     * @param weights  per bucket, the coefficient times the IDF
     * @param idf      per bucket, the inverse document frequency (positive)
     * @param bias     the intercept
     */
    public TfidfLogit(int hashBits, int order, float[] weights, float[] idf, float bias) {
        if (hashBits < 8 || hashBits > 24 || weights.length != 1 << hashBits || idf.length != 1 << hashBits) {
            throw new IllegalArgumentException("weights and IDF must have 2^hashBits entries, 8 <= hashBits <= 24");
        }
        if (order < 2 || order > 3) {
            throw new IllegalArgumentException("n-gram order must be 2 or 3, was " + order);
        }
        for (float f : idf) {
            if (!(f > 0) || Float.isInfinite(f)) {
                throw new IllegalArgumentException("every IDF must be positive and finite, found " + f);
            }
        }
        this.hashBits = hashBits;
        this.order = order;
        this.pairs = new float[2 * weights.length];
        for (int q = 0; q < weights.length; q++) {
            pairs[2 * q] = weights[q];
            pairs[2 * q + 1] = idf[q];
        }
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

    /** The logit (log-odds of positive) of one id sequence. */
    public double logit(int[] ids) {
        BucketSet set = bucketSets.get();
        int features = set.collect(ids, order);
        int[] present = set.drained();
        double numerator = 0;
        double squares = 0;
        for (int i = 0; i < features; i++) {
            int at = present[i] << 1;
            numerator += pairs[at];
            squares += (double) pairs[at + 1] * pairs[at + 1];
        }
        return bias + numerator / Math.max(1e-9, Math.sqrt(squares));
    }

    /** Serialises the model (magic, hash bits, order, bias, weights, IDF). */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(pairs.length * 4 + 16);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(hashBits);
            out.writeInt(order);
            out.writeFloat(bias);
            for (int q = 0; q < pairs.length; q += 2) {
                out.writeFloat(pairs[q]);
            }
            for (int q = 1; q < pairs.length; q += 2) {
                out.writeFloat(pairs[q]);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
    }

    /** Reads the form written by {@link #toBytes()}, checking every size before it allocates. */
    public static TfidfLogit fromBytes(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != MAGIC) {
            throw new IOException("not a TF-IDF model (bad magic number)");
        }
        int bits = data.readInt();
        if (bits < 8 || bits > 24) {
            throw new IOException("unsupported hash size 2^" + bits);
        }
        int order = data.readInt();
        if (order < 2 || order > 3) {
            throw new IOException("unsupported n-gram order " + order);
        }
        float bias = data.readFloat();
        if (in.available() != 8L << bits) {
            // Checked before allocating: a short file must not cost 2^bits floats, a long one hides something.
            throw new IOException("the TF-IDF model declares 2^" + bits + " buckets but holds "
                    + in.available() + " bytes of weights, not " + (8L << bits));
        }
        float[] weights = new float[1 << bits];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = data.readFloat();
        }
        float[] idf = new float[1 << bits];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = data.readFloat();
        }
        try {
            return new TfidfLogit(bits, order, weights, idf, bias);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
