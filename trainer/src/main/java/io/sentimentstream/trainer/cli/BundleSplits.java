package io.sentimentstream.trainer.cli;

import io.sentimentstream.core.data.DataFingerprints;
import io.sentimentstream.core.data.Dataset;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.SplitProvenance;
import io.sentimentstream.core.data.StratifiedSplit;
import io.sentimentstream.core.model.BundleManifest;
import io.sentimentstream.core.model.DataFingerprint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Re-creates the exact split a bundle was trained with, from the seed and settings in its
 * manifest, refusing data whose fingerprint differs (its validation part would no longer be
 * held out) or inputs that give another kind of split.
 */
final class BundleSplits {

    private BundleSplits() {
    }

    /** The split of {@code dataset} that trained the bundle at {@code model}. */
    static StratifiedSplit recreate(BundleManifest manifest, Path model, LabelledDataOptions input, Dataset dataset) {
        List<Review> reviews = dataset.reviews();
        DataFingerprint fingerprint = DataFingerprints.of(reviews, input.data.toString());
        if (manifest.data() == null || !fingerprint.sha256().equals(manifest.data().sha256())) {
            throw new IllegalArgumentException(input.data + " is not the data " + model + " was trained on (fingerprint "
                    + fingerprint.sha256().substring(0, 12) + " vs "
                    + (manifest.data() == null ? "none" : manifest.data().sha256().substring(0, 12))
                    + "); its validation split cannot be re-created");
        }
        Map<String, Object> hp = manifest.hyperParameters();
        StratifiedSplit parts = StratifiedSplit.of(reviews, input.movies(dataset),
                number(hp, "validationFraction").doubleValue(), number(hp, "maxTrainExamples").intValue(),
                number(hp, "seed").longValue());
        String trainedWith = splitMethod(manifest.metrics());
        if (!parts.provenance().method().key().equals(trainedWith)) {
            throw new IllegalArgumentException(model + " was trained on a " + trainedWith + " split but these inputs give a "
                    + parts.provenance().method().key() + " split (pass the same --movies as to train)");
        }
        return parts;
    }

    /** The split method recorded in the bundle; bundles from before movie splits were random. */
    @SuppressWarnings("unchecked")
    private static String splitMethod(Map<String, Object> metrics) {
        Object split = metrics.get("split");
        return split instanceof Map<?, ?> m ? String.valueOf(((Map<String, Object>) m).get("method"))
                : SplitProvenance.Method.RANDOM.key();
    }

    static Number number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("the bundle does not record '" + key + "'; retrain it with this trainer");
        }
        return n;
    }
}
