package io.sentimentstream.streams.model;

import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.streams.scoring.ModelScorer;
import io.sentimentstream.streams.scoring.ReviewScorer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Each stream thread's copy of the model in service, which {@link #swap} replaces. The topology
 * asks for the scorer once per micro-batch ({@code MicroBatchScorer}), so a swap takes effect at
 * the next batch boundary: a batch is scored by one model, and its results name that model. A
 * thread drops its copy of the old model the first time it asks after the swap.
 */
public final class HotSwapScorers implements Supplier<ReviewScorer> {

    private final AtomicReference<SentimentModel> current;
    private final ThreadLocal<Copy> copies = new ThreadLocal<>();

    /** The thread's copy of {@code prototype}, which is itself never scored with. */
    private record Copy(SentimentModel prototype, ReviewScorer scorer) {
    }

    /** Scorers over {@code initial} until the first swap. */
    public HotSwapScorers(SentimentModel initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** The calling thread's scorer for the model in service now. */
    @Override
    public ReviewScorer get() {
        SentimentModel model = current.get();
        Copy copy = copies.get();
        if (copy == null || copy.prototype() != model) {
            copy = new Copy(model, new ModelScorer(model.copy()));
            copies.set(copy);
        }
        return copy.scorer();
    }

    /** Puts {@code next} in service from every thread's next batch on; returns the model it replaces. */
    public SentimentModel swap(SentimentModel next) {
        return current.getAndSet(Objects.requireNonNull(next, "next"));
    }

    /** The model in service. */
    public SentimentModel current() {
        return current.get();
    }

    /** The name and version of the model in service. */
    public ModelRef model() {
        return refOf(current.get());
    }

    static ModelRef refOf(SentimentModel model) {
        return new ModelRef(model.manifest().name(), model.manifest().version());
    }
}
