package io.sentimentstream.core.model;

import java.util.Arrays;

/**
 * Scratch space of one batch of reviews running through one LSTM direction together: row
 * {@code r} of each array belongs to the review in position {@code r} of the batch, at a row
 * stride chosen by the kernel. Reused across calls by one thread, so that scoring allocates
 * nothing per review or per time step.
 */
final class LstmBatchState {

    /** Token id of each active row at the current step. */
    int[] tokens = new int[0];
    /** Pre-activations, four gate blocks of {@code stride} per row. */
    float[] z = new float[0];
    /** Hidden state read by the current step. */
    float[] h = new float[0];
    /** Hidden state written by the current step (the next step's {@link #h}). */
    float[] hNext = new float[0];
    float[] cell = new float[0];
    float[] max = new float[0];
    float[] sum = new float[0];
    /** Time steps run since {@link #reset}. */
    int steps;

    /** Sizes the arrays for {@code rows} rows of {@code stride} and sets every row to the initial state. */
    void reset(int rows, int stride) {
        this.steps = 0;
        int size = rows * stride;
        if (tokens.length < rows) {
            tokens = new int[rows];
        }
        if (h.length < size) {
            z = new float[4 * size];
            h = new float[size];
            hNext = new float[size];
            cell = new float[size];
            max = new float[size];
            sum = new float[size];
        }
        Arrays.fill(h, 0, size, 0f);
        Arrays.fill(hNext, 0, size, 0f);
        Arrays.fill(cell, 0, size, 0f);
        Arrays.fill(max, 0, size, Float.NEGATIVE_INFINITY);
        Arrays.fill(sum, 0, size, 0f);
    }

    /** Makes the hidden state just written the one the next step reads. */
    void advance() {
        float[] written = hNext;
        hNext = h;
        h = written;
        steps++;
    }
}
