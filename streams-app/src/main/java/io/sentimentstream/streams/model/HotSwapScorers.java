package io.sentimentstream.streams.model;

import io.sentimentstream.core.drift.ReferenceProfile;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.streams.scoring.ModelScorer;
import io.sentimentstream.streams.scoring.ReviewScorer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Each stream thread's copy of the model in service, which {@link #swap} replaces. The topology
 * asks for the scorer once per micro-batch ({@code MicroBatchScorer}), so a swap takes effect at
 * the next batch boundary: a batch is scored by one model, and its results name that model. A
 * thread drops its copy of the old model the first time it asks after the swap. It remembers the
 * reference profile of every model it served: reviews scored by the old model are still counted
 * (labels join later) and their drift is measured against that model's profile.
 */
public final class HotSwapScorers implements Supplier<ReviewScorer> {

    private final AtomicReference<SentimentModel> current;
    private final ThreadLocal<Copy> copies = new ThreadLocal<>();
    private final Map<ModelRef, ReferenceProfile> profiles = new ConcurrentHashMap<>();
    private volatile Consumer<SentimentModel> onSwap = model -> { };

    /** The thread's copy of {@code prototype}, which is itself never scored with. */
    private record Copy(SentimentModel prototype, ReviewScorer scorer) {
    }

    /** Scorers over {@code initial} until the first swap. */
    public HotSwapScorers(SentimentModel initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
        remember(initial);
    }

    /** Tells {@code listener} of every model put in service by a later swap. */
    public void onSwap(Consumer<SentimentModel> listener) {
        this.onSwap = Objects.requireNonNull(listener, "listener");
    }

    /** The reference profile of a model served since start-up; {@code null} when it has none. */
    public ReferenceProfile profile(ModelRef model) {
        return profiles.get(model);
    }

    private void remember(SentimentModel model) {
        ReferenceProfile profile = model.manifest().referenceProfile();
        if (profile != null) {
            profiles.put(refOf(model), profile);
        }
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
        remember(Objects.requireNonNull(next, "next"));
        SentimentModel previous = current.getAndSet(next);
        onSwap.accept(next);
        return previous;
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
