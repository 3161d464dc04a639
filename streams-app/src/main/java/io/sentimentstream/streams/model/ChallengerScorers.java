package io.sentimentstream.streams.model;

import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.streams.scoring.ModelScorer;
import io.sentimentstream.streams.scoring.ReviewScorer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Each stream thread's copy of the registry's challenger, if there is one: the model that scores
 * the same micro-batches as the champion for comparison only. {@link #get} is asked once per
 * micro-batch, so setting or clearing takes effect at the next batch boundary, as for
 * {@link HotSwapScorers}.
 */
public final class ChallengerScorers implements Supplier<ReviewScorer> {

    private final AtomicReference<SentimentModel> current = new AtomicReference<>();
    private final ThreadLocal<Copy> copies = new ThreadLocal<>();

    private record Copy(SentimentModel prototype, ReviewScorer scorer) {
    }

    /** Puts {@code challenger} beside the champion from every thread's next batch on. */
    public void set(SentimentModel challenger) {
        current.set(Objects.requireNonNull(challenger, "challenger"));
    }

    /** No challenger from the next batch on. */
    public void clear() {
        current.set(null);
    }

    /** The challenger's name and version; {@code null} when there is none. */
    public ModelRef model() {
        SentimentModel model = current.get();
        return model == null ? null : HotSwapScorers.refOf(model);
    }

    /** The calling thread's scorer for the challenger; {@code null} when there is none. */
    @Override
    public ReviewScorer get() {
        SentimentModel model = current.get();
        if (model == null) {
            copies.remove();
            return null;
        }
        Copy copy = copies.get();
        if (copy == null || copy.prototype() != model) {
            copy = new Copy(model, new ModelScorer(model.copy()));
            copies.set(copy);
        }
        return copy.scorer();
    }
}
