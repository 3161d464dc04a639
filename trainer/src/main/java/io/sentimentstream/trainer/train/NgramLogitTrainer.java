package io.sentimentstream.trainer.train;

import io.sentimentstream.core.model.NgramLogit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Trains {@link NgramLogit}: naive-Bayes log-count ratios scale the binary n-gram features
 * (Wang and Manning, 2012), then logistic regression with L2 is fitted by AdaGrad. The stored
 * weight of a bucket is its ratio times its learned coefficient, so serving is one sum.
 */
public final class NgramLogitTrainer {

    private final NgramSettings features;
    private final int epochs;
    private final double learningRate;
    private final double l2;
    private final long seed;

    /**
     * @param hashBits     2^hashBits buckets (uni- and bigrams)
     * @param epochs       passes of AdaGrad
     * @param learningRate AdaGrad step size
     * @param l2           L2 penalty per example
     * @param seed         shuffling seed
     */
    public NgramLogitTrainer(int hashBits, int epochs, double learningRate, double l2, long seed) {
        this(new NgramSettings(hashBits, 2, false), epochs, learningRate, l2, seed);
    }

    /** As above, with the given features (order, length normalisation). */
    public NgramLogitTrainer(NgramSettings features, int epochs, double learningRate, double l2, long seed) {
        this.features = features;
        this.epochs = epochs;
        this.learningRate = learningRate;
        this.l2 = l2;
        this.seed = seed;
    }

    /** Fits the model on encoded training examples. */
    public NgramLogit train(List<EncodedExample> examples) {
        int hashBits = features.hashBits();
        int size = 1 << hashBits;
        List<int[]> bucketsOf = new ArrayList<>(examples.size());
        double[] positiveCounts = new double[size];
        double[] negativeCounts = new double[size];
        for (EncodedExample e : examples) {
            int[] buckets = NgramLogit.buckets(e.ids(), hashBits, features.order());
            bucketsOf.add(buckets);
            double[] counts = e.label() == 1 ? positiveCounts : negativeCounts;
            for (int b : buckets) {
                counts[b]++;
            }
        }
        double alpha = 1.0;
        double positiveTotal = 0;
        double negativeTotal = 0;
        for (int j = 0; j < size; j++) {
            positiveTotal += positiveCounts[j] + alpha;
            negativeTotal += negativeCounts[j] + alpha;
        }
        float[] ratio = new float[size];
        for (int j = 0; j < size; j++) {
            ratio[j] = (float) Math.log(((positiveCounts[j] + alpha) / positiveTotal)
                    / ((negativeCounts[j] + alpha) / negativeTotal));
        }

        double[] coefficient = new double[size];
        double[] squaredGradients = new double[size];
        double bias = 0;
        double biasSquared = 0;
        Random random = new Random(seed);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            order.add(i);
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                int[] buckets = bucketsOf.get(i);
                double scale = NgramLogit.scale(buckets.length, features.lengthNormalised());
                double z = 0;
                for (int b : buckets) {
                    z += coefficient[b] * ratio[b];
                }
                z = bias + z * scale;
                double p = 1 / (1 + Math.exp(-z));
                double error = p - examples.get(i).label();
                for (int b : buckets) {
                    double g = error * ratio[b] * scale + l2 * coefficient[b];
                    squaredGradients[b] += g * g;
                    coefficient[b] -= learningRate * g / Math.sqrt(squaredGradients[b] + 1e-8);
                }
                biasSquared += error * error;
                bias -= learningRate * error / Math.sqrt(biasSquared + 1e-8);
            }
        }
        float[] weights = new float[size];
        for (int j = 0; j < size; j++) {
            weights[j] = (float) (coefficient[j] * ratio[j]);
        }
        return new NgramLogit(hashBits, features.order(), features.lengthNormalised(), weights, (float) bias);
    }
}
