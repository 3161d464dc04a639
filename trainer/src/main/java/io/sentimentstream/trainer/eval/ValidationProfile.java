package io.sentimentstream.trainer.eval;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.data.StratifiedSplit;
import io.sentimentstream.core.drift.ReferenceProfile;
import io.sentimentstream.core.drift.ReferenceProfiles;
import io.sentimentstream.core.model.BundleManifest;
import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.trainer.train.NgramBranch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference profile of a bundle: its validation reviews scored by the bundle itself
 * ({@link ReferenceProfiles}, the code the stream's drift statistics share), stored in the
 * manifest. Used by {@code train} at the end and by {@code profile} on an existing bundle.
 */
public final class ValidationProfile {

    private ValidationProfile() {
    }

    /** {@code bundle} with the profile of {@code split}'s validation reviews in its manifest. */
    public static ModelBundle attach(ModelBundle bundle, StratifiedSplit split) {
        List<String> texts = new ArrayList<>(split.validation().size());
        List<Sentiment> labels = new ArrayList<>(split.validation().size());
        for (Review review : split.validation()) {
            texts.add(review.text());
            labels.add(review.label());
        }
        boolean refit = bundle.ngram() != null && refitOnAll(bundle.manifest());
        String source = "validation split: " + texts.size() + " reviews, " + split.provenance().describe()
                + (refit ? "; scored with the linear members fitted on the training part, as validation measured"
                + " them (the shipped ones were refit on every review, these included)" : "");
        // The shipped members have learnt these reviews: scored by them, the reference would be
        // near-certain and right (accuracy 0.999), and live traffic would look like drift.
        ModelBundle scoring = refit ? NgramBranch.withTrainingPartMembers(bundle, split, seed(bundle.manifest())) : bundle;
        ReferenceProfile profile = ReferenceProfiles.compute(new SentimentModel(scoring), texts, labels, source);
        return new ModelBundle(bundle.manifest().withReferenceProfile(profile), bundle.vocabulary(), bundle.network(),
                bundle.ngram(), bundle.tfidf());
    }

    private static long seed(BundleManifest manifest) {
        return manifest.hyperParameters().get("seed") instanceof Number n ? n.longValue() : 42L;
    }

    private static boolean refitOnAll(BundleManifest manifest) {
        // The metrics record what the last step (train or add-ngram) did; the hyper-parameters
        // only what train was asked, which add-ngram may have replaced.
        Map<String, Object> metrics = manifest.metrics();
        if (metrics != null && metrics.containsKey("ngramRefitOnAll")) {
            return Boolean.TRUE.equals(metrics.get("ngramRefitOnAll"));
        }
        return isTrue(manifest.hyperParameters(), "ngramRefitOnAll");
    }

    private static boolean isTrue(Map<String, Object> map, String key) {
        return map != null && Boolean.TRUE.equals(map.get(key));
    }
}
