package io.sentimentstream.streams.scoring;

import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.model.SentimentModel;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Hands each stream thread its own copy of the model. Processors ask for the scorer each time
 * they use it rather than keeping one from {@code init}, so a task that moves to another thread
 * never shares a network with the thread it left.
 */
public final class PerThreadScorers implements Supplier<ReviewScorer> {

    private final SentimentModel prototype;
    private final ThreadLocal<ReviewScorer> scorers;

    /** Copies of {@code prototype}, one per calling thread; the prototype itself is never scored with. */
    public PerThreadScorers(SentimentModel prototype) {
        this.prototype = Objects.requireNonNull(prototype, "prototype");
        this.scorers = ThreadLocal.withInitial(() -> new ModelScorer(prototype.copy()));
    }

    /** The calling thread's scorer, created on first use. */
    @Override
    public ReviewScorer get() {
        return scorers.get();
    }

    /** The model's name and version (without creating a copy). */
    public ModelRef model() {
        return new ModelRef(prototype.manifest().name(), prototype.manifest().version());
    }
}
