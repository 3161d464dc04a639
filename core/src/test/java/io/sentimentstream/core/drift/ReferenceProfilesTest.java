package io.sentimentstream.core.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.core.model.Prediction;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.core.model.TestBundles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reference profile computed with a model, and kept in its bundle. */
class ReferenceProfilesTest {

    private static final List<String> TEXTS = List.of("the movie was great", "awful", "not good zzqx zzqy",
            "the the the the the the the the the the the the");
    private static final List<Sentiment> LABELS = List.of(Sentiment.POS, Sentiment.NEG, Sentiment.NEG, Sentiment.POS);

    @TempDir
    Path dir;

    @Test
    void theProfileCountsWhatTheModelReadsAndPredicts() {
        SentimentModel model = new SentimentModel(TestBundles.tiny());
        ReferenceProfile profile = ReferenceProfiles.compute(model, TEXTS, LABELS, "four reviews");
        List<Prediction> predictions = model.predict(TEXTS);
        DriftCounts expected = DriftCounts.EMPTY;
        Calibration calibration = Calibration.EMPTY;
        int correct = 0;
        for (int i = 0; i < TEXTS.size(); i++) {
            double p = predictions.get(i).probability();
            expected = expected.add(p, model.encode(TEXTS.get(i)));
            calibration = calibration.add(p, LABELS.get(i) == Sentiment.POS);
            correct += (p >= 0.5) == (LABELS.get(i) == Sentiment.POS) ? 1 : 0;
        }
        assertEquals(expected, profile.counts());
        assertEquals(calibration, profile.calibration());
        assertEquals(correct / 4.0, profile.accuracy(), 1e-12);
        assertEquals(4, profile.reviews());
        assertEquals(2, profile.counts().unknownTokens(), "zzqx and zzqy are not in the vocabulary");
        assertNull(ReferenceProfiles.compute(model, TEXTS, null, "unlabelled").accuracy());
    }

    @Test
    void theProfileTravelsInTheBundleManifestAndOlderBundlesHaveNone() throws Exception {
        ModelBundle bundle = TestBundles.tiny();
        Path without = dir.resolve("without.bundle");
        ModelBundleFile.write(bundle, without);
        assertNull(SentimentModel.load(without).manifest().referenceProfile());

        ReferenceProfile profile = ReferenceProfiles.compute(new SentimentModel(bundle), TEXTS, LABELS, "four");
        Path with = dir.resolve("with.bundle");
        ModelBundleFile.write(new ModelBundle(bundle.manifest().withReferenceProfile(profile), bundle.vocabulary(),
                bundle.network(), bundle.ngram()), with);
        ReferenceProfile read = SentimentModel.load(with).manifest().referenceProfile();
        assertEquals(profile, read);
        assertEquals(bundle.manifest().formatVersion(), SentimentModel.load(with).manifest().formatVersion());
    }
}
