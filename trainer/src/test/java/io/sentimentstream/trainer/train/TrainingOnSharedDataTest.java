package io.sentimentstream.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.DataFingerprints;
import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.SharedData;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.core.text.EncodingSettings;
import io.sentimentstream.trainer.report.TrainingReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real training run on a few thousand shared reviews: the network must learn (validation
 * accuracy well above the 50% of chance), and the written bundle must score as the trained one.
 */
class TrainingOnSharedDataTest {

    @TempDir
    Path dir;

    @Test
    void learnsWellAboveChanceOnAFewThousandReviews() throws Exception {
        List<Review> reviews = new DatasetReader(ReadOptions.labelled()).read(SharedData.trainCsv()).reviews();
        TrainingConfig config = new TrainingConfig(8_000, 2, 200, EncodingSettings.Side.PRE, false,
                32, 32, false, 0.2, 4e-3, 1e-5, 1.0, 32, 3, 2, 0.15, 3_000, 11L, new NgramSettings(16, 2, false, true, NgramSettings.DEFAULT_L2, true, 16), 0);
        TrainingResult result = new SentimentTrainer(config, TrainingListener.NONE)
                .train(reviews, DataFingerprints.of(reviews, "train.csv.gz"), "test-run");

        assertTrue(result.validation().accuracy() >= 0.70,
                "validation accuracy " + result.validation().accuracy() + " is not well above chance");
        assertEquals(450, result.validation().count());
        assertTrue(result.bestEpoch() >= 1 && result.bestEpoch() <= result.history().size());

        Path bundle = dir.resolve("model.bundle");
        ModelBundleFile.write(result.bundle(), bundle);
        SentimentModel loaded = SentimentModel.load(bundle);
        List<String> sample = reviews.subList(0, 50).stream().map(Review::text).toList();
        assertEquals(new SentimentModel(result.bundle()).predict(sample), loaded.predict(sample));

        Path md = TrainingReportWriter.write(result, "trainer train ...", bundle, dir.resolve("report"));
        assertTrue(Files.readString(md).contains("Confusion matrix"));
        // The fused model has all three members, each measured on the same split.
        assertNotNull(loaded.bundle().tfidf(), "the TF-IDF member is in the bundle");
        assertTrue(result.bundle().manifest().fusion().usesTfidf());
        assertTrue(result.bundle().manifest().metrics().containsKey("validationTfidfOnly"));
        assertTrue(Files.readString(md).contains("TF-IDF member alone"), Files.readString(md));
        // The linear members were refit on every review, validation's included; the drift reference
        // must still describe the model validation measured, not one that has learnt those reviews.
        assertEquals(result.validation().accuracy(),
                result.bundle().manifest().referenceProfile().accuracy(), 1e-9);
        assertTrue(Files.size(dir.resolve("report/learning-curves.png")) > 1_000);
        assertTrue(Files.readString(dir.resolve("report/report.json")).contains("\"auc\""));
    }
}
