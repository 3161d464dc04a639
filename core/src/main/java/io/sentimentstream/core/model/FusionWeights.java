package io.sentimentstream.core.model;

/**
 * How the LSTM and the n-gram model are combined: the fused log-odds of a positive review are
 * {@code lstm * logit(p_lstm) + ngram * logit_ngram + bias}. Fitted by logistic regression on the
 * validation split (never on test data).
 *
 * @param lstm  weight of the LSTM's log-odds
 * @param ngram weight of the n-gram model's log-odds
 * @param bias  intercept
 */
public record FusionWeights(double lstm, double ngram, double bias) {

    /** The fused probability of the positive class. */
    public double fuse(double lstmProbability, double ngramLogit) {
        double p = Math.min(1 - 1e-7, Math.max(1e-7, lstmProbability));
        double z = lstm * Math.log(p / (1 - p)) + ngram * ngramLogit + bias;
        return 1 / (1 + Math.exp(-z));
    }
}
