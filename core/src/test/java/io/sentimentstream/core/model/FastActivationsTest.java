package io.sentimentstream.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class FastActivationsTest {

    /** Every float step of 1/1024 over [-20, 20]: the gates' whole useful range and beyond. */
    private static float[] grid() {
        float[] values = new float[40 * 1024 + 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = -20f + i / 1024f;
        }
        return values;
    }

    /** The largest difference between {@code fast} applied to the grid in place and {@code exact}. */
    private static double worstError(Consumer<float[]> fast, DoubleUnaryOperator exact) {
        float[] x = grid();
        float[] y = x.clone();
        fast.accept(y);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(y[i] - exact.applyAsDouble(x[i])));
        }
        return worst;
    }

    @Test
    void tanhIsWithinAFewFloatUlpsOfTheTrueValue() {
        double worst = worstError(y -> FastActivations.tanh(y, 0, y.length), Math::tanh);
        assertTrue(worst < 5e-7, "max error " + worst);
    }

    @Test
    void sigmoidIsWithinAFewFloatUlpsOfTheTrueValue() {
        double worst = worstError(y -> FastActivations.sigmoid(y, 0, y.length), x -> 1.0 / (1.0 + Math.exp(-x)));
        assertTrue(worst < 5e-7, "max error " + worst);
    }

    @Test
    void rangesTouchOnlyWhatTheyName() {
        float[] values = {2f, 2f, 2f, 2f};
        FastActivations.tanh(values, 1, 2);
        FastActivations.sigmoid(values, 2, 3);
        assertEquals(2f, values[0]);
        assertEquals(Math.tanh(2), values[1], 5e-7);
        assertEquals(1 / (1 + Math.exp(-2)), values[2], 5e-7);
        assertEquals(2f, values[3]);
    }
}
