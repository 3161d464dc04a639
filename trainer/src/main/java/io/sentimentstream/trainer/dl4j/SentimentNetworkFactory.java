package io.sentimentstream.trainer.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the classifier: token ids, a word embedding, an LSTM (optionally bidirectional), max and
 * mean pooling over the real (masked) time steps, and a two-way softmax.
 *
 * <p>Pooling over all steps rather than taking the last step matters twice: a review's verdict is
 * often in the middle, and {@code LastTimeStep} around a bidirectional LSTM would read the
 * backward direction after a single token.
 */
public final class SentimentNetworkFactory {

    /** Name of the network's only input (token ids). */
    public static final String INPUT = "tokens";
    /** Name of the network's only output (softmax over neg, pos). */
    public static final String OUTPUT = "sentiment";

    private SentimentNetworkFactory() {
    }

    /** A freshly initialised network of the given architecture. */
    public static ComputationGraph create(NetworkArchitecture config) {
        // Sizes are explicit: setInputTypes would overwrite the embedding's nIn with the input width.
        LSTM lstm = new LSTM.Builder()
                .nIn(config.embeddingSize())
                .nOut(config.lstmSize())
                .activation(Activation.TANH)
                .build();
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .updater(new Adam(config.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .l2(config.l2())
                .gradientNormalization(config.gradientClip() > 0
                        ? GradientNormalization.ClipL2PerLayer : GradientNormalization.None)
                .gradientNormalizationThreshold(config.gradientClip() > 0 ? config.gradientClip() : 1.0)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs(INPUT)
                .addLayer("embedding", new EmbeddingSequenceLayer.Builder()
                        .nIn(config.vocabularySize())
                        .nOut(config.embeddingSize())
                        .build(), INPUT)
                .addLayer("lstm", config.bidirectional()
                        ? new Bidirectional(Bidirectional.Mode.CONCAT, lstm)
                        : lstm, "embedding")
                .addLayer("maxPool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "lstm")
                .addLayer("meanPool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "lstm")
                .addVertex("pooled", new MergeVertex(), "maxPool", "meanPool")
                .addLayer(OUTPUT, outputLayer(2L * config.lstmSize() * (config.bidirectional() ? 2 : 1), config.dropout()), "pooled")
                .setOutputs(OUTPUT);
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        return network;
    }

    private static OutputLayer outputLayer(long pooledWidth, double dropout) {
        OutputLayer.Builder output = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(pooledWidth)
                .nOut(2)
                .activation(Activation.SOFTMAX);
        if (dropout > 0) {
            // DL4J takes the probability of keeping an activation.
            output.dropOut(1.0 - dropout);
        }
        return output.build();
    }
}
