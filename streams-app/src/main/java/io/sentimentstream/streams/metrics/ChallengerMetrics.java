package io.sentimentstream.streams.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentimentstream.core.drift.Calibration;
import io.sentimentstream.streams.topology.ChallengerComparison;

/**
 * The champion against the challenger since start-up (or since the challenger last changed):
 * agreement, each model's accuracy and calibration on the labelled reviews, and scoring cost per
 * review. Thread-safe (stream threads record, the scrape reads). Prometheus names:
 * {@code sentiment_challenger_compared}, {@code sentiment_challenger_agreement},
 * {@code sentiment_challenger_accuracy{model=champion|challenger}},
 * {@code sentiment_challenger_brier{model}}, {@code sentiment_challenger_ece{model}},
 * {@code sentiment_challenger_nanos_per_review{model}} and {@code sentiment_challenger_failures_total}.
 */
public final class ChallengerMetrics {

    private long compared;
    private long agreed;
    private long labelled;
    private long championCorrect;
    private long challengerCorrect;
    private Calibration championCalibration = Calibration.EMPTY;
    private Calibration challengerCalibration = Calibration.EMPTY;
    private long championNanos;
    private long challengerNanos;
    private String challenger;
    private final Counter failures;

    /** Metrics that no registry sees (tests). */
    public ChallengerMetrics() {
        this.failures = null;
    }

    /** Registers the gauges in {@code registry}. */
    public ChallengerMetrics(MeterRegistry registry) {
        Gauge.builder("sentiment.challenger.compared", this, m -> m.snapshot().compared())
                .description("reviews scored by both champion and challenger").register(registry);
        Gauge.builder("sentiment.challenger.agreement", this, m -> nan(m.snapshot().agreement()))
                .description("share of reviews where the challenger predicts what the champion does")
                .register(registry);
        for (String model : new String[] {"champion", "challenger"}) {
            boolean champion = model.equals("champion");
            Gauge.builder("sentiment.challenger.accuracy", this,
                            m -> nan(champion ? m.snapshot().championAccuracy() : m.snapshot().challengerAccuracy()))
                    .description("accuracy on the labelled reviews both models scored").tag("model", model)
                    .register(registry);
            Gauge.builder("sentiment.challenger.brier", this,
                            m -> nan((champion ? m.snapshot().championCalibration()
                                    : m.snapshot().challengerCalibration()).brier()))
                    .description("Brier score on the labelled reviews both models scored").tag("model", model)
                    .register(registry);
            Gauge.builder("sentiment.challenger.ece", this,
                            m -> nan((champion ? m.snapshot().championCalibration()
                                    : m.snapshot().challengerCalibration()).expectedCalibrationError()))
                    .description("expected calibration error on the labelled reviews both models scored")
                    .tag("model", model).register(registry);
            Gauge.builder("sentiment.challenger.nanos.per.review", this,
                            m -> nan(champion ? m.snapshot().championNanosPerReview()
                                    : m.snapshot().challengerNanosPerReview()))
                    .description("scoring time per review of the batches both models scored").tag("model", model)
                    .register(registry);
        }
        this.failures = Counter.builder("sentiment.challenger.failures")
                .description("batches the challenger failed on (the champion's results are unaffected)")
                .register(registry);
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }

    /**
     * Counts one compared batch: its comparisons, and the champion's and challenger's time over it.
     * A new challenger starts the counts again.
     */
    public synchronized void batchCompared(Iterable<ChallengerComparison> comparisons, int reviews,
                                           long championBatchNanos, long challengerBatchNanos) {
        for (ChallengerComparison c : comparisons) {
            if (!c.challenger().model().equals(challenger)) {
                reset(c.challenger().model());
            }
            compared++;
            agreed += c.agree() ? 1 : 0;
            if (c.label() != null) {
                boolean positive = c.label().equals("pos");
                labelled++;
                championCorrect += c.champion().label().equals(c.label()) ? 1 : 0;
                challengerCorrect += c.challenger().label().equals(c.label()) ? 1 : 0;
                championCalibration = championCalibration.add(c.champion().probability(), positive);
                challengerCalibration = challengerCalibration.add(c.challenger().probability(), positive);
            }
        }
        if (reviews > 0) {
            championNanos += championBatchNanos;
            challengerNanos += challengerBatchNanos;
        }
    }

    private void reset(String model) {
        challenger = model;
        compared = agreed = labelled = championCorrect = challengerCorrect = 0;
        championNanos = challengerNanos = 0;
        championCalibration = challengerCalibration = Calibration.EMPTY;
    }

    /** Counts a batch the challenger failed on. */
    public void failed() {
        if (failures != null) {
            failures.increment();
        }
    }

    /** The counts now. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(challenger, compared, agreed, labelled, championCorrect, challengerCorrect,
                championCalibration, challengerCalibration, championNanos, challengerNanos);
    }

    /**
     * The comparison so far.
     *
     * @param challenger            the challenger compared ({@code null} before the first)
     * @param compared              reviews both scored
     * @param agreed                of them, reviews where both predicted the same
     * @param labelled              of them, reviews with a true label
     * @param championCorrect       labelled reviews the champion got right
     * @param challengerCorrect     labelled reviews the challenger got right
     * @param championCalibration   the champion's calibration on the labelled reviews
     * @param challengerCalibration the challenger's calibration on the labelled reviews
     * @param championNanos         the champion's scoring time over the compared reviews
     * @param challengerNanos       the challenger's scoring time over the compared reviews
     */
    public record Snapshot(String challenger, long compared, long agreed, long labelled, long championCorrect,
                           long challengerCorrect, Calibration championCalibration, Calibration challengerCalibration,
                           long championNanos, long challengerNanos) {

        /** Share of agreement, {@code null} before any comparison. */
        public Double agreement() {
            return compared == 0 ? null : (double) agreed / compared;
        }

        /** The champion's accuracy, {@code null} without labels. */
        public Double championAccuracy() {
            return labelled == 0 ? null : (double) championCorrect / labelled;
        }

        /** The challenger's accuracy, {@code null} without labels. */
        public Double challengerAccuracy() {
            return labelled == 0 ? null : (double) challengerCorrect / labelled;
        }

        /** The champion's scoring time per review, {@code null} before any comparison. */
        public Double championNanosPerReview() {
            return compared == 0 ? null : (double) championNanos / compared;
        }

        /** The challenger's scoring time per review, {@code null} before any comparison. */
        public Double challengerNanosPerReview() {
            return compared == 0 ? null : (double) challengerNanos / compared;
        }
    }
}
