package io.sentimentstream.streams.drift;

import io.sentimentstream.core.event.MetricsSnapshot;
import java.util.Locale;

/** The alarms, what each compares and with which threshold. */
public enum AlarmKind {
    /** The positive probabilities are distributed unlike the reference's (PSI). */
    PROBABILITY_DRIFT(true),
    /** Reviews are much shorter or longer than the reference's (PSI of the length histogram). */
    LENGTH_DRIFT(true),
    /** Reviews use words the vocabulary does not know unlike the reference's (PSI of the unknown-word share). */
    UNKNOWN_WORDS_DRIFT(true),
    /** The share predicted positive moved away from the reference's. */
    POSITIVE_RATE(true),
    /** Accuracy on the window's labelled reviews fell under the minimum. */
    ACCURACY(false),
    /** The probabilities no longer match how often reviews are positive (expected calibration error). */
    CALIBRATION(false);

    private final boolean drift;

    AlarmKind(boolean drift) {
        this.drift = drift;
    }

    /** The name on the alerts topic and in metrics, e.g. {@code probability_drift}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the alarm compares with the reference profile (and needs one). */
    public boolean needsProfile() {
        return drift;
    }

    /**
     * The statistic this alarm judges in {@code window}, or {@code null} when the window has too
     * little data (or, for drift, there is no reference).
     */
    public Double statistic(MetricsSnapshot window, AlarmThresholds thresholds) {
        if (drift) {
            if (window.count() < thresholds.minReviews()) {
                return null;
            }
            var distance = window.quality().distance();
            return switch (this) {
                case PROBABILITY_DRIFT -> distance.probabilityPsi();
                case LENGTH_DRIFT -> distance.lengthPsi();
                case UNKNOWN_WORDS_DRIFT -> distance.unknownPsi();
                default -> distance.positiveRateGap() == null ? null : Math.abs(distance.positiveRateGap());
            };
        }
        if (window.labelledCount() < thresholds.minLabelled()) {
            return null;
        }
        return this == ACCURACY ? window.accuracy() : window.quality().calibration().expectedCalibrationError();
    }

    /** The threshold of this alarm. */
    public double threshold(AlarmThresholds thresholds) {
        return switch (this) {
            case PROBABILITY_DRIFT, LENGTH_DRIFT, UNKNOWN_WORDS_DRIFT -> thresholds.psi();
            case POSITIVE_RATE -> thresholds.positiveRateGap();
            case ACCURACY -> thresholds.accuracyMin();
            case CALIBRATION -> thresholds.eceMax();
        };
    }

    /** Whether {@code value} is on the wrong side of the threshold. */
    public boolean breached(double value, AlarmThresholds thresholds) {
        return this == ACCURACY ? value < thresholds.accuracyMin() : value > threshold(thresholds);
    }
}
