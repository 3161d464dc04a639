package io.sentimentstream.core.model;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inference for the {@link SentimentNetworkFactory} network in plain Java arrays, with the
 * weights copied out of the trained DL4J network when the bundle is loaded.
 *
 * <p>Why: DL4J pays a large fixed cost per op and per time step on CPU (measured ~95 ms per call
 * at batch 1 here), while this network's real work is small. What makes this engine fast: the
 * embedding and the LSTM's input projection are folded into one table of {@code vocabulary x
 * 4·units} pre-activations, so a time step costs one table row plus the recurrent product; each
 * review runs only over its real tokens, so no padding is ever computed; the recurrent product
 * takes four rows per pass; and the gate activations are rational approximations in simple loops
 * ({@link FastActivations}) instead of a {@code Math.exp} call per value.
 *
 * <p>It computes exactly what DL4J computes (same gate order, activations, masked max and mean
 * pooling, softmax); tests check both engines agree to 1e-5 on real reviews. Immutable and
 * thread-safe: all scratch space is per call.
 */
public final class JavaLstmScorer implements SequenceScorer {

    private final Direction forward;
    private final Direction backward;
    private final int pooledWidth;
    private final float[] outputWeights;
    private final float[] outputBias;

    /** One LSTM direction: the folded input table and the recurrent weights. */
    private record Direction(float[] inputTable, float[] recurrent, int units) {
    }

    private JavaLstmScorer(Direction forward, Direction backward, float[] outputWeights, float[] outputBias) {
        this.forward = forward;
        this.backward = backward;
        int directionWidth = forward.units() + (backward == null ? 0 : backward.units());
        this.pooledWidth = 2 * directionWidth;
        this.outputWeights = outputWeights;
        this.outputBias = outputBias;
    }

    /**
     * Whether {@code network} has exactly the shape this engine implements (embedding, LSTM or
     * bidirectional LSTM with tanh and sigmoid gates, max and mean pooling, two-way softmax).
     */
    public static boolean supports(ComputationGraph network) {
        try {
            layer(network, "embedding", EmbeddingSequenceLayer.class);
            org.deeplearning4j.nn.conf.layers.Layer lstm = network.getLayer("lstm").conf().getLayer();
            LSTM inner = lstm instanceof Bidirectional b ? (LSTM) b.getFwd() : (LSTM) lstm;
            if (lstm instanceof Bidirectional b && b.getMode() != Bidirectional.Mode.CONCAT) {
                return false;
            }
            boolean gates = inner.getActivationFn() instanceof ActivationTanH
                    && inner.getGateActivationFn() instanceof ActivationSigmoid;
            boolean pools = layer(network, "maxPool", GlobalPoolingLayer.class).getPoolingType() == PoolingType.MAX
                    && layer(network, "meanPool", GlobalPoolingLayer.class).getPoolingType() == PoolingType.AVG;
            OutputLayer output = layer(network, SentimentNetworkFactory.OUTPUT, OutputLayer.class);
            boolean hasEmbeddingBias = network.getLayer("embedding").paramTable().containsKey("b");
            return gates && pools && output.getActivationFn() instanceof ActivationSoftmax
                    && output.getNOut() == 2 && !hasEmbeddingBias
                    && network.getConfiguration().getVertices().size() == 6;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Copies the weights out of a supported network (see {@link #supports}). */
    public static JavaLstmScorer of(ComputationGraph network) {
        if (!supports(network)) {
            throw new IllegalArgumentException("the network's shape is not the one the Java engine implements");
        }
        INDArray embedding = network.getLayer("embedding").getParam("W");
        Layer lstm = network.getLayer("lstm");
        boolean bidirectional = lstm.conf().getLayer() instanceof Bidirectional;
        Direction fwd = direction(embedding, lstm, bidirectional ? "f" : "");
        Direction bwd = bidirectional ? direction(embedding, lstm, "b") : null;
        Layer output = network.getLayer(SentimentNetworkFactory.OUTPUT);
        return new JavaLstmScorer(fwd, bwd, output.getParam("W").dup('c').data().asFloat(),
                output.getParam("b").dup('c').data().asFloat());
    }

    private static Direction direction(INDArray embedding, Layer lstm, String prefix) {
        INDArray inputWeights = lstm.getParam(prefix + "W");
        INDArray recurrent = lstm.getParam(prefix + "RW");
        INDArray bias = lstm.getParam(prefix + "b");
        int units = (int) recurrent.size(0);
        // Folding: row v of the table is embedding[v] x W + b, the input pre-activation of word v.
        INDArray table = embedding.mmul(inputWeights).addiRowVector(bias);
        return new Direction(table.dup('c').data().asFloat(), recurrent.dup('c').data().asFloat(), units);
    }

    @SuppressWarnings("unchecked")
    private static <T> T layer(ComputationGraph network, String name, Class<T> type) {
        Object conf = network.getLayer(name).conf().getLayer();
        if (!type.isInstance(conf)) {
            throw new IllegalArgumentException(name + " is not a " + type.getSimpleName());
        }
        return (T) conf;
    }

    @Override
    public double[] positiveProbabilities(List<int[]> sequences) {
        double[] result = new double[sequences.size()];
        float[] pooled = new float[pooledWidth];
        for (int i = 0; i < result.length; i++) {
            int[] ids = sequences.get(i);
            run(forward, ids, false, pooled, 0);
            if (backward != null) {
                run(backward, ids, true, pooled, forward.units());
            }
            result[i] = positiveProbability(pooled);
        }
        return result;
    }

    /**
     * Runs one direction over the tokens and writes its max pooling to {@code pooled[offset..]}
     * and its mean pooling to {@code pooled[half + offset..]}, matching DL4J's merge order
     * (all max columns of both directions first, then all mean columns).
     */
    private void run(Direction d, int[] ids, boolean reverse, float[] pooled, int offset) {
        int n = d.units();
        int width = 4 * n;
        float[] z = new float[width];
        float[] h = new float[n];
        float[] c = new float[n];
        float[] tanhC = new float[n];
        float[] max = new float[n];
        float[] sum = new float[n];
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        float[] table = d.inputTable();
        float[] recurrent = d.recurrent();
        for (int step = 0; step < ids.length; step++) {
            int id = ids[reverse ? ids.length - 1 - step : step];
            System.arraycopy(table, id * width, z, 0, width);
            if (step > 0) {
                addRecurrent(z, h, recurrent, n, width);
            }
            // DL4J's LSTM column blocks: block input (tanh), then forget, output and input gates
            // (sigmoid). Each activation is one simple pass over an array, which the JIT can vectorise.
            FastActivations.tanh(z, 0, n);
            FastActivations.sigmoid(z, n, width);
            for (int j = 0; j < n; j++) {
                c[j] = z[n + j] * c[j] + z[3 * n + j] * z[j];
            }
            FastActivations.tanh(c, tanhC, n);
            for (int j = 0; j < n; j++) {
                float hj = z[2 * n + j] * tanhC[j];
                h[j] = hj;
                max[j] = Math.max(max[j], hj);
                sum[j] += hj;
            }
        }
        int half = pooledWidth / 2;
        for (int j = 0; j < n; j++) {
            pooled[offset + j] = max[j];
            pooled[half + offset + j] = sum[j] / ids.length;
        }
    }

    /**
     * {@code z += h x recurrent}. Four rows at a time: each pass over {@code z} then does four
     * multiply-adds per load and store of {@code z} instead of one (the product took 71 % of the
     * time when done row by row), and the inner loop stays simple enough to be vectorised.
     */
    private static void addRecurrent(float[] z, float[] h, float[] recurrent, int n, int width) {
        int k = 0;
        for (; k + 3 < n; k += 4) {
            float h0 = h[k];
            float h1 = h[k + 1];
            float h2 = h[k + 2];
            float h3 = h[k + 3];
            int r0 = k * width;
            int r1 = r0 + width;
            int r2 = r1 + width;
            int r3 = r2 + width;
            for (int j = 0; j < width; j++) {
                z[j] += h0 * recurrent[r0 + j] + h1 * recurrent[r1 + j] + h2 * recurrent[r2 + j]
                        + h3 * recurrent[r3 + j];
            }
        }
        for (; k < n; k++) {
            float hk = h[k];
            int row = k * width;
            for (int j = 0; j < width; j++) {
                z[j] += hk * recurrent[row + j];
            }
        }
    }

    private double positiveProbability(float[] pooled) {
        // Output weights are [pooledWidth, 2] row-major.
        double negative = outputBias[0];
        double positive = outputBias[1];
        for (int k = 0; k < pooledWidth; k++) {
            negative += pooled[k] * outputWeights[2 * k];
            positive += pooled[k] * outputWeights[2 * k + 1];
        }
        return 1.0 / (1.0 + Math.exp(negative - positive));
    }

    @Override
    public SequenceScorer copy() {
        return this;
    }

    @Override
    public String engine() {
        return "java";
    }
}
