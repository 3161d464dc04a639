package io.sentimentstream.core.drift;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.model.Prediction;
import io.sentimentstream.core.model.SentimentModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a {@link ReferenceProfile} by scoring reviews with a model, through its public API
 * only (encode, score), exactly as the stream encodes and scores them; the trainer and the tests
 * use this one method, so the reference and the live statistics cannot disagree on what they count.
 */
public final class ReferenceProfiles {

    private static final int BATCH = 64;

    private ReferenceProfiles() {
    }

    /**
     * The profile of {@code texts} scored by {@code model}.
     *
     * @param labels their labels in the same order, or {@code null} when unknown (then the profile
     *               has no accuracy nor calibration)
     * @param source says which reviews these are
     */
    public static ReferenceProfile compute(SentimentModel model, List<String> texts, List<Sentiment> labels,
                                           String source) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a reference profile needs at least one review");
        }
        if (labels != null && labels.size() != texts.size()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + labels.size() + " labels");
        }
        DriftCounts counts = DriftCounts.EMPTY;
        Calibration calibration = Calibration.EMPTY;
        long correct = 0;
        for (int from = 0; from < texts.size(); from += BATCH) {
            int to = Math.min(texts.size(), from + BATCH);
            List<int[]> encoded = new ArrayList<>(to - from);
            for (String text : texts.subList(from, to)) {
                encoded.add(model.encode(text));
            }
            List<Prediction> predictions = model.score(encoded);
            for (int i = 0; i < encoded.size(); i++) {
                double p = predictions.get(i).probability();
                counts = counts.add(p, encoded.get(i));
                if (labels != null) {
                    boolean positive = labels.get(from + i) == Sentiment.POS;
                    calibration = calibration.add(p, positive);
                    correct += (p >= 0.5) == positive ? 1 : 0;
                }
            }
        }
        Double accuracy = labels == null ? null : (double) correct / texts.size();
        return new ReferenceProfile(source, counts, calibration, accuracy);
    }
}
