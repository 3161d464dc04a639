package io.sentimentstream.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * An alarm raised or cleared, on the {@code sentiment-alerts} topic, keyed
 * {@code <model>@<version>/<alarm>}:
 * <pre>{"alarm": "probability_drift", "state": "raised", "model": {"name", "version"},
 *  "value": 0.41, "threshold": 0.25, "window_start": "...", "window_end": "...",
 *  "message": "...", "at": "..."}</pre>
 *
 * @param alarm       which alarm, e.g. {@code accuracy}
 * @param raised      true when raised, false when cleared
 * @param model       the model the window belongs to
 * @param value       the statistic that decided
 * @param threshold   the threshold it was compared with
 * @param windowStart start of the window that decided
 * @param windowEnd   end of that window
 * @param message     one line for people
 * @param at          when it was decided
 */
public record AlertEvent(String alarm, boolean raised, ModelRef model, double value, double threshold,
                         Instant windowStart, Instant windowEnd, String message, Instant at) {

    /** Checks the parts. */
    public AlertEvent {
        Objects.requireNonNull(alarm, "alarm");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(at, "at");
    }

    /** The record key: {@code <model>@<version>/<alarm>}. */
    public String key() {
        return model + "/" + alarm;
    }

    /** The JSON value written to the topic. */
    public byte[] toJson() {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("alarm", alarm);
        node.put("state", raised ? "raised" : "cleared");
        ObjectNode modelNode = node.putObject("model");
        modelNode.put("name", model.name());
        modelNode.put("version", model.version());
        node.put("value", value);
        node.put("threshold", threshold);
        node.put("window_start", windowStart == null ? null : windowStart.toString());
        node.put("window_end", windowEnd == null ? null : windowEnd.toString());
        node.put("message", message);
        node.put("at", at.toString());
        try {
            return EventJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /**
     * Reads a value written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the value is not an alert
     */
    public static AlertEvent fromJson(byte[] json) {
        try {
            JsonNode node = EventJson.mapper().readTree(json);
            if (node == null || !node.isObject() || !node.hasNonNull("alarm") || !node.hasNonNull("model")) {
                throw new IllegalArgumentException("not an alert");
            }
            JsonNode model = node.get("model");
            return new AlertEvent(node.get("alarm").asText(), "raised".equals(node.path("state").asText()),
                    new ModelRef(model.path("name").asText(), model.path("version").asText()),
                    node.path("value").asDouble(), node.path("threshold").asDouble(),
                    instant(node.get("window_start")), instant(node.get("window_end")),
                    node.path("message").asText(null), Instant.parse(node.path("at").asText()));
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalArgumentException("not an alert: " + e.getMessage(), e);
        }
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }
}
