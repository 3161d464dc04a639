package io.sentimentstream.streams.scoring;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.model.Prediction;
import io.sentimentstream.core.model.SentimentModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A {@link ReviewScorer} over one {@link SentimentModel} instance (not thread-safe). */
public final class ModelScorer implements ReviewScorer {

    private final SentimentModel model;
    private final ModelRef ref;

    /** Scores with this model instance; the caller keeps it to one thread. */
    public ModelScorer(SentimentModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.ref = new ModelRef(model.manifest().name(), model.manifest().version());
    }

    @Override
    public ModelRef model() {
        return ref;
    }

    @Override
    public int[] encode(String text) {
        return model.encode(text);
    }

    @Override
    public String window(String text) {
        return model.window(text);
    }

    @Override
    public List<Score> score(List<int[]> encoded) {
        List<Prediction> predictions = model.score(encoded);
        List<Score> scores = new ArrayList<>(predictions.size());
        for (Prediction prediction : predictions) {
            // The bundle names its classes; the events always speak pos/neg.
            Sentiment sentiment = prediction.label().equals(model.positiveLabel()) ? Sentiment.POS : Sentiment.NEG;
            scores.add(new Score(sentiment, prediction.probability()));
        }
        return scores;
    }
}
