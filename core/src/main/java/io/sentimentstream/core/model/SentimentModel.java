package io.sentimentstream.core.model;

import io.sentimentstream.core.text.EncodedBatch;
import io.sentimentstream.core.text.EncodingSettings;
import io.sentimentstream.core.text.SequenceEncoder;
import io.sentimentstream.core.text.TextNormalizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores reviews with a loaded {@link ModelBundle}: normalises and encodes text with the bundle's
 * own settings and scores a whole batch in one network call.
 *
 * <p>Not thread-safe, because DL4J networks are not: give each thread its own instance via
 * {@link #copy()}.
 */
public final class SentimentModel {

    private final ModelBundle bundle;
    private final TextNormalizer normalizer;
    private final SequenceEncoder encoder;
    private final ComputationGraph network;
    private final String positiveLabel;
    private final String negativeLabel;

    /** A scorer over the given bundle. */
    public SentimentModel(ModelBundle bundle) {
        this(bundle, bundle.network());
    }

    private SentimentModel(ModelBundle bundle, ComputationGraph network) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        PreprocessingSettings settings = bundle.manifest().preprocessing();
        this.normalizer = new TextNormalizer(settings.normalization());
        this.encoder = new SequenceEncoder(bundle.vocabulary(), settings.encoding());
        this.network = network;
        this.negativeLabel = bundle.manifest().labels().get(0);
        this.positiveLabel = bundle.manifest().labels().get(1);
    }

    /** Loads and checks the bundle at {@code path}; see {@link ModelBundleFile#read(Path)}. */
    public static SentimentModel load(Path path) {
        return new SentimentModel(ModelBundleFile.read(path));
    }

    /** An independent scorer over a copy of the network, for another thread. */
    public SentimentModel copy() {
        return new SentimentModel(bundle, network.clone());
    }

    /** The bundle's manifest (name, version, labels, settings). */
    public BundleManifest manifest() {
        return bundle.manifest();
    }

    /** The bundle this scorer uses. */
    public ModelBundle bundle() {
        return bundle;
    }

    /** The positive label (network output index 1). */
    public String positiveLabel() {
        return positiveLabel;
    }

    /** The negative label (network output index 0). */
    public String negativeLabel() {
        return negativeLabel;
    }

    /** Normalises and encodes one review into the ids the network reads. */
    public int[] encode(String text) {
        return encoder.encode(normalizer.tokenize(text));
    }

    /** Scores a batch of raw reviews in one network call. */
    public List<Prediction> predict(List<String> texts) {
        List<int[]> encoded = new ArrayList<>(texts.size());
        for (String text : texts) {
            encoded.add(encode(text));
        }
        return score(encoded);
    }

    /** Scores a batch of already encoded reviews in one network call. */
    public List<Prediction> score(List<int[]> encoded) {
        if (encoded.isEmpty()) {
            return List.of();
        }
        double[] positive = positiveProbabilities(
                EncodedBatch.of(encoded, bundle.manifest().preprocessing().encoding().padding()));
        List<Prediction> predictions = new ArrayList<>(positive.length);
        for (double p : positive) {
            predictions.add(new Prediction(p >= 0.5 ? positiveLabel : negativeLabel, p));
        }
        return predictions;
    }

    /**
     * The positive-class probability of many encoded reviews, in input order, scored in batches of
     * at most {@code batchSize} reviews of similar length (so little padding is computed).
     */
    public double[] positiveProbabilities(List<int[]> encoded, int batchSize) {
        Integer[] order = new Integer[encoded.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> encoded.get(i).length));
        double[] result = new double[encoded.size()];
        EncodingSettings.Side padding = bundle.manifest().preprocessing().encoding().padding();
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            List<int[]> batch = new ArrayList<>(end - start);
            for (int k = start; k < end; k++) {
                batch.add(encoded.get(order[k]));
            }
            double[] probabilities = positiveProbabilities(EncodedBatch.of(batch, padding));
            for (int k = start; k < end; k++) {
                result[order[k]] = probabilities[k - start];
            }
        }
        return result;
    }

    /** The positive-class probability of every row of an encoded batch. */
    public double[] positiveProbabilities(EncodedBatch batch) {
        INDArray[] out = network.output(false, new INDArray[] {batch.features()},
                new INDArray[] {batch.mask()});
        INDArray probabilities = out[0];
        double[] positive = new double[batch.size()];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = probabilities.getDouble(i, 1);
        }
        return positive;
    }
}
