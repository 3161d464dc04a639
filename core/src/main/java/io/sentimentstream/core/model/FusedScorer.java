package io.sentimentstream.core.model;

import java.util.List;

/**
 * Scores with the LSTM engine and the {@link NgramLogit} and combines both with
 * {@link FusionWeights}. The n-gram part is stateless, so a copy only copies the LSTM engine.
 */
public final class FusedScorer implements SequenceScorer {

    private final SequenceScorer lstm;
    private final NgramLogit ngram;
    private final FusionWeights fusion;

    /** Fuses {@code lstm} and {@code ngram} with the given weights. */
    public FusedScorer(SequenceScorer lstm, NgramLogit ngram, FusionWeights fusion) {
        this.lstm = lstm;
        this.ngram = ngram;
        this.fusion = fusion;
    }

    @Override
    public double[] positiveProbabilities(List<int[]> sequences) {
        double[] probabilities = lstm.positiveProbabilities(sequences);
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = fusion.fuse(probabilities[i], ngram.logit(sequences.get(i)));
        }
        return probabilities;
    }

    @Override
    public SequenceScorer copy() {
        return new FusedScorer(lstm.copy(), ngram, fusion);
    }

    @Override
    public String engine() {
        return lstm.engine() + "+ngram";
    }
}
