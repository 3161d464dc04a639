package io.sentimentstream.core.model;

/**
 * One LSTM direction's weights in DL4J's layout, with the embedding and the input projection
 * folded into one table: row {@code v} of {@code inputTable} is {@code embedding[v] x W + b}, the
 * input pre-activation of word {@code v}, so that a time step needs one table row plus the
 * recurrent product.
 *
 * @param inputTable {@code vocabulary x 4·units}, row-major
 * @param recurrent  {@code units x 4·units}, row-major
 * @param units      hidden units
 */
record LstmWeights(float[] inputTable, float[] recurrent, int units) {

    /** Pre-activation columns per row: DL4J's four gate blocks of {@code units} columns each. */
    int width() {
        return 4 * units;
    }
}
