package io.sentimentstream.streams.metrics;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.metrics.BinaryConfusion;
import java.time.Instant;

/**
 * Running counts of one metrics window (or of everything, when {@code windowStartMs} is null), as
 * kept in the metrics store. {@code emitted} records whether the latest counts were written to the
 * metrics topic, so a restart after a crash still writes what changed before it.
 *
 * @param model          the model scored with
 * @param windowStartMs  window start, {@code null} for the cumulative counts
 * @param windowEndMs    window end (exclusive), {@code null} for the cumulative counts
 * @param count          reviews scored
 * @param confusion      outcomes of the labelled reviews
 * @param positiveCount  reviews predicted positive
 * @param probabilitySum sum of positive probabilities
 * @param emitted        whether these counts were written
 */
public record MetricsAccumulator(ModelRef model, Long windowStartMs, Long windowEndMs, long count,
                                 BinaryConfusion confusion, long positiveCount, double probabilitySum,
                                 boolean emitted) {

    /** Empty cumulative counts for a model. */
    public static MetricsAccumulator cumulative(ModelRef model) {
        return new MetricsAccumulator(model, null, null, 0, BinaryConfusion.EMPTY, 0, 0.0, false);
    }

    /** Empty counts for the window {@code [startMs, endMs)}. */
    public static MetricsAccumulator window(ModelRef model, long startMs, long endMs) {
        return new MetricsAccumulator(model, startMs, endMs, 0, BinaryConfusion.EMPTY, 0, 0.0, false);
    }

    /** These counts plus one scored review (not yet emitted). */
    public MetricsAccumulator add(Sentiment predicted, Sentiment label, double probability) {
        boolean predictedPositive = predicted == Sentiment.POS;
        BinaryConfusion updated = label == null ? confusion : confusion.add(label == Sentiment.POS, predictedPositive);
        return new MetricsAccumulator(model, windowStartMs, windowEndMs, count + 1, updated,
                positiveCount + (predictedPositive ? 1 : 0), probabilitySum + probability, false);
    }

    /** The same counts, marked as written. */
    public MetricsAccumulator markEmitted() {
        return new MetricsAccumulator(model, windowStartMs, windowEndMs, count, confusion, positiveCount,
                probabilitySum, true);
    }

    /** Whether these are the cumulative counts. */
    public boolean isCumulative() {
        return windowStartMs == null;
    }

    /** The snapshot written to the metrics topic. */
    public MetricsSnapshot snapshot(boolean closed, Instant now) {
        return new MetricsSnapshot(isCumulative() ? MetricsSnapshot.Kind.CUMULATIVE : MetricsSnapshot.Kind.WINDOW,
                isCumulative() ? null : Instant.ofEpochMilli(windowStartMs),
                isCumulative() ? null : Instant.ofEpochMilli(windowEndMs),
                count, confusion, positiveCount, probabilitySum, model, closed, now);
    }
}
