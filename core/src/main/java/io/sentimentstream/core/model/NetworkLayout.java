package io.sentimentstream.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network's architecture as data: the {@code network.json} entry of a format-3 bundle. Another
 * runtime needs it, with the tensors of {@code weights.bin} (see {@link LstmNetwork}), to compute
 * what this project's Java engine computes:
 *
 * <ol>
 *   <li>token ids → rows of {@code embedding.W} ({@code vocabularySize x embeddingSize}, no bias);</li>
 *   <li>an LSTM over the real tokens only (no padding is ever fed), or two when bidirectional
 *       (the backward one reads the tokens in reverse order), without peepholes. Pre-activations
 *       are {@code x·W + h·RW + b}, four blocks of {@code lstmUnits} columns in {@link #gateOrder}:
 *       block input {@code z} (tanh), forget gate {@code f}, output gate {@code o}, input gate
 *       {@code i} (sigmoid); {@code c = f·c + i·z}, {@code h = o·tanh(c)}, starting from zeros;</li>
 *   <li>pooling over the time steps, in {@link #pooling} order: the max of every hidden unit,
 *       then the mean; with two directions the pooled vector is
 *       {@code [max fwd, max bwd, mean fwd, mean bwd]};</li>
 *   <li>{@code softmax(pooled · output.W + output.b)} over {@link #classes} classes in the
 *       manifest's label order.</li>
 * </ol>
 *
 * @param kind             {@value #KIND}; a reader refuses any other
 * @param vocabularySize   number of token ids, reserved ones included
 * @param embeddingSize    embedding width
 * @param lstmUnits        hidden units per direction
 * @param bidirectional    whether a backward LSTM runs too
 * @param gateOrder        the four column blocks of W, RW and b, in order
 * @param gateActivations  the activation of each block, in the same order
 * @param cellActivation   the activation applied to the cell state before the output gate
 * @param pooling          pooling over time, in the order the pooled vector holds them
 * @param classes          output classes
 * @param outputActivation the output activation
 */
public record NetworkLayout(String kind, int vocabularySize, int embeddingSize, int lstmUnits, boolean bidirectional,
                            List<String> gateOrder, List<String> gateActivations, String cellActivation,
                            List<String> pooling, int classes, String outputActivation) {

    /** The only network kind format 3 knows. */
    public static final String KIND = "embedding-lstm-maxmeanpool-softmax";
    /** DL4J's LSTM block order (verified against its {@code LSTMHelpers}). */
    public static final List<String> GATE_ORDER = List.of("blockInput", "forgetGate", "outputGate", "inputGate");
    static final List<String> GATE_ACTIVATIONS = List.of("tanh", "sigmoid", "sigmoid", "sigmoid");
    static final List<String> POOLING = List.of("max", "mean");
    /** Largest sizes a reader accepts: far above any model here, far below what would overflow. */
    static final int MAX_VOCABULARY = 10_000_000;
    static final int MAX_WIDTH = 8_192;

    /** Tensor names in {@code weights.bin}. */
    public static final String EMBEDDING = "embedding.W";
    /** Output layer weights, {@code pooledWidth x classes}. */
    public static final String OUTPUT_W = "output.W";
    /** Output layer bias, {@code classes}. */
    public static final String OUTPUT_B = "output.b";

    /** The layout of a network of the one supported kind with the given sizes. */
    public static NetworkLayout of(int vocabularySize, int embeddingSize, int lstmUnits, boolean bidirectional) {
        return new NetworkLayout(KIND, vocabularySize, embeddingSize, lstmUnits, bidirectional, GATE_ORDER,
                GATE_ACTIVATIONS, "tanh", POOLING, 2, "softmax");
    }

    /** Name of a direction's tensor: {@code lstm.forward.W}, {@code lstm.backward.RW}, ... */
    public static String lstm(boolean backward, String param) {
        return "lstm." + (backward ? "backward" : "forward") + "." + param;
    }

    /** Number of LSTM directions. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** Width of the pooled vector that the output layer reads. */
    public int pooledWidth() {
        return 2 * directions() * lstmUnits;
    }

    /**
     * What is wrong with this layout for the Java engine, or {@code null} when it is the supported
     * kind with sizes in range.
     */
    public String problem() {
        if (!KIND.equals(kind)) {
            return "network kind '" + kind + "' is not supported (expected " + KIND + ")";
        }
        if (!GATE_ORDER.equals(gateOrder) || !GATE_ACTIVATIONS.equals(gateActivations) || !"tanh".equals(cellActivation)) {
            return "LSTM gates " + gateOrder + " " + gateActivations + " / cell " + cellActivation
                    + " are not supported (expected " + GATE_ORDER + " " + GATE_ACTIVATIONS + " / cell tanh)";
        }
        if (!POOLING.equals(pooling) || classes != 2 || !"softmax".equals(outputActivation)) {
            return "pooling " + pooling + " with " + classes + " " + outputActivation
                    + " outputs is not supported (expected [max, mean] and a 2-way softmax)";
        }
        if (vocabularySize < 3 || vocabularySize > MAX_VOCABULARY || embeddingSize < 1 || embeddingSize > MAX_WIDTH
                || lstmUnits < 1 || lstmUnits > MAX_WIDTH) {
            return "sizes out of range: vocabulary " + vocabularySize + " (3 to " + MAX_VOCABULARY + "), embedding "
                    + embeddingSize + " and LSTM units " + lstmUnits + " (1 to " + MAX_WIDTH + ")";
        }
        return null;
    }

    /** Every tensor the weights entry must hold, with its shape, in file order. */
    public Map<String, long[]> tensorShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put(EMBEDDING, new long[] {vocabularySize, embeddingSize});
        for (int d = 0; d < directions(); d++) {
            boolean backward = d == 1;
            shapes.put(lstm(backward, "W"), new long[] {embeddingSize, 4L * lstmUnits});
            shapes.put(lstm(backward, "RW"), new long[] {lstmUnits, 4L * lstmUnits});
            shapes.put(lstm(backward, "b"), new long[] {4L * lstmUnits});
        }
        shapes.put(OUTPUT_W, new long[] {pooledWidth(), classes});
        shapes.put(OUTPUT_B, new long[] {classes});
        return shapes;
    }
}
