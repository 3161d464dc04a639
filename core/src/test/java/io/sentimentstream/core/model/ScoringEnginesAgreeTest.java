package io.sentimentstream.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.SharedData;
import io.sentimentstream.core.text.EncodingSettings;
import io.sentimentstream.core.text.NormalizationSettings;
import io.sentimentstream.core.text.TextNormalizer;
import io.sentimentstream.core.text.Vocabulary;
import io.sentimentstream.core.text.VocabularyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The plain-Java engine must compute what the DL4J network computes: same probabilities to 1e-5
 * on real reviews of their true lengths, a one-word review and reviews cut to the maximum length
 * among them, at every batch size (the batched kernels take rows four at a time and then one by
 * one, and the batch shrinks as short reviews end), with both kernels, for unidirectional and
 * bidirectional networks (hidden sizes that are not multiples of the vector width) and for the
 * trained default model.
 */
class ScoringEnginesAgreeTest {

    /**
     * One review, batches smaller than and just past the kernels' four-row blocks, a stream batch,
     * and everything in one call (in the larger ones the active rows shrink through every count).
     */
    private static final int[] BATCH_SIZES = {1, 2, 3, 5, 32, Integer.MAX_VALUE};

    static List<String> texts;
    static Vocabulary vocabulary;

    @BeforeAll
    static void realReviews() {
        List<Review> reviews = new DatasetReader(ReadOptions.labelled()).read(SharedData.trainCsv()).reviews();
        texts = new ArrayList<>();
        for (int i = 0; i < reviews.size(); i += reviews.size() / 120) {
            texts.add(reviews.get(i).text());
        }
        // Longer than any model's maximum length (400 tokens), so they are cut to exactly that.
        StringBuilder longest = new StringBuilder();
        for (int i = 0; longest.length() < 20_000; i++) {
            longest.append(texts.get(i)).append(' ');
        }
        texts.add(7, longest.toString());
        texts.add(40, longest.substring(5_000));
        texts.add(3, "great");
        texts.add(60, "awful");
        TextNormalizer normalizer = new TextNormalizer(NormalizationSettings.defaults());
        VocabularyBuilder counts = new VocabularyBuilder();
        texts.forEach(t -> counts.add(normalizer.tokenize(t)));
        vocabulary = counts.build(3_000, 1);
    }

    private static ModelBundle bundle(boolean bidirectional, int units) {
        PreprocessingSettings preprocessing = new PreprocessingSettings(NormalizationSettings.defaults(),
                new EncodingSettings(300, EncodingSettings.Side.PRE, EncodingSettings.Side.POST));
        // Larger-than-default initial weights so that the gates saturate differently per token.
        NetworkArchitecture architecture = new NetworkArchitecture(vocabulary.size(), 16, units, bidirectional,
                0.0, 1e-3, 0.0, 0.0, 99L);
        var network = SentimentNetworkFactory.create(architecture);
        network.params().muli(3.0);
        BundleManifest manifest = new BundleManifest(1, "agree", "1", "2026-01-01T00:00:00Z", List.of("neg", "pos"),
                preprocessing, vocabulary.size(), Map.of(), Map.of(), new DataFingerprint("x", 0, "x"), Map.of(), null);
        return new ModelBundle(manifest, vocabulary, network);
    }

    private static void assertEnginesAgree(ModelBundle bundle, LstmKernelType kernel) {
        SentimentModel dl4j = new SentimentModel(bundle, ScoringEngine.DL4J);
        List<int[]> encoded = texts.stream().map(dl4j::encode).toList();
        int maxLength = bundle.manifest().preprocessing().encoding().maxLength();
        assertTrue(encoded.stream().anyMatch(ids -> ids.length == 1), "a one-token review");
        assertTrue(encoded.stream().filter(ids -> ids.length == maxLength).count() >= 2, "reviews of the maximum length");
        List<Prediction> expected = dl4j.score(encoded);
        SequenceScorer lstm = JavaLstmScorer.of(bundle.network(), kernel);
        SequenceScorer java = bundle.ngram() == null ? lstm
                : new FusedScorer(lstm, bundle.ngram(), bundle.manifest().fusion());
        for (int batchSize : BATCH_SIZES) {
            double spread = 0;
            for (int start = 0; start < encoded.size(); start += batchSize) {
                int end = Math.min(encoded.size(), start + batchSize);
                double[] actual = java.positiveProbabilities(encoded.subList(start, end));
                for (int i = start; i < end; i++) {
                    double want = expected.get(i).probability();
                    assertEquals(want, actual[i - start], 1e-5, kernel + ", batch " + batchSize + ", review " + i);
                    spread = Math.max(spread, Math.abs(want - 0.5));
                }
            }
            assertTrue(spread > 0.01, "probabilities too close to 0.5 to tell engines apart: " + spread);
        }
    }

    @ParameterizedTest
    @EnumSource(LstmKernelType.class)
    void unidirectionalNetworksAgree(LstmKernelType kernel) {
        assertEnginesAgree(bundle(false, 12), kernel);
    }

    @ParameterizedTest
    @EnumSource(LstmKernelType.class)
    void bidirectionalNetworksAgree(LstmKernelType kernel) {
        assertEnginesAgree(bundle(true, 10), kernel);
    }

    @ParameterizedTest
    @EnumSource(LstmKernelType.class)
    void theCommittedDefaultModelScoresTheSameInBothEngines(LstmKernelType kernel) {
        ModelBundle fused = ModelBundleFile.read(DefaultModel.locate());
        // The LSTM alone: the n-gram branch is the same code in both engines and would damp the
        // difference (its fusion weight on the LSTM is below one).
        ModelBundle lstm = new ModelBundle(fused.manifest().withFusion(fused.manifest().metrics(), null),
                fused.vocabulary(), fused.network());
        assertEnginesAgree(lstm, kernel);
        assertEnginesAgree(fused, kernel);
    }

    @Test
    void autoPicksTheJavaEngineForTheDefaultShape() {
        assertTrue(new SentimentModel(bundle(false, 4)).engine().startsWith("java"));
    }
}
