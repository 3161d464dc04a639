package io.sentimentstream.trainer.eval;

import io.sentimentstream.core.model.NgramLogit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The reference baseline: TF-IDF over hashed uni- and bigrams (binary term frequency, smoothed
 * IDF, rows scaled to unit length) and L2-regularised logistic regression fitted by AdaGrad. It
 * reads the same token ids as the model, so a gap between the two is the model's, not the
 * tokeniser's. Evaluation only; never shipped.
 */
public final class TfidfLogistic {

    private static final int HASH_BITS = 20;
    private static final int EPOCHS = 8;
    private static final double LEARNING_RATE = 0.2;
    private static final double L2 = 1e-6;

    private final float[] idf;
    private final double[] weights;
    private final double bias;

    private TfidfLogistic(float[] idf, double[] weights, double bias) {
        this.idf = idf;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Fits the baseline.
     *
     * @param ids      token ids of each training text
     * @param positive the label of each text
     * @param seed     shuffling seed
     */
    public static TfidfLogistic fit(List<int[]> ids, boolean[] positive, long seed) {
        int size = 1 << HASH_BITS;
        List<int[]> features = new ArrayList<>(ids.size());
        int[] documentFrequency = new int[size];
        for (int[] text : ids) {
            int[] buckets = NgramLogit.buckets(text, HASH_BITS);
            features.add(buckets);
            for (int b : buckets) {
                documentFrequency[b]++;
            }
        }
        float[] idf = new float[size];
        for (int j = 0; j < size; j++) {
            idf[j] = (float) (Math.log((1.0 + ids.size()) / (1.0 + documentFrequency[j])) + 1);
        }
        double[] weights = new double[size];
        double[] squared = new double[size];
        double bias = 0;
        double biasSquared = 0;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            order.add(i);
        }
        Random random = new Random(seed);
        TfidfLogistic model = new TfidfLogistic(idf, weights, 0);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                int[] buckets = features.get(i);
                double norm = model.norm(buckets);
                double z = bias;
                for (int b : buckets) {
                    z += weights[b] * idf[b] / norm;
                }
                double error = 1 / (1 + Math.exp(-z)) - (positive[i] ? 1 : 0);
                for (int b : buckets) {
                    double g = error * idf[b] / norm + L2 * weights[b];
                    squared[b] += g * g;
                    weights[b] -= LEARNING_RATE * g / Math.sqrt(squared[b] + 1e-8);
                }
                biasSquared += error * error;
                bias -= LEARNING_RATE * error / Math.sqrt(biasSquared + 1e-8);
            }
        }
        return new TfidfLogistic(idf, weights, bias);
    }

    /** Probability of positive for each text. */
    public double[] positiveProbabilities(List<int[]> ids) {
        double[] p = new double[ids.size()];
        for (int i = 0; i < p.length; i++) {
            int[] buckets = NgramLogit.buckets(ids.get(i), HASH_BITS);
            double norm = norm(buckets);
            double z = bias;
            for (int b : buckets) {
                z += weights[b] * idf[b] / norm;
            }
            p[i] = 1 / (1 + Math.exp(-z));
        }
        return p;
    }

    private double norm(int[] buckets) {
        double sum = 0;
        for (int b : buckets) {
            sum += (double) idf[b] * idf[b];
        }
        return Math.max(1e-9, Math.sqrt(sum));
    }
}
