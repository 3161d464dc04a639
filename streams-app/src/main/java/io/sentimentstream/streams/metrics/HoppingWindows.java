package io.sentimentstream.streams.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Epoch-aligned hopping windows {@code [start, start + size)} whose starts are multiples of
 * {@code advance}, as Kafka Streams' {@code TimeWindows} aligns them; tumbling when
 * {@code advance == size}.
 *
 * @param sizeMs    window length
 * @param advanceMs distance between window starts, at most the size
 */
public record HoppingWindows(long sizeMs, long advanceMs) {

    /** Checks the sizes. */
    public HoppingWindows {
        if (sizeMs <= 0 || advanceMs <= 0 || advanceMs > sizeMs) {
            throw new IllegalArgumentException("need 0 < advance <= size, got size " + sizeMs + " advance " + advanceMs);
        }
    }

    /** Windows of the given size and advance. */
    public static HoppingWindows of(Duration size, Duration advance) {
        return new HoppingWindows(size.toMillis(), advance.toMillis());
    }

    /** Starts of the windows holding {@code timestampMs}, oldest first (none before the epoch). */
    public List<Long> startsFor(long timestampMs) {
        List<Long> starts = new ArrayList<>();
        long first = Math.floorDiv(timestampMs - sizeMs, advanceMs) * advanceMs + advanceMs;
        for (long start = Math.max(0, first); start <= timestampMs; start += advanceMs) {
            starts.add(start);
        }
        return starts;
    }
}
