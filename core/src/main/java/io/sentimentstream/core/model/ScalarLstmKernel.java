package io.sentimentstream.core.model;

/**
 * The LSTM step in plain loops, one review at a time: the fallback when the Vector API module
 * is absent. The loops are simple enough for the JIT to vectorise on its own, which got the first
 * engine to ~1,400 reviews/s on one core (docs/benchmarks.md); the explicit SIMD kernel
 * ({@link VectorLstmKernel}) is several times faster.
 */
final class ScalarLstmKernel implements LstmKernel {

    private final float[] table;
    private final float[] recurrent;
    private final int units;

    ScalarLstmKernel(LstmWeights weights) {
        this.table = weights.inputTable();
        this.recurrent = weights.recurrent();
        this.units = weights.units();
    }

    @Override
    public int stride() {
        return units;
    }

    @Override
    public void step(int active, LstmBatchState state) {
        int n = units;
        int width = 4 * n;
        float[] z = state.z;
        for (int r = 0; r < active; r++) {
            int zr = r * width;
            int hr = r * n;
            System.arraycopy(table, state.tokens[r] * width, z, zr, width);
            addRecurrent(z, zr, state.h, hr);
            FastActivations.tanh(z, zr, zr + n);
            FastActivations.sigmoid(z, zr + n, zr + width);
            float[] cell = state.cell;
            for (int j = 0; j < n; j++) {
                float c = z[zr + n + j] * cell[hr + j] + z[zr + 3 * n + j] * z[zr + j];
                cell[hr + j] = c;
                // The block input is used up: its slot takes tanh(c).
                z[zr + j] = c;
            }
            FastActivations.tanh(z, zr, zr + n);
            for (int j = 0; j < n; j++) {
                float h = z[zr + 2 * n + j] * z[zr + j];
                state.hNext[hr + j] = h;
                state.max[hr + j] = Math.max(state.max[hr + j], h);
                state.sum[hr + j] += h;
            }
        }
    }

    /**
     * {@code z[zr..] += h[hr..] x recurrent}. Four rows at a time: each pass over {@code z} then
     * does four multiply-adds per load and store of {@code z} instead of one (the product took
     * 71 % of the time when done row by row), and the inner loop stays simple enough to be vectorised.
     */
    private void addRecurrent(float[] z, int zr, float[] h, int hr) {
        int n = units;
        int width = 4 * n;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            float h0 = h[hr + k];
            float h1 = h[hr + k + 1];
            float h2 = h[hr + k + 2];
            float h3 = h[hr + k + 3];
            int r0 = k * width;
            int r1 = r0 + width;
            int r2 = r1 + width;
            int r3 = r2 + width;
            for (int j = 0; j < width; j++) {
                z[zr + j] += h0 * recurrent[r0 + j] + h1 * recurrent[r1 + j] + h2 * recurrent[r2 + j]
                        + h3 * recurrent[r3 + j];
            }
        }
        for (; k < n; k++) {
            float hk = h[hr + k];
            int row = k * width;
            for (int j = 0; j < width; j++) {
                z[zr + j] += hk * recurrent[row + j];
            }
        }
    }
}
