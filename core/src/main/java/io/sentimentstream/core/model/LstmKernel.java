package io.sentimentstream.core.model;

/**
 * One time step of one LSTM direction for the active rows of a batch: from the token ids in
 * {@link LstmBatchState#tokens} and the hidden state {@link LstmBatchState#h}, it writes the new
 * cell and hidden state ({@link LstmBatchState#hNext}) and adds the new hidden state to the
 * running max and sum pooling. Rows {@code active} and beyond are left alone.
 *
 * <p>Gate order and activations are DL4J's: the pre-activation columns are four blocks, block
 * input (tanh), then forget, output and input gates (sigmoid).
 */
interface LstmKernel {

    /** Floats per row in the state arrays (at least the number of units). */
    int stride();

    /** Runs one step for rows {@code 0 <= r < active}. */
    void step(int active, LstmBatchState state);
}
