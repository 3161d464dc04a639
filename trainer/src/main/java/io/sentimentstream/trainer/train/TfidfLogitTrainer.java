package io.sentimentstream.trainer.train;

import io.sentimentstream.core.model.NgramLogit;
import io.sentimentstream.core.model.TfidfLogit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Trains {@link TfidfLogit}: binary presence of hashed n-grams, smoothed IDF
 * ({@code ln((1 + n) / (1 + df)) + 1}), rows scaled to unit length, and L2-regularised logistic
 * regression fitted by AdaGrad. The same model is the fused bundle's third member and, with uni-
 * and bigrams over 2^20 buckets fitted on the training part, the reference baseline every report
 * compares with.
 */
public final class TfidfLogitTrainer {

    /** The reference baseline's buckets and order. */
    public static final int BASELINE_HASH_BITS = 20;
    private static final int EPOCHS = 8;
    private static final double LEARNING_RATE = 0.2;
    private static final double L2 = 1e-6;

    private final int hashBits;
    private final int order;
    private final long seed;

    /**
     * @param hashBits 2^hashBits buckets
     * @param order    longest n-gram, 2 or 3
     * @param seed     shuffling seed
     */
    public TfidfLogitTrainer(int hashBits, int order, long seed) {
        this.hashBits = hashBits;
        this.order = order;
        this.seed = seed;
    }

    /** The reference baseline: uni- and bigrams over 2^20 buckets. */
    public static TfidfLogitTrainer baseline(long seed) {
        return new TfidfLogitTrainer(BASELINE_HASH_BITS, 2, seed);
    }

    /** Fits the model on encoded training examples. */
    public TfidfLogit train(List<EncodedExample> examples) {
        int size = 1 << hashBits;
        List<int[]> features = new ArrayList<>(examples.size());
        int[] documentFrequency = new int[size];
        for (EncodedExample example : examples) {
            int[] buckets = NgramLogit.buckets(example.ids(), hashBits, order);
            features.add(buckets);
            for (int b : buckets) {
                documentFrequency[b]++;
            }
        }
        float[] idf = new float[size];
        for (int j = 0; j < size; j++) {
            idf[j] = (float) (Math.log((1.0 + examples.size()) / (1.0 + documentFrequency[j])) + 1);
        }
        double[] coefficient = new double[size];
        double[] squared = new double[size];
        double bias = 0;
        double biasSquared = 0;
        List<Integer> visit = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            visit.add(i);
        }
        Random random = new Random(seed);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Collections.shuffle(visit, random);
            for (int i : visit) {
                int[] buckets = features.get(i);
                double norm = norm(buckets, idf);
                double z = bias;
                for (int b : buckets) {
                    z += coefficient[b] * idf[b] / norm;
                }
                double error = 1 / (1 + Math.exp(-z)) - examples.get(i).label();
                for (int b : buckets) {
                    double g = error * idf[b] / norm + L2 * coefficient[b];
                    squared[b] += g * g;
                    coefficient[b] -= LEARNING_RATE * g / Math.sqrt(squared[b] + 1e-8);
                }
                biasSquared += error * error;
                bias -= LEARNING_RATE * error / Math.sqrt(biasSquared + 1e-8);
            }
        }
        float[] weights = new float[size];
        for (int j = 0; j < size; j++) {
            weights[j] = (float) (coefficient[j] * idf[j]);
        }
        return new TfidfLogit(hashBits, order, weights, idf, (float) bias);
    }

    private static double norm(int[] buckets, float[] idf) {
        double sum = 0;
        for (int b : buckets) {
            sum += (double) idf[b] * idf[b];
        }
        return Math.max(1e-9, Math.sqrt(sum));
    }
}
