package io.sentimentstream.core.model;

/**
 * How the LSTM and the linear n-gram members are combined: the fused log-odds of a positive review
 * are {@code lstm * logit(p_lstm) + ngram * logit_ngram + tfidf * logit_tfidf + bias}. Fitted by
 * logistic regression on the validation split (never on test data).
 *
 * @param lstm  weight of the LSTM's log-odds
 * @param ngram weight of the NB-weighted n-gram model's log-odds ({@link NgramLogit})
 * @param tfidf weight of the TF-IDF model's log-odds ({@link TfidfLogit}); 0 for a bundle without one
 * @param bias  intercept
 */
public record FusionWeights(double lstm, double ngram, double tfidf, double bias) {

    /** Weights without a TF-IDF member (bundles before issue 15's second linear member). */
    public FusionWeights(double lstm, double ngram, double bias) {
        this(lstm, ngram, 0, bias);
    }

    /** Whether the TF-IDF member takes part. */
    public boolean usesTfidf() {
        return tfidf != 0;
    }

    /** The fused probability of the positive class, without a TF-IDF member. */
    public double fuse(double lstmProbability, double ngramLogit) {
        return fuse(lstmProbability, ngramLogit, 0);
    }

    /** The fused probability of the positive class. */
    public double fuse(double lstmProbability, double ngramLogit, double tfidfLogit) {
        double p = Math.min(1 - 1e-7, Math.max(1e-7, lstmProbability));
        double z = lstm * Math.log(p / (1 - p)) + ngram * ngramLogit + tfidf * tfidfLogit + bias;
        return 1 / (1 + Math.exp(-z));
    }
}
