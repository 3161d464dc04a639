package io.sentimentstream.streams.testing;

import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.streams.scoring.ReviewScorer;
import java.util.ArrayList;
import java.util.List;

/** A scorer that delegates and records the size of every network call. */
public final class RecordingScorer implements ReviewScorer {

    private final ReviewScorer delegate;
    private final List<Integer> batchSizes = new ArrayList<>();
    private final List<int[]> scored = new ArrayList<>();

    /** Records the calls made to {@code delegate}. */
    public RecordingScorer(ReviewScorer delegate) {
        this.delegate = delegate;
    }

    @Override
    public ModelRef model() {
        return delegate.model();
    }

    @Override
    public int[] encode(String text) {
        return delegate.encode(text);
    }

    @Override
    public List<Score> score(List<int[]> encoded) {
        batchSizes.add(encoded.size());
        scored.addAll(encoded);
        return delegate.score(encoded);
    }

    /** Sizes of the network calls so far. */
    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    /** Every encoded review scored so far, in order. */
    public List<int[]> scored() {
        return List.copyOf(scored);
    }
}
