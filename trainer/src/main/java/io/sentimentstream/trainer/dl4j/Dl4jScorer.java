package io.sentimentstream.trainer.dl4j;

import io.sentimentstream.core.model.SequenceScorer;
import io.sentimentstream.core.text.EncodingSettings;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores with the DL4J network itself: the batch is padded to its longest sequence, masked, and
 * evaluated in one {@code output()} call. Not thread-safe (DL4J networks are not); {@link #copy()}
 * clones the network.
 */
public final class Dl4jScorer implements SequenceScorer {

    private final ComputationGraph network;
    private final EncodingSettings.Side padding;

    /** A scorer over {@code network}, padding batches on the given side. */
    public Dl4jScorer(ComputationGraph network, EncodingSettings.Side padding) {
        this.network = network;
        this.padding = padding;
    }

    @Override
    public double[] positiveProbabilities(List<int[]> sequences) {
        if (sequences.isEmpty()) {
            return new double[0];
        }
        EncodedBatch batch = EncodedBatch.of(sequences, padding);
        INDArray probabilities = network.output(false, new INDArray[] {batch.features()},
                new INDArray[] {batch.mask()})[0];
        double[] positive = new double[batch.size()];
        for (int i = 0; i < positive.length; i++) {
            // The softmax comes out in float, where 1 - p near 1 keeps only a few digits (at
            // p = 0.9999985 the log-odds were off by 0.04, which fusion passes on). The smaller
            // of the two outputs is precise, so normalise both in double.
            double negative = probabilities.getDouble(i, 0);
            double positiveOutput = probabilities.getDouble(i, 1);
            positive[i] = positiveOutput / (negative + positiveOutput);
        }
        return positive;
    }

    @Override
    public SequenceScorer copy() {
        return new Dl4jScorer(network.clone(), padding);
    }

    @Override
    public String engine() {
        return "dl4j";
    }
}
