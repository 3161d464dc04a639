package io.sentimentstream.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 */
public record MetricsSnapshot(Kind kind, Instant windowStart, Instant windowEnd, long count,
                              BinaryConfusion confusion, long positiveCount, double probabilitySum,
                              ModelRef model, boolean closed, Instant emittedAt) {

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
                    Instant.parse(required(node, "emitted_at").asText()));
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a metrics snapshot: " + e.getMessage(), e);
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
