package io.sentimentstream.registry;

import io.sentimentstream.core.model.Prediction;
import io.sentimentstream.core.model.SentimentModel;
import java.util.List;

/**
 * The smoke test a bundle passes before it is published and before an instance serves it: the
 * model scores two short reviews, and every probability is a number in [0, 1].
 */
public final class BundleCheck {

    /** The reviews of the smoke test. */
    public static final List<String> SMOKE_REVIEWS = List.of(
            "A wonderful film: the acting is brilliant and I loved every minute.",
            "Dull, boring and far too long; the plot makes no sense.");

    private BundleCheck() {
    }

    /**
     * Scores {@link #SMOKE_REVIEWS} with {@code model}.
     *
     * @return the model, which passed
     * @throws RegistryException when the model fails or returns something that is not a probability
     */
    public static SentimentModel smokeTest(SentimentModel model) {
        List<Prediction> predictions;
        try {
            predictions = model.predict(SMOKE_REVIEWS);
        } catch (RuntimeException e) {
            throw new RegistryException("the model fails its smoke test: " + RegistryRecords.oneLine(e), e);
        }
        if (predictions.size() != SMOKE_REVIEWS.size()) {
            throw new RegistryException("the model returned " + predictions.size() + " predictions for "
                    + SMOKE_REVIEWS.size() + " reviews in its smoke test");
        }
        for (Prediction prediction : predictions) {
            if (!(prediction.probability() >= 0 && prediction.probability() <= 1)) {
                throw new RegistryException("the model returned the probability " + prediction.probability()
                        + " in its smoke test");
            }
        }
        return model;
    }
}
