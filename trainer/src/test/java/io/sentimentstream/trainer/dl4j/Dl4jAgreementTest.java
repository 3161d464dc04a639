package io.sentimentstream.trainer.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.SharedData;
import io.sentimentstream.core.model.BundleManifest;
import io.sentimentstream.core.model.DataFingerprint;
import io.sentimentstream.core.model.DefaultModel;
import io.sentimentstream.core.model.FusedScorer;
import io.sentimentstream.core.model.JavaLstmScorer;
import io.sentimentstream.core.model.LstmKernelType;
import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.core.model.PreprocessingSettings;
import io.sentimentstream.core.model.Prediction;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.core.model.SequenceScorer;
import io.sentimentstream.core.text.EncodingSettings;
import io.sentimentstream.core.text.NormalizationSettings;
import io.sentimentstream.core.text.TextNormalizer;
import io.sentimentstream.core.text.Vocabulary;
import io.sentimentstream.core.text.VocabularyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Serving's plain-Java engine, reading the weights as a format-3 bundle holds them, must compute
 * what the DL4J network (the training engine and the reference) computes: same probabilities to 1e-5
 * on real reviews of their true lengths, a one-word review and reviews cut to the maximum length
 * among them, at every batch size (the batched kernels take rows four at a time and then one by
 * one, and the batch shrinks as short reviews end), with both kernels, for unidirectional and
 * bidirectional networks (hidden sizes that are not multiples of the vector width) and for the
 * trained default model.
 */
class Dl4jAgreementTest {

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

    /** A DL4J network and the bundle holding its weights as data. */
    private record Pair(ComputationGraph graph, ModelBundle bundle) {
    }

    private static Pair bundle(boolean bidirectional, int units) {
        PreprocessingSettings preprocessing = new PreprocessingSettings(NormalizationSettings.defaults(),
                new EncodingSettings(300, EncodingSettings.Side.PRE, EncodingSettings.Side.POST));
        // Larger-than-default initial weights so that the gates saturate differently per token.
        NetworkArchitecture architecture = new NetworkArchitecture(vocabulary.size(), 16, units, bidirectional,
                0.0, 1e-3, 0.0, 0.0, 99L);
        ComputationGraph network = SentimentNetworkFactory.create(architecture);
        network.params().muli(3.0);
        BundleManifest manifest = new BundleManifest(3, "agree", "1", "2026-01-01T00:00:00Z", List.of("neg", "pos"),
                preprocessing, vocabulary.size(), Map.of(), Map.of(), new DataFingerprint("x", 0, "x"), Map.of(), null);
        return new Pair(network, new ModelBundle(manifest, vocabulary, Dl4jNetworks.toData(network)));
    }

    private static void assertEnginesAgree(ComputationGraph graph, ModelBundle bundle, LstmKernelType kernel) {
        SentimentModel dl4j = SentimentModel.withEngine(bundle,
                new Dl4jScorer(graph, bundle.manifest().preprocessing().encoding().padding()));
        List<int[]> encoded = texts.stream().map(dl4j::encode).toList();
        int maxLength = bundle.manifest().preprocessing().encoding().maxLength();
        assertTrue(encoded.stream().anyMatch(ids -> ids.length == 1), "a one-token review");
        assertTrue(encoded.stream().filter(ids -> ids.length == maxLength).count() >= 2, "reviews of the maximum length");
        List<Prediction> expected = dl4j.score(encoded);
        SequenceScorer lstm = JavaLstmScorer.of(bundle.network(), kernel);
        SequenceScorer java = bundle.ngram() == null ? lstm
                : new FusedScorer(lstm, bundle.ngram(), bundle.tfidf(), bundle.manifest().fusion());
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
        Pair pair = bundle(false, 12);
        assertEnginesAgree(pair.graph(), pair.bundle(), kernel);
    }

    @ParameterizedTest
    @EnumSource(LstmKernelType.class)
    void bidirectionalNetworksAgree(LstmKernelType kernel) {
        Pair pair = bundle(true, 10);
        assertEnginesAgree(pair.graph(), pair.bundle(), kernel);
    }

    @ParameterizedTest
    @EnumSource(LstmKernelType.class)
    void theCommittedDefaultModelScoresTheSameInBothEngines(LstmKernelType kernel) {
        // The committed bundle is format 3: read as serving reads it, its weights rebuilt into DL4J.
        ModelBundle fused = ModelBundleFile.read(DefaultModel.locate());
        assertEquals(BundleManifest.CURRENT_FORMAT_VERSION, fused.manifest().formatVersion());
        ComputationGraph graph = Dl4jNetworks.toGraph(fused.network());
        // The LSTM alone: the n-gram branch is the same code in both engines and would damp the
        // difference (its fusion weight on the LSTM is below one).
        ModelBundle lstm = new ModelBundle(fused.manifest().withFusion(fused.manifest().metrics(), null),
                fused.vocabulary(), fused.network());
        assertEnginesAgree(graph, lstm, kernel);
        assertEnginesAgree(graph, fused, kernel);
    }

    @Test
    void aNetworkSurvivesTheTripToDataAndBackBitForBit() {
        Pair pair = bundle(true, 6);
        ComputationGraph rebuilt = Dl4jNetworks.toGraph(pair.bundle().network());
        assertEquals(pair.graph().params(), rebuilt.params());
        assertTrue(Dl4jNetworks.toData(rebuilt).sameAs(pair.bundle().network()));
    }

    @Test
    void theDefaultEngineIsTheJavaOne() {
        assertTrue(new SentimentModel(bundle(false, 4).bundle()).engine().startsWith("java"));
    }
}
