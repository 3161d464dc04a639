package io.sentimentstream.trainer.train;

import io.sentimentstream.core.model.FusionWeights;

/**
 * Fits {@link FusionWeights} by logistic regression (Newton's method with step halving, a small
 * ridge for stability) on the members' log-odds: the LSTM's, the n-gram model's and, where there
 * is one, the TF-IDF model's. It starts from zero weights, where every prediction is 0.5 and the
 * curvature is largest: starting from confident weights, saturated predictions made the first
 * Newton steps explode.
 */
public final class FusionFitter {

    private static final double RIDGE = 1e-3;
    private static final int ITERATIONS = 25;

    private FusionFitter() {
    }

    /** Fits LSTM and n-gram weights on the examples selected by {@code use} (all when null). */
    public static FusionWeights fit(double[] lstmProbabilities, double[] ngramLogits, boolean[] positive, boolean[] use) {
        return fit(lstmProbabilities, ngramLogits, null, positive, use);
    }

    /**
     * Fits the weights on the examples selected by {@code use} (all when null).
     *
     * @param tfidfLogits the TF-IDF member's log-odds, or {@code null} for a fusion without one
     */
    public static FusionWeights fit(double[] lstmProbabilities, double[] ngramLogits, double[] tfidfLogits,
                                    boolean[] positive, boolean[] use) {
        double[][] x = tfidfLogits == null
                ? new double[][] {logOdds(lstmProbabilities), ngramLogits}
                : new double[][] {logOdds(lstmProbabilities), ngramLogits, tfidfLogits};
        double[] w = fit(x, positive, use);
        return tfidfLogits == null ? new FusionWeights(w[0], w[1], w[2]) : new FusionWeights(w[0], w[1], w[2], w[3]);
    }

    /** Weights for each row of {@code x} and, last, the intercept. */
    private static double[] fit(double[][] x, boolean[] positive, boolean[] use) {
        int d = x.length + 1;
        double[] w = new double[d];
        double[] features = new double[d];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < positive.length; i++) {
                if (use != null && !use[i]) {
                    continue;
                }
                row(x, i, features);
                double p = 1 / (1 + Math.exp(-dot(w, features)));
                double error = p - (positive[i] ? 1 : 0);
                double curvature = Math.max(p * (1 - p), 1e-9);
                for (int a = 0; a < d; a++) {
                    gradient[a] += error * features[a];
                    for (int b = 0; b < d; b++) {
                        hessian[a][b] += curvature * features[a] * features[b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                gradient[a] += RIDGE * w[a];
                hessian[a][a] += RIDGE;
            }
            double[] step = solve(hessian, gradient);
            double current = loss(w, x, positive, use);
            double scale = 1;
            double[] next = new double[d];
            do {
                for (int a = 0; a < d; a++) {
                    next[a] = w[a] - scale * step[a];
                }
                scale /= 2;
            } while (loss(next, x, positive, use) > current && scale > 1e-6);
            w = next;
        }
        return w;
    }

    private static void row(double[][] x, int i, double[] features) {
        for (int k = 0; k < x.length; k++) {
            features[k] = x[k][i];
        }
        features[x.length] = 1;
    }

    private static double dot(double[] w, double[] features) {
        double z = 0;
        for (int k = 0; k < w.length; k++) {
            z += w[k] * features[k];
        }
        return z;
    }

    /** Penalised negative log-likelihood. */
    private static double loss(double[] w, double[][] x, boolean[] positive, boolean[] use) {
        double[] features = new double[w.length];
        double sum = 0;
        for (int i = 0; i < positive.length; i++) {
            if (use != null && !use[i]) {
                continue;
            }
            row(x, i, features);
            double z = dot(w, features);
            // log(1 + e^-z) for positives, log(1 + e^z) for negatives, computed without overflow
            double margin = positive[i] ? z : -z;
            sum += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
        }
        return sum + RIDGE / 2 * dot(w, w);
    }

    private static double[] logOdds(double[] probabilities) {
        double[] z = new double[probabilities.length];
        for (int i = 0; i < z.length; i++) {
            double p = Math.min(1 - 1e-7, Math.max(1e-7, probabilities[i]));
            z[i] = Math.log(p / (1 - p));
        }
        return z;
    }

    /** Solves a small linear system by Gaussian elimination with partial pivoting. */
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
