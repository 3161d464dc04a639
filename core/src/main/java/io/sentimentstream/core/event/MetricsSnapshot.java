package io.sentimentstream.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sentimentstream.core.drift.Calibration;
import io.sentimentstream.core.drift.DriftCounts;
import io.sentimentstream.core.drift.ReferenceProfile;
import io.sentimentstream.core.metrics.BinaryConfusion;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * Rolling quality of the scores on the {@code sentiment-metrics} topic: one snapshot per time
 * window (by the reviews' record timestamps) and one cumulative since the application started,
 * per model. Accuracy, precision, recall and F1 (of the positive class) count only reviews with a
 * known label and are {@code null} while there is none; positive rate and mean probability count
 * every scored review.
 *
 * <p>Labels count whether they came inside the review or later on the labels topic; a window
 * counts a late label in the window of its review's scoring time, and a window already closed
 * is written again with the correction ({@code corrected}). {@link Quality} adds label coverage
 * and delay, calibration and the drift statistics against the model's reference profile. A
 * challenger's snapshots (its own model version) add its agreement with the champion.
 *
 * @param kind            {@link Kind#WINDOW} or {@link Kind#CUMULATIVE}
 * @param windowStart     inclusive start of the window; {@code null} when cumulative
 * @param windowEnd       exclusive end of the window; {@code null} when cumulative
 * @param count           reviews scored
 * @param confusion       outcomes of the labelled reviews
 * @param positiveCount   reviews predicted positive (labelled or not)
 * @param probabilitySum  sum of the positive probabilities of all scored reviews
 * @param model           the model that scored them
 * @param closed          true when the window is past its grace period and will not change
 * @param emittedAt       when this snapshot was written
 * @param quality         labels joined later, calibration, drift
 */
public record MetricsSnapshot(Kind kind, Instant windowStart, Instant windowEnd, long count,
                              BinaryConfusion confusion, long positiveCount, double probabilitySum,
                              ModelRef model, boolean closed, Instant emittedAt, Quality quality) {

    /** A snapshot without quality figures (labels inside the reviews only). */
    public MetricsSnapshot(Kind kind, Instant windowStart, Instant windowEnd, long count, BinaryConfusion confusion,
                           long positiveCount, double probabilitySum, ModelRef model, boolean closed,
                           Instant emittedAt) {
        this(kind, windowStart, windowEnd, count, confusion, positiveCount, probabilitySum, model, closed, emittedAt,
                Quality.NONE);
    }

    /**
     * What the evaluation adds to the counts.
     *
     * @param labelsJoinedLater labels that came on the labels topic and were joined with this
     *                          window's predictions (also counted in the confusion)
     * @param labelDelaySumMs   sum of their delays: label record time minus review record time (0
     *                          for a label that came first)
     * @param labelDelayMaxMs   the longest of those delays
     * @param calibration       probabilities against labels, all labelled reviews
     * @param drift             the histograms of every scored review
     * @param distance          their distance to the model's reference profile ({@link
     *                          ReferenceProfile.Distance#NONE} without one)
     * @param corrected         a window written again after it closed, because late labels came
     * @param compared          a challenger's snapshot: its reviews the champion scored too (0 for
     *                          the champion's, which are compared in the challenger's)
     * @param agreed            of those, the reviews where both predicted the same
     */
    public record Quality(long labelsJoinedLater, long labelDelaySumMs, long labelDelayMaxMs, Calibration calibration,
                          DriftCounts drift, ReferenceProfile.Distance distance, boolean corrected, long compared,
                          long agreed) {

        /** No quality figures. */
        public static final Quality NONE = new Quality(0, 0, 0, Calibration.EMPTY, DriftCounts.EMPTY,
                ReferenceProfile.Distance.NONE, false);

        /** Figures of a model compared with no other (a champion's). */
        public Quality(long labelsJoinedLater, long labelDelaySumMs, long labelDelayMaxMs, Calibration calibration,
                       DriftCounts drift, ReferenceProfile.Distance distance, boolean corrected) {
            this(labelsJoinedLater, labelDelaySumMs, labelDelayMaxMs, calibration, drift, distance, corrected, 0, 0);
        }

        /** Share of the compared reviews where the challenger agreed with the champion, {@code null} when none. */
        public Double agreement() {
            return compared == 0 ? null : (double) agreed / compared;
        }

        /** Checks the parts. */
        public Quality {
            Objects.requireNonNull(calibration, "calibration");
            Objects.requireNonNull(drift, "drift");
            Objects.requireNonNull(distance, "distance");
        }

        /** Mean delay of the labels joined later, or {@code null} when none. */
        public Double labelDelayMeanMs() {
            return labelsJoinedLater == 0 ? null : (double) labelDelaySumMs / labelsJoinedLater;
        }
    }

    /** What a snapshot covers. */
    public enum Kind {
        /** One time window. */
        WINDOW,
        /** Everything since the application (id) started. */
        CUMULATIVE;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks the required parts. */
    public MetricsSnapshot {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(confusion, "confusion");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(emittedAt, "emittedAt");
        quality = quality == null ? Quality.NONE : quality;
        if (kind == Kind.WINDOW && (windowStart == null || windowEnd == null)) {
            throw new IllegalArgumentException("a window snapshot needs its start and end");
        }
    }

    /** Reviews scored that had a known label. */
    public long labelledCount() {
        return confusion.total();
    }

    /** Labelled reviews predicted correctly. */
    public long correctCount() {
        return confusion.truePositives() + confusion.trueNegatives();
    }

    /** Accuracy over the labelled reviews, or {@code null} when there is none. */
    public Double accuracy() {
        return labelledCount() == 0 ? null : confusion.accuracy();
    }

    /** Precision of the positive class, or {@code null} when there is no labelled review. */
    public Double precision() {
        return labelledCount() == 0 ? null : confusion.precision();
    }

    /** Recall of the positive class, or {@code null} when there is no labelled review. */
    public Double recall() {
        return labelledCount() == 0 ? null : confusion.recall();
    }

    /** F1 of the positive class, or {@code null} when there is no labelled review. */
    public Double f1() {
        return labelledCount() == 0 ? null : confusion.f1();
    }

    /** Share of all scored reviews predicted positive (0 when none). */
    public double positiveRate() {
        return count == 0 ? 0.0 : (double) positiveCount / count;
    }

    /** Share of the scored reviews whose label is known, or {@code null} when none was scored. */
    public Double labelCoverage() {
        return count == 0 ? null : (double) labelledCount() / count;
    }

    /** Mean positive probability of all scored reviews (0 when none). */
    public double meanProbability() {
        return count == 0 ? 0.0 : probabilitySum / count;
    }

    /** The JSON value written to the topic. */
    public byte[] toJson() {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("kind", kind.json());
        node.put("window_start", windowStart == null ? null : windowStart.toString());
        node.put("window_end", windowEnd == null ? null : windowEnd.toString());
        node.put("count", count);
        node.put("labelled_count", labelledCount());
        node.put("correct_count", correctCount());
        node.put("accuracy", accuracy());
        node.put("precision", precision());
        node.put("recall", recall());
        node.put("f1", f1());
        node.put("positive_rate", positiveRate());
        node.put("mean_probability", meanProbability());
        node.put("positive_count", positiveCount);
        node.put("probability_sum", probabilitySum);
        ObjectNode counts = node.putObject("confusion");
        counts.put("tp", confusion.truePositives());
        counts.put("fp", confusion.falsePositives());
        counts.put("tn", confusion.trueNegatives());
        counts.put("fn", confusion.falseNegatives());
        ObjectNode modelNode = node.putObject("model");
        modelNode.put("name", model.name());
        modelNode.put("version", model.version());
        node.put("closed", closed);
        node.put("emitted_at", emittedAt.toString());
        node.put("label_coverage", labelCoverage());
        node.put("labels_joined_later", quality.labelsJoinedLater());
        node.put("label_delay_mean_ms", quality.labelDelayMeanMs());
        node.put("label_delay_sum_ms", quality.labelDelaySumMs());
        node.put("label_delay_max_ms", quality.labelsJoinedLater() == 0 ? null : quality.labelDelayMaxMs());
        node.put("brier", quality.calibration().brier());
        node.put("ece", quality.calibration().expectedCalibrationError());
        node.put("corrected", quality.corrected());
        if (quality.compared() > 0) {
            ObjectNode challenger = node.putObject("challenger");
            challenger.put("compared", quality.compared());
            challenger.put("agreed", quality.agreed());
            challenger.put("agreement", quality.agreement());
        }
        ObjectNode calibration = node.putObject("calibration");
        longs(calibration.putArray("count"), quality.calibration().count());
        ArrayNode sums = calibration.putArray("probability_sum");
        for (double sum : quality.calibration().probabilitySum()) {
            sums.add(sum);
        }
        longs(calibration.putArray("positives"), quality.calibration().positives());
        calibration.put("brier_sum", quality.calibration().brierSum());
        ObjectNode drift = node.putObject("drift");
        DriftCounts histograms = quality.drift();
        longs(drift.putArray("probability_histogram"), histograms.probability());
        longs(drift.putArray("length_histogram"), histograms.length());
        longs(drift.putArray("unknown_histogram"), histograms.unknown());
        drift.put("positives", histograms.positives());
        drift.put("tokens", histograms.tokens());
        drift.put("unknown_tokens", histograms.unknownTokens());
        drift.put("unknown_share", histograms.unknownShare());
        ReferenceProfile.Distance distance = quality.distance();
        drift.put("probability_psi", distance.probabilityPsi());
        drift.put("length_psi", distance.lengthPsi());
        drift.put("unknown_psi", distance.unknownPsi());
        drift.put("positive_rate_gap", distance.positiveRateGap());
        drift.put("unknown_share_gap", distance.unknownShareGap());
        try {
            return EventJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /**
     * Reads a value written by {@link #toJson()} (the derived rates are recomputed from the counts).
     *
     * @throws IllegalArgumentException when the value is not a metrics snapshot
     */
    public static MetricsSnapshot fromJson(byte[] json) {
        try {
            JsonNode node = EventJson.mapper().readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("a metrics snapshot must be a JSON object");
            }
            JsonNode counts = required(node, "confusion");
            JsonNode model = required(node, "model");
            return new MetricsSnapshot(
                    Kind.valueOf(required(node, "kind").asText().toUpperCase(Locale.ROOT)),
                    instant(node.get("window_start")),
                    instant(node.get("window_end")),
                    required(node, "count").asLong(),
                    new BinaryConfusion(required(counts, "tp").asLong(), required(counts, "fp").asLong(),
                            required(counts, "tn").asLong(), required(counts, "fn").asLong()),
                    required(node, "positive_count").asLong(),
                    required(node, "probability_sum").asDouble(),
                    new ModelRef(required(model, "name").asText(), required(model, "version").asText()),
                    node.path("closed").asBoolean(false),
                    Instant.parse(required(node, "emitted_at").asText()),
                    quality(node));
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a metrics snapshot: " + e.getMessage(), e);
        }
    }

    /** The quality figures; a snapshot written before they existed has none. */
    private static Quality quality(JsonNode node) {
        JsonNode drift = node.get("drift");
        JsonNode calibration = node.get("calibration");
        if (drift == null || calibration == null) {
            return Quality.NONE;
        }
        double[] sums = new double[calibration.path("probability_sum").size()];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = calibration.path("probability_sum").get(i).asDouble();
        }
        return new Quality(node.path("labels_joined_later").asLong(), node.path("label_delay_sum_ms").asLong(),
                node.path("label_delay_max_ms").asLong(),
                new Calibration(longs(calibration.path("count")), sums, longs(calibration.path("positives")),
                        calibration.path("brier_sum").asDouble()),
                new DriftCounts(longs(drift.path("probability_histogram")), longs(drift.path("length_histogram")),
                        longs(drift.path("unknown_histogram")), drift.path("positives").asLong(),
                        drift.path("tokens").asLong(), drift.path("unknown_tokens").asLong()),
                new ReferenceProfile.Distance(number(drift.get("probability_psi")), number(drift.get("length_psi")),
                        number(drift.get("unknown_psi")), number(drift.get("positive_rate_gap")),
                        number(drift.get("unknown_share_gap"))),
                node.path("corrected").asBoolean(false), node.path("challenger").path("compared").asLong(),
                node.path("challenger").path("agreed").asLong());
    }

    private static Double number(JsonNode node) {
        return node == null || node.isNull() ? null : node.asDouble();
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    private static void longs(ArrayNode array, long[] values) {
        for (long value : values) {
            array.add(value);
        }
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("a metrics snapshot needs \"" + field + "\"");
        }
        return value;
    }
}
