package io.sentimentstream.trainer.train;

import io.sentimentstream.core.model.FusionWeights;

/**
 * Fits {@link FusionWeights} by logistic regression (Newton's method with step halving, a small
 * ridge for stability) on two scores per example: the LSTM's log-odds and the n-gram model's
 * log-odds. It starts from zero weights, where every prediction is 0.5 and the curvature is
 * largest: starting from confident weights, saturated predictions made the first Newton steps
 * explode.
 */
public final class FusionFitter {

    private static final double RIDGE = 1e-3;
    private static final int ITERATIONS = 25;

    private FusionFitter() {
    }

    /** Fits weights on the examples selected by {@code use} (all when null). */
    public static FusionWeights fit(double[] lstmProbabilities, double[] ngramLogits, boolean[] positive, boolean[] use) {
        double[] w = {0, 0, 0};
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[] gradient = new double[3];
            double[][] hessian = new double[3][3];
            for (int i = 0; i < positive.length; i++) {
                if (use != null && !use[i]) {
                    continue;
                }
                double[] x = features(lstmProbabilities[i], ngramLogits[i]);
                double p = 1 / (1 + Math.exp(-(w[0] * x[0] + w[1] * x[1] + w[2] * x[2])));
                double error = p - (positive[i] ? 1 : 0);
                double curvature = Math.max(p * (1 - p), 1e-9);
                for (int a = 0; a < 3; a++) {
                    gradient[a] += error * x[a];
                    for (int b = 0; b < 3; b++) {
                        hessian[a][b] += curvature * x[a] * x[b];
                    }
                }
            }
            for (int a = 0; a < 3; a++) {
                gradient[a] += RIDGE * w[a];
                hessian[a][a] += RIDGE;
            }
            double[] step = solve(hessian, gradient);
            double current = loss(w, lstmProbabilities, ngramLogits, positive, use);
            double scale = 1;
            double[] next = new double[3];
            do {
                for (int a = 0; a < 3; a++) {
                    next[a] = w[a] - scale * step[a];
                }
                scale /= 2;
            } while (loss(next, lstmProbabilities, ngramLogits, positive, use) > current && scale > 1e-6);
            System.arraycopy(next, 0, w, 0, 3);
        }
        return new FusionWeights(w[0], w[1], w[2]);
    }

    /** Penalised negative log-likelihood. */
    private static double loss(double[] w, double[] lstm, double[] ngram, boolean[] positive, boolean[] use) {
        double sum = 0;
        for (int i = 0; i < positive.length; i++) {
            if (use != null && !use[i]) {
                continue;
            }
            double[] x = features(lstm[i], ngram[i]);
            double z = w[0] * x[0] + w[1] * x[1] + w[2] * x[2];
            // log(1 + e^-z) for positives, log(1 + e^z) for negatives, computed without overflow
            double margin = positive[i] ? z : -z;
            sum += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
        }
        return sum + RIDGE / 2 * (w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
    }

    private static double[] features(double lstmProbability, double ngramLogit) {
        double p = Math.min(1 - 1e-7, Math.max(1e-7, lstmProbability));
        return new double[] {Math.log(p / (1 - p)), ngramLogit, 1};
    }

    /** Solves a 3x3 system by Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] matrix, double[] vector) {
        int n = vector.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(matrix[i], 0, a[i], 0, n);
            a[i][n] = vector[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int row = col + 1; row < n; row++) {
                double factor = a[row][col] / a[col][col];
                for (int k = col; k <= n; k++) {
                    a[row][k] -= factor * a[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = a[row][n];
            for (int k = row + 1; k < n; k++) {
                sum -= a[row][k] * x[k];
            }
            x[row] = sum / a[row][row];
        }
        return x;
    }
}
