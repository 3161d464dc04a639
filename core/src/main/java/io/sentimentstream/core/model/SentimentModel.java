package io.sentimentstream.core.model;

import io.sentimentstream.core.text.SequenceEncoder;
import io.sentimentstream.core.text.TextNormalizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Scores reviews with a loaded {@link ModelBundle}: normalises and encodes text with the bundle's
 * own settings and scores a whole batch in one network call.
 *
 * <p>Scoring goes through a {@link SequenceScorer}: the plain-Java engine, or one the caller gives
 * (the trainer's DL4J network). Give each thread its own instance via {@link #copy()}: the Java
 * engine shares itself, other engines may not be thread-safe.
 */
public final class SentimentModel {

    private final ModelBundle bundle;
    private final TextNormalizer normalizer;
    private final SequenceEncoder encoder;
    private final SequenceScorer scorer;
    private final String positiveLabel;
    private final String negativeLabel;

    /** A scorer over the given bundle with the fastest supported engine. */
    public SentimentModel(ModelBundle bundle) {
        this(bundle, ScoringEngine.AUTO);
    }

    /** A scorer over the given bundle with the chosen engine. */
    public SentimentModel(ModelBundle bundle, ScoringEngine engine) {
        this(bundle, createScorer(bundle, engine));
    }

    private SentimentModel(ModelBundle bundle, SequenceScorer scorer) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        PreprocessingSettings settings = bundle.manifest().preprocessing();
        this.normalizer = new TextNormalizer(settings.normalization());
        this.encoder = new SequenceEncoder(bundle.vocabulary(), settings.encoding());
        this.scorer = scorer;
        this.negativeLabel = bundle.manifest().labels().get(0);
        this.positiveLabel = bundle.manifest().labels().get(1);
    }

    /**
     * A scorer over the given bundle whose network is evaluated by {@code lstm} (another engine
     * over the same network, e.g. the trainer's DL4J one); the bundle's n-gram branch, if any, is
     * fused with it as usual.
     */
    public static SentimentModel withEngine(ModelBundle bundle, SequenceScorer lstm) {
        return new SentimentModel(bundle, fused(bundle, lstm));
    }

    private static SequenceScorer createScorer(ModelBundle bundle, ScoringEngine engine) {
        // AUTO and JAVA are the same engine today; AUTO leaves room for another.
        return fused(bundle, JavaLstmScorer.of(bundle.network()));
    }

    private static SequenceScorer fused(ModelBundle bundle, SequenceScorer lstm) {
        return bundle.ngram() == null ? lstm : new FusedScorer(lstm, bundle.ngram(), bundle.tfidf(), bundle.manifest().fusion());
    }

    /** Loads and checks the bundle at {@code path}; see {@link ModelBundleFile#read(Path)}. */
    public static SentimentModel load(Path path) {
        return new SentimentModel(ModelBundleFile.read(path));
    }

    /** Loads the bundle at {@code path} with the chosen engine. */
    public static SentimentModel load(Path path, ScoringEngine engine) {
        return new SentimentModel(ModelBundleFile.read(path), engine);
    }

    /** An independent scorer for another thread (the network is cloned where the engine needs it). */
    public SentimentModel copy() {
        return new SentimentModel(bundle, scorer.copy());
    }

    /** The bundle's manifest (name, version, labels, settings). */
    public BundleManifest manifest() {
        return bundle.manifest();
    }

    /** The bundle this scorer uses. */
    public ModelBundle bundle() {
        return bundle;
    }

    /** The engine in use, e.g. {@code java}, {@code java-scalar} or {@code dl4j}, with {@code +ngram} for a fused bundle. */
    public String engine() {
        return scorer.engine();
    }

    /** The positive label (network output index 1). */
    public String positiveLabel() {
        return positiveLabel;
    }

    /** The negative label (network output index 0). */
    public String negativeLabel() {
        return negativeLabel;
    }

    /**
     * Normalises and encodes one review into the ids the network reads. Only the
     * {@linkplain #window window} of the text is normalised, so a huge text costs no more than a
     * long review.
     */
    public int[] encode(String text) {
        return encoder.encode(encoder.window(text), normalizer);
    }

    /** The most characters of a review that {@link #encode} reads. */
    public int windowChars() {
        return encoder.windowChars();
    }

    /** The most token ids {@link #encode} returns. */
    public int maxTokens() {
        return encoder.settings().maxLength();
    }

    /** The part of a raw review that {@link #encode} reads (see {@link SequenceEncoder#window}). */
    public String window(String text) {
        return encoder.window(text);
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
        double[] positive = scorer.positiveProbabilities(encoded);
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
        Arrays.sort(order, Comparator.comparingInt(i -> encoded.get(i).length));
        double[] result = new double[encoded.size()];
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            List<int[]> batch = new ArrayList<>(end - start);
            for (int k = start; k < end; k++) {
                batch.add(encoded.get(order[k]));
            }
            double[] probabilities = scorer.positiveProbabilities(batch);
            for (int k = start; k < end; k++) {
                result[order[k]] = probabilities[k - start];
            }
        }
        return result;
    }
}
