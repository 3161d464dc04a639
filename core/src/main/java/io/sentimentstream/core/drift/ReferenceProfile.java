package io.sentimentstream.core.drift;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * What the model's input and output looked like on reviews it was validated on: the histograms of
 * {@link DriftCounts} (positive probability, positive rate, review length, share of unknown words)
 * and, with the labels, its accuracy and {@link Calibration}. Stored in the bundle manifest
 * (optional); the stream compares each metrics window with it ({@link #distance}).
 *
 * @param source      which reviews, e.g. {@code validation split (movie), seed 42}
 * @param counts      their histograms
 * @param calibration their calibration (labels known)
 * @param accuracy    accuracy on them, or {@code null} when they had no labels
 */
public record ReferenceProfile(@JsonProperty("source") String source, @JsonProperty("counts") DriftCounts counts,
                               @JsonProperty("calibration") Calibration calibration,
                               @JsonProperty("accuracy") Double accuracy) {

    /** Checks the parts. */
    public ReferenceProfile {
        Objects.requireNonNull(counts, "counts");
        calibration = calibration == null ? Calibration.EMPTY : calibration;
        if (counts.reviews() == 0) {
            throw new IllegalArgumentException("a reference profile needs at least one review");
        }
    }

    /** Reviews the profile was computed from. */
    public long reviews() {
        return counts.reviews();
    }

    /** How far {@code live} is from this reference. */
    public Distance distance(DriftCounts live) {
        if (live.reviews() == 0) {
            return Distance.NONE;
        }
        return new Distance(
                PopulationStability.index(counts.probability(), live.probability()),
                PopulationStability.index(counts.length(), live.length()),
                PopulationStability.index(counts.unknown(), live.unknown()),
                live.positiveRate() - counts.positiveRate(),
                live.unknownShare() - counts.unknownShare());
    }

    /**
     * The distance of live counts to a reference; each part {@code null} when there was nothing
     * to compare.
     *
     * @param probabilityPsi  population stability index of the probability histograms
     * @param lengthPsi       ... of the review length histograms
     * @param unknownPsi      ... of the unknown-word share histograms
     * @param positiveRateGap live positive rate minus the reference's
     * @param unknownShareGap live share of unknown tokens minus the reference's
     */
    public record Distance(Double probabilityPsi, Double lengthPsi, Double unknownPsi, Double positiveRateGap,
                           Double unknownShareGap) {
        /** Nothing compared. */
        public static final Distance NONE = new Distance(null, null, null, null, null);
    }
}
