package io.sentimentstream.core.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The LSTM step with explicit SIMD ({@code jdk.incubator.vector}), batched across reviews.
 *
 * <p>Why this shape: the recurrent product is 8·units² FLOP per token and nearly all of the
 * time. Done per review as a matrix-vector product it reloads the whole recurrent matrix (64 KB at
 * 64 units, more than L1) every step and keeps the pre-activations in memory. Here the units are
 * split into blocks of one vector, and for each block the four gates' columns of up to four
 * reviews are accumulated in sixteen registers while the weights stream past once: each weight
 * load feeds four multiply-adds and each broadcast hidden value four more, and a block's weights
 * (16 KB at 64 units) stay in L1 across the batch. The weights are laid out so that a block's
 * inner loop reads them contiguously: {@code [block][k][gate][lane]}. Units are padded to whole
 * vectors with zero weights, which keeps the padded units' state exactly zero.
 */
final class VectorLstmKernel implements LstmKernel {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private final int units;
    private final int stride;
    /** {@code vocabulary x [gate][stride]}: the folded input table with each gate block padded to the stride. */
    private final float[] table;
    /** {@code [block][k][gate][lane]}. */
    private final float[] recurrent;

    VectorLstmKernel(LstmWeights weights) {
        this.units = weights.units();
        this.stride = (units + LANES - 1) / LANES * LANES;
        this.table = padGateBlocks(weights.inputTable(), units, stride);
        this.recurrent = blockLayout(weights.recurrent(), units, stride);
    }

    /** Lanes per vector on this machine (16 with AVX-512, 8 with AVX2). */
    static int lanes() {
        return LANES;
    }

    private static float[] padGateBlocks(float[] table, int units, int stride) {
        if (units == stride) {
            return table;
        }
        int rows = table.length / (4 * units);
        float[] padded = new float[rows * 4 * stride];
        for (int row = 0; row < rows; row++) {
            for (int gate = 0; gate < 4; gate++) {
                System.arraycopy(table, (row * 4 + gate) * units, padded, (row * 4 + gate) * stride, units);
            }
        }
        return padded;
    }

    private static float[] blockLayout(float[] recurrent, int units, int stride) {
        float[] blocked = new float[stride * units * 4];
        int at = 0;
        for (int unit0 = 0; unit0 < stride; unit0 += LANES) {
            for (int k = 0; k < units; k++) {
                for (int gate = 0; gate < 4; gate++) {
                    for (int lane = 0; lane < LANES; lane++, at++) {
                        int unit = unit0 + lane;
                        blocked[at] = unit < units ? recurrent[k * 4 * units + gate * units + unit] : 0f;
                    }
                }
            }
        }
        return blocked;
    }

    @Override
    public int stride() {
        return stride;
    }

    @Override
    public void step(int active, LstmBatchState state) {
        int blocks = stride / LANES;
        boolean backwards = (state.steps & 1) == 1;
        for (int i = 0; i < blocks; i++) {
            // Every other step walks the blocks backwards, so that it starts on the weights the
            // step before used last, still in L1 (the recurrent matrix, 64 KB at 64 units, does
            // not fit in L1, and walked the same way each step every load would miss).
            int block = backwards ? blocks - 1 - i : i;
            int unit0 = block * LANES;
            int weights = block * units * 4 * LANES;
            int r = 0;
            for (; r + 4 <= active; r += 4) {
                fourRows(state, r, unit0, weights);
            }
            for (; r < active; r++) {
                oneRow(state, r, unit0, weights);
            }
        }
        for (int r = 0; r < active; r++) {
            gates(state, r);
        }
    }

    /** Pre-activations of rows {@code r..r+3} for one block of units, sixteen accumulators. */
    private void fourRows(LstmBatchState state, int r, int unit0, int weights) {
        float[] h = state.h;
        int[] tokens = state.tokens;
        int t0 = tokens[r] * 4 * stride + unit0;
        int t1 = tokens[r + 1] * 4 * stride + unit0;
        int t2 = tokens[r + 2] * 4 * stride + unit0;
        int t3 = tokens[r + 3] * 4 * stride + unit0;
        FloatVector g0 = FloatVector.fromArray(SPECIES, table, t0);
        FloatVector f0 = FloatVector.fromArray(SPECIES, table, t0 + stride);
        FloatVector o0 = FloatVector.fromArray(SPECIES, table, t0 + 2 * stride);
        FloatVector i0 = FloatVector.fromArray(SPECIES, table, t0 + 3 * stride);
        FloatVector g1 = FloatVector.fromArray(SPECIES, table, t1);
        FloatVector f1 = FloatVector.fromArray(SPECIES, table, t1 + stride);
        FloatVector o1 = FloatVector.fromArray(SPECIES, table, t1 + 2 * stride);
        FloatVector i1 = FloatVector.fromArray(SPECIES, table, t1 + 3 * stride);
        FloatVector g2 = FloatVector.fromArray(SPECIES, table, t2);
        FloatVector f2 = FloatVector.fromArray(SPECIES, table, t2 + stride);
        FloatVector o2 = FloatVector.fromArray(SPECIES, table, t2 + 2 * stride);
        FloatVector i2 = FloatVector.fromArray(SPECIES, table, t2 + 3 * stride);
        FloatVector g3 = FloatVector.fromArray(SPECIES, table, t3);
        FloatVector f3 = FloatVector.fromArray(SPECIES, table, t3 + stride);
        FloatVector o3 = FloatVector.fromArray(SPECIES, table, t3 + 2 * stride);
        FloatVector i3 = FloatVector.fromArray(SPECIES, table, t3 + 3 * stride);
        int h0 = r * stride;
        int h1 = h0 + stride;
        int h2 = h1 + stride;
        int h3 = h2 + stride;
        for (int k = 0; k < units; k++) {
            // An index linear in k, so that C2 can take the bounds checks out of the loop.
            int w = weights + k * 4 * LANES;
            FloatVector wg = FloatVector.fromArray(SPECIES, recurrent, w);
            FloatVector wf = FloatVector.fromArray(SPECIES, recurrent, w + LANES);
            FloatVector wo = FloatVector.fromArray(SPECIES, recurrent, w + 2 * LANES);
            FloatVector wi = FloatVector.fromArray(SPECIES, recurrent, w + 3 * LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, h[h0 + k]);
            g0 = wg.fma(x, g0);
            f0 = wf.fma(x, f0);
            o0 = wo.fma(x, o0);
            i0 = wi.fma(x, i0);
            x = FloatVector.broadcast(SPECIES, h[h1 + k]);
            g1 = wg.fma(x, g1);
            f1 = wf.fma(x, f1);
            o1 = wo.fma(x, o1);
            i1 = wi.fma(x, i1);
            x = FloatVector.broadcast(SPECIES, h[h2 + k]);
            g2 = wg.fma(x, g2);
            f2 = wf.fma(x, f2);
            o2 = wo.fma(x, o2);
            i2 = wi.fma(x, i2);
            x = FloatVector.broadcast(SPECIES, h[h3 + k]);
            g3 = wg.fma(x, g3);
            f3 = wf.fma(x, f3);
            o3 = wo.fma(x, o3);
            i3 = wi.fma(x, i3);
        }
        float[] z = state.z;
        int z0 = 4 * h0 + unit0;
        int z1 = 4 * h1 + unit0;
        int z2 = 4 * h2 + unit0;
        int z3 = 4 * h3 + unit0;
        g0.intoArray(z, z0);
        f0.intoArray(z, z0 + stride);
        o0.intoArray(z, z0 + 2 * stride);
        i0.intoArray(z, z0 + 3 * stride);
        g1.intoArray(z, z1);
        f1.intoArray(z, z1 + stride);
        o1.intoArray(z, z1 + 2 * stride);
        i1.intoArray(z, z1 + 3 * stride);
        g2.intoArray(z, z2);
        f2.intoArray(z, z2 + stride);
        o2.intoArray(z, z2 + 2 * stride);
        i2.intoArray(z, z2 + 3 * stride);
        g3.intoArray(z, z3);
        f3.intoArray(z, z3 + stride);
        o3.intoArray(z, z3 + 2 * stride);
        i3.intoArray(z, z3 + 3 * stride);
    }

    /**
     * Pre-activations of row {@code r} for one block of units. With four gates there would be only
     * four chains of dependent multiply-adds, fewer than the FMA units can overlap, so even and
     * odd {@code k} go to separate accumulators (eight chains) that are added at the end.
     */
    private void oneRow(LstmBatchState state, int r, int unit0, int weights) {
        float[] h = state.h;
        int t = state.tokens[r] * 4 * stride + unit0;
        FloatVector g = FloatVector.fromArray(SPECIES, table, t);
        FloatVector f = FloatVector.fromArray(SPECIES, table, t + stride);
        FloatVector o = FloatVector.fromArray(SPECIES, table, t + 2 * stride);
        FloatVector i = FloatVector.fromArray(SPECIES, table, t + 3 * stride);
        FloatVector gOdd = FloatVector.zero(SPECIES);
        FloatVector fOdd = gOdd;
        FloatVector oOdd = gOdd;
        FloatVector iOdd = gOdd;
        int hr = r * stride;
        int k = 0;
        for (; k + 1 < units; k += 2) {
            int w = weights + k * 4 * LANES;
            FloatVector x = FloatVector.broadcast(SPECIES, h[hr + k]);
            g = FloatVector.fromArray(SPECIES, recurrent, w).fma(x, g);
            f = FloatVector.fromArray(SPECIES, recurrent, w + LANES).fma(x, f);
            o = FloatVector.fromArray(SPECIES, recurrent, w + 2 * LANES).fma(x, o);
            i = FloatVector.fromArray(SPECIES, recurrent, w + 3 * LANES).fma(x, i);
            FloatVector y = FloatVector.broadcast(SPECIES, h[hr + k + 1]);
            gOdd = FloatVector.fromArray(SPECIES, recurrent, w + 4 * LANES).fma(y, gOdd);
            fOdd = FloatVector.fromArray(SPECIES, recurrent, w + 5 * LANES).fma(y, fOdd);
            oOdd = FloatVector.fromArray(SPECIES, recurrent, w + 6 * LANES).fma(y, oOdd);
            iOdd = FloatVector.fromArray(SPECIES, recurrent, w + 7 * LANES).fma(y, iOdd);
        }
        if (k < units) {
            int w = weights + k * 4 * LANES;
            FloatVector x = FloatVector.broadcast(SPECIES, h[hr + k]);
            g = FloatVector.fromArray(SPECIES, recurrent, w).fma(x, g);
            f = FloatVector.fromArray(SPECIES, recurrent, w + LANES).fma(x, f);
            o = FloatVector.fromArray(SPECIES, recurrent, w + 2 * LANES).fma(x, o);
            i = FloatVector.fromArray(SPECIES, recurrent, w + 3 * LANES).fma(x, i);
        }
        float[] z = state.z;
        int zr = 4 * hr + unit0;
        g.add(gOdd).intoArray(z, zr);
        f.add(fOdd).intoArray(z, zr + stride);
        o.add(oOdd).intoArray(z, zr + 2 * stride);
        i.add(iOdd).intoArray(z, zr + 3 * stride);
    }

    /**
     * Activations, cell and hidden state of row {@code r} from its pre-activations, and the
     * pooling sums. Three passes with one activation each, not one fused pass: C2 stops inlining
     * in a method with five inlined activations (NodeCountInliningCutoff), and a vector operation
     * that is not inlined runs as plain Java code.
     */
    private void gates(LstmBatchState state, int r) {
        int hr = r * stride;
        int zr = 4 * hr;
        tanh(state.z, zr, zr + stride);
        sigmoid(state.z, zr + stride, zr + 4 * stride);
        cellAndHidden(state, zr, hr);
    }

    private static void tanh(float[] values, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            tanh(FloatVector.fromArray(SPECIES, values, i)).intoArray(values, i);
        }
    }

    private static void sigmoid(float[] values, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            sigmoid(FloatVector.fromArray(SPECIES, values, i)).intoArray(values, i);
        }
    }

    /** From the activated gates of the row at {@code z[zr..]}: the new cell and hidden state of the row at {@code hr}. */
    private void cellAndHidden(LstmBatchState state, int zr, int hr) {
        float[] z = state.z;
        for (int u = 0; u < stride; u += LANES) {
            FloatVector input = FloatVector.fromArray(SPECIES, z, zr + u);
            FloatVector forget = FloatVector.fromArray(SPECIES, z, zr + stride + u);
            FloatVector output = FloatVector.fromArray(SPECIES, z, zr + 2 * stride + u);
            FloatVector inputGate = FloatVector.fromArray(SPECIES, z, zr + 3 * stride + u);
            int at = hr + u;
            FloatVector cell = forget.mul(FloatVector.fromArray(SPECIES, state.cell, at)).add(inputGate.mul(input));
            cell.intoArray(state.cell, at);
            FloatVector hidden = output.mul(tanh(cell));
            hidden.intoArray(state.hNext, at);
            hidden.max(FloatVector.fromArray(SPECIES, state.max, at)).intoArray(state.max, at);
            hidden.add(FloatVector.fromArray(SPECIES, state.sum, at)).intoArray(state.sum, at);
        }
    }

    /**
     * {@link FastActivations#tanh(float)} lane-wise: the same rational approximation, with fused
     * multiply-adds. The coefficients are vector constants: each {@code broadcast} call costs C2
     * a deep inlining tree, and with them the activation loops ran out of inlining budget (the
     * broadcasts were left as calls that allocate).
     */
    private static FloatVector tanh(FloatVector value) {
        FloatVector x = value.max(MINUS_CLAMP).min(CLAMP);
        FloatVector x2 = x.mul(x);
        FloatVector p = x2.fma(ALPHA_13, ALPHA_11);
        p = p.fma(x2, ALPHA_9);
        p = p.fma(x2, ALPHA_7);
        p = p.fma(x2, ALPHA_5);
        p = p.fma(x2, ALPHA_3);
        p = p.fma(x2, ALPHA_1);
        p = p.mul(x);
        FloatVector q = x2.fma(BETA_6, BETA_4);
        q = q.fma(x2, BETA_2);
        q = q.fma(x2, BETA_0);
        return p.div(q);
    }

    /** The logistic sigmoid as {@code (1 + tanh(x/2)) / 2}, like {@link FastActivations#sigmoid}. */
    private static FloatVector sigmoid(FloatVector value) {
        return tanh(value.mul(HALF)).fma(HALF, HALF);
    }

    private static final FloatVector HALF = constant(0.5f);
    private static final FloatVector CLAMP = constant(FastActivations.CLAMP);
    private static final FloatVector MINUS_CLAMP = constant(-FastActivations.CLAMP);
    private static final FloatVector ALPHA_1 = constant(FastActivations.ALPHA_1);
    private static final FloatVector ALPHA_3 = constant(FastActivations.ALPHA_3);
    private static final FloatVector ALPHA_5 = constant(FastActivations.ALPHA_5);
    private static final FloatVector ALPHA_7 = constant(FastActivations.ALPHA_7);
    private static final FloatVector ALPHA_9 = constant(FastActivations.ALPHA_9);
    private static final FloatVector ALPHA_11 = constant(FastActivations.ALPHA_11);
    private static final FloatVector ALPHA_13 = constant(FastActivations.ALPHA_13);
    private static final FloatVector BETA_0 = constant(FastActivations.BETA_0);
    private static final FloatVector BETA_2 = constant(FastActivations.BETA_2);
    private static final FloatVector BETA_4 = constant(FastActivations.BETA_4);
    private static final FloatVector BETA_6 = constant(FastActivations.BETA_6);

    private static FloatVector constant(float value) {
        return FloatVector.broadcast(SPECIES, value);
    }
}
