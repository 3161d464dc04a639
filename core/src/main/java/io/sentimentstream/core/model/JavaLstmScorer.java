package io.sentimentstream.core.model;

import java.util.Arrays;
import java.util.List;

/**
 * Inference for the bundle's {@link LstmNetwork} in plain Java: the serving engine (DL4J is the
 * training engine only).
 *
 * <p>Why not DL4J: it pays a large fixed cost per op and per time step on CPU (measured ~95 ms per call
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

    /** The engine over a network, for the fastest kernel this JVM runs; the input table is folded here. */
    public static JavaLstmScorer of(LstmNetwork network) {
        return of(network, LstmKernelType.fastest());
    }

    /** The same with the given kernel (tests check both against DL4J). */
    public static JavaLstmScorer of(LstmNetwork network, LstmKernelType kernel) {
        NetworkLayout layout = network.layout();
        float[] embedding = network.tensor(NetworkLayout.EMBEDDING);
        LstmWeights fwd = fold(layout, embedding, network, false);
        LstmKernel bwd = layout.bidirectional() ? kernel.create(fold(layout, embedding, network, true)) : null;
        return new JavaLstmScorer(kernel.create(fwd), bwd, layout.lstmUnits(),
                network.tensor(NetworkLayout.OUTPUT_W).clone(), network.tensor(NetworkLayout.OUTPUT_B).clone(),
                kernel == LstmKernelType.VECTOR ? "java" : "java-scalar");
    }

    /**
     * One direction's input table, {@code embedding x W + b} ({@link LstmWeights}): every word's
     * input pre-activation, computed once at load. Summed in float in the order a matrix product
     * takes, row by row, so the inner loop over a contiguous row vectorises.
     */
    private static LstmWeights fold(NetworkLayout layout, float[] embedding, LstmNetwork network, boolean backward) {
        int vocabulary = layout.vocabularySize();
        int inputs = layout.embeddingSize();
        int width = 4 * layout.lstmUnits();
        float[] w = network.tensor(NetworkLayout.lstm(backward, "W"));
        float[] bias = network.tensor(NetworkLayout.lstm(backward, "b"));
        float[] table = new float[Math.multiplyExact(vocabulary, width)];
        for (int v = 0; v < vocabulary; v++) {
            int row = v * width;
            System.arraycopy(bias, 0, table, row, width);
            int e = v * inputs;
            for (int k = 0; k < inputs; k++) {
                float x = embedding[e + k];
                int wk = k * width;
                for (int j = 0; j < width; j++) {
                    table[row + j] += x * w[wk + j];
                }
            }
        }
        return new LstmWeights(table, network.tensor(NetworkLayout.lstm(backward, "RW")).clone(), layout.lstmUnits());
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
