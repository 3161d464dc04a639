package io.sentimentstream.core.model;

import java.util.Arrays;
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
 * Inference for the {@link SentimentNetworkFactory} network in plain Java, with the weights copied
 * out of the trained DL4J network when the bundle is loaded.
 *
 * <p>Why: DL4J pays a large fixed cost per op and per time step on CPU (measured ~95 ms per call
 * at batch 1 here), while this network's real work is small. What makes this engine fast: the
 * embedding and the LSTM's input projection are folded into one table ({@link LstmWeights}), so a
 * time step costs one table row plus the recurrent product; a batch is sorted by length and runs
 * through the time steps together, the active reviews always a prefix of it that shrinks as short
 * reviews end, so no padding is ever computed and the recurrent weights are read once per step for
 * the whole batch; and the step itself is SIMD code ({@link VectorLstmKernel}), or plain loops
 * ({@link ScalarLstmKernel}) when the JVM was started without {@code --add-modules
 * jdk.incubator.vector} or without C2 (said once in the log, see {@link LstmKernelType}).
 *
 * <p>It computes exactly what DL4J computes (same gate order, activations, masked max and mean
 * pooling, softmax); tests check both engines agree to 1e-5 on real reviews. Thread-safe and
 * shared: the scratch space is per thread and reused, so scoring allocates only its result.
 */
public final class JavaLstmScorer implements SequenceScorer {

    private final LstmKernel forward;
    private final LstmKernel backward;
    private final int units;
    private final float[] outputWeights;
    private final float[] outputBias;
    private final String engine;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread scratch: the batch's order and the LSTM state. */
    private static final class Scratch {
        final LstmBatchState state = new LstmBatchState();
        long[] byLength = new long[0];
        int[][] sorted = new int[0][];
        float[] pooled = new float[0];
    }

    private JavaLstmScorer(LstmKernel forward, LstmKernel backward, int units, float[] outputWeights,
                           float[] outputBias, String engine) {
        this.forward = forward;
        this.backward = backward;
        this.units = units;
        this.outputWeights = outputWeights;
        this.outputBias = outputBias;
        this.engine = engine;
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

    /** Copies the weights out of a supported network (see {@link #supports}), for the fastest kernel this JVM runs. */
    public static JavaLstmScorer of(ComputationGraph network) {
        return of(network, LstmKernelType.fastest());
    }

    /** The same with the given kernel (tests check both against DL4J). */
    static JavaLstmScorer of(ComputationGraph network, LstmKernelType kernel) {
        if (!supports(network)) {
            throw new IllegalArgumentException("the network's shape is not the one the Java engine implements");
        }
        INDArray embedding = network.getLayer("embedding").getParam("W");
        Layer lstm = network.getLayer("lstm");
        boolean bidirectional = lstm.conf().getLayer() instanceof Bidirectional;
        LstmWeights fwd = weights(embedding, lstm, bidirectional ? "f" : "");
        LstmKernel bwd = bidirectional ? kernel.create(weights(embedding, lstm, "b")) : null;
        Layer output = network.getLayer(SentimentNetworkFactory.OUTPUT);
        return new JavaLstmScorer(kernel.create(fwd), bwd, fwd.units(), output.getParam("W").dup('c').data().asFloat(),
                output.getParam("b").dup('c').data().asFloat(), kernel == LstmKernelType.VECTOR ? "java" : "java-scalar");
    }

    private static LstmWeights weights(INDArray embedding, Layer lstm, String prefix) {
        INDArray inputWeights = lstm.getParam(prefix + "W");
        INDArray recurrent = lstm.getParam(prefix + "RW");
        INDArray bias = lstm.getParam(prefix + "b");
        INDArray table = embedding.mmul(inputWeights).addiRowVector(bias);
        return new LstmWeights(table.dup('c').data().asFloat(), recurrent.dup('c').data().asFloat(),
                (int) recurrent.size(0));
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
        int count = sequences.size();
        Scratch scratch = this.scratch.get();
        int[][] sorted = sortByLengthDescending(sequences, scratch);
        int directions = backward == null ? 1 : 2;
        int pooledWidth = 2 * directions * units;
        if (scratch.pooled.length < count * pooledWidth) {
            scratch.pooled = new float[count * pooledWidth];
        }
        run(forward, sorted, count, false, scratch, 0, pooledWidth);
        if (backward != null) {
            run(backward, sorted, count, true, scratch, units, pooledWidth);
        }
        double[] result = new double[count];
        for (int r = 0; r < count; r++) {
            result[(int) scratch.byLength[r]] = positiveProbability(scratch.pooled, r * pooledWidth, pooledWidth);
        }
        return result;
    }

    /**
     * The sequences, longest first, in {@code scratch.sorted}; the low 32 bits of
     * {@code scratch.byLength[r]} hold the input position of sorted row {@code r}.
     */
    private static int[][] sortByLengthDescending(List<int[]> sequences, Scratch scratch) {
        int count = sequences.size();
        if (scratch.byLength.length < count) {
            scratch.byLength = new long[count];
            scratch.sorted = new int[count][];
        }
        long[] byLength = scratch.byLength;
        for (int i = 0; i < count; i++) {
            // Sorting packed longs allocates nothing: negated length high, position low.
            byLength[i] = ((long) -sequences.get(i).length << 32) | i;
        }
        Arrays.sort(byLength, 0, count);
        for (int r = 0; r < count; r++) {
            scratch.sorted[r] = sequences.get((int) byLength[r]);
        }
        return scratch.sorted;
    }

    /**
     * Runs one direction over the sorted batch and writes each row's max pooling to
     * {@code pooled[row..][offset..]} and its mean pooling to {@code pooled[row..][half + offset..]},
     * matching DL4J's merge order (all max columns of both directions first, then all mean columns).
     */
    private void run(LstmKernel kernel, int[][] sorted, int count, boolean reverse, Scratch scratch, int offset,
                     int pooledWidth) {
        LstmBatchState state = scratch.state;
        int stride = kernel.stride();
        state.reset(count, stride);
        int active = count;
        for (int step = 0; active > 0; step++) {
            while (active > 0 && sorted[active - 1].length <= step) {
                active--;
            }
            for (int r = 0; r < active; r++) {
                int[] ids = sorted[r];
                state.tokens[r] = ids[reverse ? ids.length - 1 - step : step];
            }
            kernel.step(active, state);
            state.advance();
        }
        int half = pooledWidth / 2;
        for (int r = 0; r < count; r++) {
            int row = r * pooledWidth;
            float length = sorted[r].length;
            for (int j = 0; j < units; j++) {
                scratch.pooled[row + offset + j] = state.max[r * stride + j];
                scratch.pooled[row + half + offset + j] = state.sum[r * stride + j] / length;
            }
        }
    }

    private double positiveProbability(float[] pooled, int from, int pooledWidth) {
        // Output weights are [pooledWidth, 2] row-major.
        double negative = outputBias[0];
        double positive = outputBias[1];
        for (int k = 0; k < pooledWidth; k++) {
            negative += pooled[from + k] * outputWeights[2 * k];
            positive += pooled[from + k] * outputWeights[2 * k + 1];
        }
        return 1.0 / (1.0 + Math.exp(negative - positive));
    }

    @Override
    public SequenceScorer copy() {
        return this;
    }

    @Override
    public String engine() {
        return engine;
    }
}
