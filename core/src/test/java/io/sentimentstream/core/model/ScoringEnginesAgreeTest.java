package io.sentimentstream.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.SharedData;
import io.sentimentstream.core.text.EncodingSettings;
import io.sentimentstream.core.text.NormalizationSettings;
import io.sentimentstream.core.text.Vocabulary;
import io.sentimentstream.core.text.VocabularyBuilder;
import io.sentimentstream.core.text.TextNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java engine must compute what the DL4J network computes: same probabilities to 1e-5
 * on real reviews of their true lengths, for unidirectional and bidirectional networks (hidden
 * sizes that are not multiples of the engine's four-row blocks) and for the trained default model.
 */
class ScoringEnginesAgreeTest {

    static List<String> texts;
    static Vocabulary vocabulary;

    @BeforeAll
    static void realReviews() {
        List<Review> reviews = new DatasetReader(ReadOptions.labelled()).read(SharedData.trainCsv()).reviews();
        texts = new ArrayList<>();
        for (int i = 0; i < reviews.size(); i += reviews.size() / 120) {
            texts.add(reviews.get(i).text());
        }
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

    private static void assertEnginesAgree(ModelBundle bundle) {
        SentimentModel dl4j = new SentimentModel(bundle, ScoringEngine.DL4J);
        SentimentModel java = new SentimentModel(bundle, ScoringEngine.JAVA);
        assertTrue(java.engine().startsWith("java"), java.engine());
        List<Prediction> expected = dl4j.predict(texts);
        List<Prediction> actual = java.predict(texts);
        double spread = 0;
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(expected.get(i).probability(), actual.get(i).probability(), 1e-5, "review " + i);
            assertEquals(expected.get(i).label(), actual.get(i).label());
            spread = Math.max(spread, Math.abs(expected.get(i).probability() - 0.5));
        }
        assertTrue(spread > 0.01, "probabilities too close to 0.5 to tell engines apart: " + spread);
    }

    @Test
    void unidirectionalNetworksAgree() {
        assertEnginesAgree(bundle(false, 12));
    }

    @Test
    void bidirectionalNetworksAgree() {
        assertEnginesAgree(bundle(true, 10));
    }

    @Test
    void theCommittedDefaultModelScoresTheSameInBothEngines() {
        ModelBundle fused = ModelBundleFile.read(DefaultModel.locate());
        // The LSTM alone: the n-gram branch is the same code in both engines and would damp the
        // difference (its fusion weight on the LSTM is below one).
        ModelBundle lstm = new ModelBundle(fused.manifest().withFusion(fused.manifest().metrics(), null),
                fused.vocabulary(), fused.network());
        assertEnginesAgree(lstm);
        assertEnginesAgree(fused);
    }

    @Test
    void autoPicksTheJavaEngineForTheDefaultShape() {
        assertEquals("java", new SentimentModel(bundle(false, 4)).engine());
    }
}
