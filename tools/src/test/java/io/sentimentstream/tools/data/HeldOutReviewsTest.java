package io.sentimentstream.tools.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.DataFingerprints;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.data.StratifiedSplit;
import io.sentimentstream.core.model.BundleManifest;
import io.sentimentstream.core.model.DataFingerprint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reviews a demo or producer reporting accuracy may stream. */
class HeldOutReviewsTest {

    private static final Path SOURCE = Path.of("train.csv");

    private static List<Review> reviews() {
        List<Review> reviews = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            reviews.add(new Review("r" + i, "text " + i, i < 20 ? Sentiment.NEG : Sentiment.POS, null));
        }
        return reviews;
    }

    private static BundleManifest manifest(DataFingerprint data, Map<String, Object> metrics) {
        return new BundleManifest(2, "m", "1", "2026-01-01T00:00:00Z", List.of("neg", "pos"), null, 10,
                Map.of("validationFraction", 0.25, "maxTrainExamples", 0, "seed", 42), metrics, data, Map.of(), null);
    }

    @Test
    void theModelsTrainingDataGivesItsHeldOutValidationPartShuffled() {
        List<Review> reviews = reviews();
        BundleManifest manifest = manifest(DataFingerprints.of(reviews, SOURCE.toString()), Map.of());
        HeldOutReviews.Selection selection = HeldOutReviews.select(reviews, SOURCE, manifest);
        List<Review> validation = StratifiedSplit.of(reviews, 0.25, 0, 42).validation();
        assertTrue(selection.heldOut());
        assertEquals(10, selection.reviews().size());
        Comparator<Review> byId = Comparator.comparing(Review::id);
        assertEquals(validation.stream().sorted(byId).toList(), selection.reviews().stream().sorted(byId).toList());
        assertTrue(selection.note().contains("held-out validation part"), selection.note());
    }

    @Test
    void aModelRefitOnEveryReviewHasNoHeldOutPartAndTheNoteSaysSo() {
        List<Review> reviews = reviews();
        BundleManifest manifest = manifest(DataFingerprints.of(reviews, SOURCE.toString()),
                Map.of("ngramRefitOnAll", true));
        HeldOutReviews.Selection selection = HeldOutReviews.select(reviews, SOURCE, manifest);
        assertFalse(selection.heldOut());
        assertEquals(40, selection.reviews().size());
        assertTrue(selection.note().contains("optimistic"), selection.note());
        assertFalse(selection.reviews().subList(0, 20).stream().allMatch(r -> r.label() == Sentiment.NEG),
                "shuffled: not every negative review first");
    }

    @Test
    void otherDataIsStreamedWhole() {
        HeldOutReviews.Selection selection = HeldOutReviews.select(reviews(), SOURCE,
                manifest(new DataFingerprint("0".repeat(64), 1, "other.csv"), Map.of()));
        assertFalse(selection.heldOut());
        assertEquals(40, selection.reviews().size());
        assertEquals("", selection.note());
    }
}
