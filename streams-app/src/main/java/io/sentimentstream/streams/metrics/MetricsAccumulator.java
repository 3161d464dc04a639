package io.sentimentstream.streams.metrics;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.drift.Calibration;
import io.sentimentstream.core.drift.DriftCounts;
import io.sentimentstream.core.drift.ReferenceProfile;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.metrics.BinaryConfusion;
import java.time.Instant;

/**
 * Running counts of one metrics window (or of everything, when {@code windowStartMs} is null), as
 * kept in the metrics store. {@code emitted} records whether the latest counts were written to the
 * metrics topic, so a restart after a crash still writes what changed before it. Entries written
 * by a version without the evaluation parts read back with empty ones.
 *
 * @param model             the model scored with
 * @param windowStartMs     window start, {@code null} for the cumulative counts
 * @param windowEndMs       window end (exclusive), {@code null} for the cumulative counts
 * @param count             reviews scored
 * @param confusion         outcomes of the labelled reviews (labels in the review or joined later)
 * @param positiveCount     reviews predicted positive
 * @param probabilitySum    sum of positive probabilities
 * @param emitted           whether these counts were written
 * @param calibration       probabilities against labels
 * @param drift             histograms of the scored reviews
 * @param labelsJoinedLater labels from the labels topic counted here
 * @param labelDelaySumMs   sum of their delays
 * @param labelDelayMaxMs   the longest delay
 * @param closed            whether the window's final snapshot was written (later changes are
 *                          corrections by late labels)
 * @param compared          a challenger's counts: reviews the champion scored too
 * @param agreed            of those, reviews where both predicted the same
 */
public record MetricsAccumulator(ModelRef model, Long windowStartMs, Long windowEndMs, long count,
                                 BinaryConfusion confusion, long positiveCount, double probabilitySum,
                                 boolean emitted, Calibration calibration, DriftCounts drift, long labelsJoinedLater,
                                 long labelDelaySumMs, long labelDelayMaxMs, boolean closed, long compared,
                                 long agreed) {

    /** Fills in parts missing from older entries. */
    public MetricsAccumulator {
        calibration = calibration == null ? Calibration.EMPTY : calibration;
        drift = drift == null ? DriftCounts.EMPTY : drift;
    }

    /** Empty cumulative counts for a model. */
    public static MetricsAccumulator cumulative(ModelRef model) {
        return new MetricsAccumulator(model, null, null, 0, BinaryConfusion.EMPTY, 0, 0.0, false, null, null, 0, 0, 0,
                false, 0, 0);
    }

    /** Empty counts for the window {@code [startMs, endMs)}. */
    public static MetricsAccumulator window(ModelRef model, long startMs, long endMs) {
        return new MetricsAccumulator(model, startMs, endMs, 0, BinaryConfusion.EMPTY, 0, 0.0, false, null, null, 0, 0,
                0, false, 0, 0);
    }

    /** These counts plus one scored review (not yet emitted). */
    public MetricsAccumulator add(Sentiment predicted, Sentiment label, double probability) {
        return add(predicted, label, probability, 0, 0);
    }

    /** These counts plus one scored review that read {@code tokens} tokens (not yet emitted). */
    public MetricsAccumulator add(Sentiment predicted, Sentiment label, double probability, int tokens,
                                  int unknownTokens) {
        return add(predicted, label, probability, tokens, unknownTokens, null);
    }

    /**
     * As above, for a challenger's review when {@code agree} is not {@code null}: whether it predicted
     * what the champion did.
     */
    public MetricsAccumulator add(Sentiment predicted, Sentiment label, double probability, int tokens,
                                  int unknownTokens, Boolean agree) {
        boolean predictedPositive = predicted == Sentiment.POS;
        BinaryConfusion updated = label == null ? confusion : confusion.add(label == Sentiment.POS, predictedPositive);
        Calibration calibrated = label == null ? calibration : calibration.add(probability, label == Sentiment.POS);
        return new MetricsAccumulator(model, windowStartMs, windowEndMs, count + 1, updated,
                positiveCount + (predictedPositive ? 1 : 0), probabilitySum + probability, false, calibrated,
                drift.add(probability, tokens, unknownTokens), labelsJoinedLater, labelDelaySumMs, labelDelayMaxMs,
                closed, compared + (agree == null ? 0 : 1), agreed + (Boolean.TRUE.equals(agree) ? 1 : 0));
    }

    /** These counts plus a label joined later with a review counted before (not yet emitted). */
    public MetricsAccumulator addLabel(Sentiment predicted, Sentiment label, double probability, long delayMs) {
        return new MetricsAccumulator(model, windowStartMs, windowEndMs, count,
                confusion.add(label == Sentiment.POS, predicted == Sentiment.POS), positiveCount, probabilitySum,
                false, calibration.add(probability, label == Sentiment.POS), drift, labelsJoinedLater + 1,
                labelDelaySumMs + delayMs, Math.max(labelDelayMaxMs, delayMs), closed, compared, agreed);
    }

    /** The same counts, marked as written. */
    public MetricsAccumulator markEmitted() {
        return new MetricsAccumulator(model, windowStartMs, windowEndMs, count, confusion, positiveCount,
                probabilitySum, true, calibration, drift, labelsJoinedLater, labelDelaySumMs, labelDelayMaxMs, closed,
                compared, agreed);
    }

    /** The same counts, marked as written and closed. */
    public MetricsAccumulator markClosed() {
        return new MetricsAccumulator(model, windowStartMs, windowEndMs, count, confusion, positiveCount,
                probabilitySum, true, calibration, drift, labelsJoinedLater, labelDelaySumMs, labelDelayMaxMs, true,
                compared, agreed);
    }

    /** Whether these are the cumulative counts. */
    public boolean isCumulative() {
        return windowStartMs == null;
    }

    /** The snapshot written to the metrics topic (without a reference profile). */
    public MetricsSnapshot snapshot(boolean closedNow, Instant now) {
        return snapshot(closedNow, now, null);
    }

    /** The snapshot written to the metrics topic, its drift measured against {@code profile} (may be null). */
    public MetricsSnapshot snapshot(boolean closedNow, Instant now, ReferenceProfile profile) {
        MetricsSnapshot.Quality quality = new MetricsSnapshot.Quality(labelsJoinedLater, labelDelaySumMs,
                labelDelayMaxMs, calibration, drift,
                profile == null ? ReferenceProfile.Distance.NONE : profile.distance(drift), closed, compared, agreed);
        return new MetricsSnapshot(isCumulative() ? MetricsSnapshot.Kind.CUMULATIVE : MetricsSnapshot.Kind.WINDOW,
                isCumulative() ? null : Instant.ofEpochMilli(windowStartMs),
                isCumulative() ? null : Instant.ofEpochMilli(windowEndMs),
                count, confusion, positiveCount, probabilitySum, model, closedNow || closed, now, quality);
    }
}
