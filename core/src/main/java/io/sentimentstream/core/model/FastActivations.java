package io.sentimentstream.core.model;

/**
 * tanh and the logistic sigmoid over ranges of a float array, as a 13/6-degree rational
 * approximation (Eigen's {@code generic_fast_tanh_float}, also used by ONNX Runtime's MLAS): within
 * a couple of float ulps of the true value on [-9, 9], and exactly ±1 outside, where float tanh
 * is ±1 anyway.
 *
 * <p>Why: the LSTM evaluates five of these per unit and time step; through {@code Math.exp}, one
 * call per value, they took 17 % of the Java engine's time. These loops are plain arithmetic with
 * no calls or branches, which the JIT can compile to SIMD instructions (docs/benchmarks.md).
 */
final class FastActivations {

    static final float CLAMP = 9f;
    static final float ALPHA_1 = 4.89352455891786e-03f;
    static final float ALPHA_3 = 6.37261928875436e-04f;
    static final float ALPHA_5 = 1.48572235717979e-05f;
    static final float ALPHA_7 = 5.12229709037114e-08f;
    static final float ALPHA_9 = -8.60467152213735e-11f;
    static final float ALPHA_11 = 2.00018790482477e-13f;
    static final float ALPHA_13 = -2.76076847742355e-16f;
    static final float BETA_0 = 4.89352518554385e-03f;
    static final float BETA_2 = 2.26843463243900e-03f;
    static final float BETA_4 = 1.18534705686654e-04f;
    static final float BETA_6 = 1.19825839466702e-06f;

    private FastActivations() {
    }

    /** {@code values[i] = tanh(values[i])} for {@code from <= i < to}. */
    static void tanh(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            values[i] = tanh(values[i]);
        }
    }

    /** {@code values[i] = 1 / (1 + exp(-values[i]))} for {@code from <= i < to}, as {@code (1 + tanh(x/2)) / 2}. */
    static void sigmoid(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            values[i] = 0.5f + 0.5f * tanh(0.5f * values[i]);
        }
    }

    /** One value; small enough for the JIT to inline into the loops above. */
    static float tanh(float value) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, value));
        float x2 = x * x;
        float p = x2 * ALPHA_13 + ALPHA_11;
        p = x2 * p + ALPHA_9;
        p = x2 * p + ALPHA_7;
        p = x2 * p + ALPHA_5;
        p = x2 * p + ALPHA_3;
        p = x2 * p + ALPHA_1;
        p = x * p;
        float q = x2 * BETA_6 + BETA_4;
        q = x2 * q + BETA_2;
        q = x2 * q + BETA_0;
        return p / q;
    }
}
