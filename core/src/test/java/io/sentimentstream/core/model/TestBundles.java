package io.sentimentstream.core.model;

import io.sentimentstream.core.text.EncodingSettings;
import io.sentimentstream.core.text.NormalizationSettings;
import io.sentimentstream.core.text.Vocabulary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small, untrained but deterministic model bundles for tests that need a model and not its
 * accuracy (bundle round trips, topology tests). Shared through the core test-jar. Made from plain
 * arrays: no DL4J.
 */
public final class TestBundles {

    /** Words of the tiny test vocabulary. */
    public static final List<String> WORDS = List.of("the", "movie", "was", "great", "awful", "not", "good",
            "bad", "!", "loved", "hated", "boring", "brilliant", "plot", "acting");

    private TestBundles() {
    }

    /** A tiny bundle (embedding 8, LSTM 8) with a fixed seed. */
    public static ModelBundle tiny() {
        return tiny(8);
    }

    /** A tiny bundle fused with a small n-gram model of fixed, non-trivial weights. */
    public static ModelBundle tinyFused() {
        ModelBundle lstm = tiny();
        float[] weights = new float[1 << 8];
        Random random = new Random(5);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        BundleManifest manifest = lstm.manifest().withFusion(lstm.manifest().metrics(), new FusionWeights(0.7, 0.9, -0.1));
        return new ModelBundle(manifest, lstm.vocabulary(), lstm.network(), new NgramLogit(8, weights, 0.2f));
    }

    /** {@link #tinyFused()} with a third member, a small TF-IDF model of fixed, non-trivial weights. */
    public static ModelBundle tinyTripleFused() {
        ModelBundle fused = tinyFused();
        Random random = new Random(6);
        float[] weights = new float[1 << 8];
        float[] idf = new float[1 << 8];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
            idf[i] = 1 + 4 * random.nextFloat();
        }
        FusionWeights two = fused.manifest().fusion();
        BundleManifest manifest = fused.manifest().withFusion(fused.manifest().metrics(),
                new FusionWeights(two.lstm(), two.ngram(), 0.6, two.bias()));
        return new ModelBundle(manifest, fused.vocabulary(), fused.network(), fused.ngram(),
                new TfidfLogit(8, 2, weights, idf, -0.3f));
    }

    /** A tiny bundle whose LSTM has {@code lstmSize} units, with a fixed seed. */
    public static ModelBundle tiny(int lstmSize) {
        Vocabulary vocabulary = Vocabulary.of(WORDS);
        PreprocessingSettings preprocessing = new PreprocessingSettings(NormalizationSettings.defaults(),
                new EncodingSettings(50, EncodingSettings.Side.PRE, EncodingSettings.Side.POST));
        return bundle(vocabulary, preprocessing, randomNetwork(NetworkLayout.of(vocabulary.size(), 8, lstmSize, false),
                7L, 0.5));
    }

    /** An LSTM-only bundle of the given parts, with a test manifest. */
    public static ModelBundle bundle(Vocabulary vocabulary, PreprocessingSettings preprocessing, LstmNetwork network) {
        BundleManifest manifest = new BundleManifest(BundleManifest.CURRENT_FORMAT_VERSION, "test-model", "0.0.1",
                "2026-01-01T00:00:00Z", List.of("neg", "pos"), preprocessing, vocabulary.size(),
                Map.of("lstmSize", network.layout().lstmUnits()), Map.of(),
                new DataFingerprint("0".repeat(64), 0, "none"), Map.of(), null);
        return new ModelBundle(manifest, vocabulary, network);
    }

    /**
     * A network of the given layout with Gaussian weights of standard deviation {@code scale}
     * (large enough that gates saturate differently per token, so engines can be told apart).
     */
    public static LstmNetwork randomNetwork(NetworkLayout layout, long seed, double scale) {
        Random random = new Random(seed);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> shape : layout.tensorShapes().entrySet()) {
            long size = 1;
            for (long d : shape.getValue()) {
                size *= d;
            }
            float[] values = new float[(int) size];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * scale);
            }
            tensors.put(shape.getKey(), values);
        }
        return new LstmNetwork(layout, tensors);
    }
}
