package io.sentimentstream.core.model;

import java.util.List;

/**
 * Scores with the LSTM engine and the linear members ({@link NgramLogit}, optionally
 * {@link TfidfLogit}) and combines them with {@link FusionWeights}. The linear members are
 * stateless, so a copy only copies the LSTM engine.
 */
public final class FusedScorer implements SequenceScorer {

    private final SequenceScorer lstm;
    private final NgramLogit ngram;
    private final TfidfLogit tfidf;
    private final FusionWeights fusion;

    /** Fuses {@code lstm} and {@code ngram} with the given weights. */
    public FusedScorer(SequenceScorer lstm, NgramLogit ngram, FusionWeights fusion) {
        this(lstm, ngram, null, fusion);
    }

    /**
     * Fuses {@code lstm}, {@code ngram} and {@code tfidf} with the given weights.
     *
     * @param tfidf the TF-IDF member, or {@code null} when the weights give it none
     */
    public FusedScorer(SequenceScorer lstm, NgramLogit ngram, TfidfLogit tfidf, FusionWeights fusion) {
        if (fusion.usesTfidf() && tfidf == null) {
            throw new IllegalArgumentException("the fusion weights use a TF-IDF member that is missing");
        }
        this.lstm = lstm;
        this.ngram = ngram;
        this.tfidf = fusion.usesTfidf() ? tfidf : null;
        this.fusion = fusion;
    }

    @Override
    public double[] positiveProbabilities(List<int[]> sequences) {
        double[] probabilities = lstm.positiveProbabilities(sequences);
        for (int i = 0; i < probabilities.length; i++) {
            int[] ids = sequences.get(i);
            probabilities[i] = fusion.fuse(probabilities[i], ngram.logit(ids), tfidf == null ? 0 : tfidf.logit(ids));
        }
        return probabilities;
    }

    @Override
    public SequenceScorer copy() {
        return new FusedScorer(lstm.copy(), ngram, tfidf, fusion);
    }

    @Override
    public String engine() {
        return lstm.engine() + (tfidf == null ? "+ngram" : "+ngram+tfidf");
    }
}
