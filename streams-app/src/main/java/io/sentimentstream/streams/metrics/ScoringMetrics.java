package io.sentimentstream.streams.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.RejectionReason;
import io.sentimentstream.streams.drift.AlarmBoard;
import io.sentimentstream.streams.drift.AlarmKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's own meters (Kafka Streams' metrics are bound separately). Thread-safe: stream
 * threads record into one instance. Prometheus names: {@code sentiment_reviews_scored_total},
 * {@code sentiment_dead_letters_total{reason}}, {@code sentiment_batch_size},
 * {@code sentiment_scoring_duration_seconds} (one network call), {@code sentiment_review_latency_seconds}
 * (read to scored), {@code sentiment_rolling_accuracy{window}}, {@code sentiment_rolling_labelled{window}},
 * {@code sentiment_metrics_late_reviews_total}, {@code sentiment_metrics_late_labels_total},
 * {@code sentiment_label_coverage{window}}, {@code sentiment_label_delay_mean_seconds{window}},
 * {@code sentiment_calibration_ece{window}}, {@code sentiment_calibration_brier{window}},
 * {@code sentiment_drift_psi{statistic}}, {@code sentiment_drift_positive_rate_gap} and
 * {@code sentiment_alarm{alarm}} (1 while raised).
 */
public final class ScoringMetrics {

    private final Counter scored;
    private final Map<RejectionReason, Counter> deadLetters = new EnumMap<>(RejectionReason.class);
    private final DistributionSummary batchSize;
    private final Timer scoringDuration;
    private final Timer reviewLatency;
    private final Counter lateReviews;
    private final Counter lateLabels;
    private final AtomicReference<MetricsSnapshot> cumulative = new AtomicReference<>();
    private final AtomicReference<MetricsSnapshot> latestWindow = new AtomicReference<>();
    private final AlarmBoard alarms = new AlarmBoard();

    /** Registers the meters in {@code registry}. */
    public ScoringMetrics(MeterRegistry registry) {
        scored = Counter.builder("sentiment.reviews.scored").description("reviews scored").register(registry);
        for (RejectionReason reason : RejectionReason.values()) {
            deadLetters.put(reason, Counter.builder("sentiment.dead.letters")
                    .description("records sent to the dead-letter topic")
                    .tag("reason", reason.name()).register(registry));
        }
        batchSize = DistributionSummary.builder("sentiment.batch.size")
                .description("reviews per network call")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
        scoringDuration = Timer.builder("sentiment.scoring.duration")
                .description("time of one network call over a batch")
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(50),
                        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry);
        reviewLatency = Timer.builder("sentiment.review.latency")
                .description("time from reading a review to scoring it, batching wait included")
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry);
        lateReviews = Counter.builder("sentiment.metrics.late.reviews")
                .description("reviews too late for their metrics windows (still counted cumulatively)")
                .register(registry);
        lateLabels = Counter.builder("sentiment.metrics.late.labels")
                .description("labels joined after their review's window was dropped (still counted cumulatively)")
                .register(registry);
        for (String window : new String[] {"cumulative", "latest"}) {
            AtomicReference<MetricsSnapshot> ref = window.equals("cumulative") ? cumulative : latestWindow;
            Gauge.builder("sentiment.label.coverage", ref, r -> value(r, MetricsSnapshot::labelCoverage))
                    .description("share of scored reviews whose label is known").tag("window", window)
                    .register(registry);
            Gauge.builder("sentiment.label.delay.mean.seconds", ref,
                            r -> value(r, s -> s.quality().labelDelayMeanMs() == null ? null
                                    : s.quality().labelDelayMeanMs() / 1000))
                    .description("mean delay of labels joined later").tag("window", window).register(registry);
            Gauge.builder("sentiment.calibration.ece", ref,
                            r -> value(r, s -> s.quality().calibration().expectedCalibrationError()))
                    .description("expected calibration error of the labelled reviews").tag("window", window)
                    .register(registry);
            Gauge.builder("sentiment.calibration.brier", ref, r -> value(r, s -> s.quality().calibration().brier()))
                    .description("Brier score of the labelled reviews").tag("window", window).register(registry);
        }
        Gauge.builder("sentiment.drift.psi", latestWindow, r -> value(r, s -> s.quality().distance().probabilityPsi()))
                .description("population stability index of the latest window against the reference")
                .tag("statistic", "probability").register(registry);
        Gauge.builder("sentiment.drift.psi", latestWindow, r -> value(r, s -> s.quality().distance().lengthPsi()))
                .description("population stability index of the latest window against the reference")
                .tag("statistic", "length").register(registry);
        Gauge.builder("sentiment.drift.psi", latestWindow, r -> value(r, s -> s.quality().distance().unknownPsi()))
                .description("population stability index of the latest window against the reference")
                .tag("statistic", "unknown_words").register(registry);
        Gauge.builder("sentiment.drift.positive.rate.gap", latestWindow,
                        r -> value(r, s -> s.quality().distance().positiveRateGap()))
                .description("positive rate of the latest window minus the reference's").register(registry);
        for (AlarmKind kind : AlarmKind.values()) {
            Gauge.builder("sentiment.alarm", alarms, board -> board.raised(kind))
                    .description("1 while the alarm is raised (for any model)").tag("alarm", kind.id())
                    .register(registry);
        }
        Gauge.builder("sentiment.rolling.accuracy", cumulative, ScoringMetrics::accuracy)
                .description("accuracy over labelled reviews").tag("window", "cumulative").register(registry);
        Gauge.builder("sentiment.rolling.accuracy", latestWindow, ScoringMetrics::accuracy)
                .description("accuracy over labelled reviews").tag("window", "latest").register(registry);
        Gauge.builder("sentiment.rolling.labelled", cumulative, ScoringMetrics::labelled)
                .description("labelled reviews scored").tag("window", "cumulative").register(registry);
        Gauge.builder("sentiment.rolling.labelled", latestWindow, ScoringMetrics::labelled)
                .description("labelled reviews scored").tag("window", "latest").register(registry);
    }

    /** One network call over {@code size} reviews took {@code nanos}. */
    public void batchScored(int size, long nanos) {
        batchSize.record(size);
        scoringDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One review was scored {@code latencyMs} after it was read. */
    public void reviewScored(long latencyMs) {
        scored.increment();
        reviewLatency.record(Math.max(0, latencyMs), TimeUnit.MILLISECONDS);
    }

    /** One record went to the dead-letter topic. */
    public void deadLetter(RejectionReason reason) {
        deadLetters.get(reason).increment();
    }

    /** A label arrived after its review's metrics windows were dropped (counted cumulatively only). */
    public void lateLabel() {
        lateLabels.increment();
    }

    /** A review arrived after its metrics windows closed. */
    public void lateReview() {
        lateReviews.increment();
    }

    /** The rolling metrics just written (either may be {@code null}: unchanged). */
    public void rollingMetrics(MetricsSnapshot newCumulative, MetricsSnapshot newLatestWindow) {
        if (newCumulative != null) {
            cumulative.set(newCumulative);
        }
        if (newLatestWindow != null) {
            MetricsSnapshot current = latestWindow.get();
            if (current == null || !newLatestWindow.windowStart().isBefore(current.windowStart())) {
                latestWindow.set(newLatestWindow);
            }
        }
    }

    /** Reviews scored so far by this instance. */
    public double scoredCount() {
        return scored.count();
    }

    /** Network calls over batches so far. */
    public long batchCalls() {
        return batchSize.count();
    }

    /** Reviews scored in those calls. */
    public long batchedReviews() {
        return (long) batchSize.totalAmount();
    }

    /** The largest batch of the last few minutes (Micrometer's decaying maximum). */
    public long recentLargestBatch() {
        return (long) batchSize.max();
    }

    /** Records sent to the dead-letter topic so far, by reason; reasons without any are left out. */
    public Map<RejectionReason, Long> deadLetterCounts() {
        Map<RejectionReason, Long> counts = new EnumMap<>(RejectionReason.class);
        deadLetters.forEach((reason, counter) -> {
            if (counter.count() > 0) {
                counts.put(reason, (long) counter.count());
            }
        });
        return counts;
    }

    /** The alarms raised now (read by /health and the dashboard). */
    public AlarmBoard alarms() {
        return alarms;
    }

    private static double value(AtomicReference<MetricsSnapshot> ref,
                                java.util.function.Function<MetricsSnapshot, Double> part) {
        MetricsSnapshot snapshot = ref.get();
        Double value = snapshot == null ? null : part.apply(snapshot);
        return value == null ? Double.NaN : value;
    }

    private static double accuracy(AtomicReference<MetricsSnapshot> ref) {
        MetricsSnapshot snapshot = ref.get();
        return snapshot == null || snapshot.accuracy() == null ? Double.NaN : snapshot.accuracy();
    }

    private static double labelled(AtomicReference<MetricsSnapshot> ref) {
        MetricsSnapshot snapshot = ref.get();
        return snapshot == null ? 0 : snapshot.labelledCount();
    }
}
