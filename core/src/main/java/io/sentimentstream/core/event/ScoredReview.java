package io.sentimentstream.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentimentstream.core.data.Sentiment;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A scored review on the {@code reviews-scored} topic, keyed like its input:
 * <pre>{"id": "...", "sentiment": "pos", "probability": 0.93, "label": "pos", "correct": true,
 *  "model": {"name": "...", "version": "..."}, "scored_at": "2026-01-01T00:00:00Z",
 *  "latency_ms": 12, ...carried fields}</pre>
 * {@code label} and {@code correct} are present only when the input had a label. Carried fields
 * follow the scorer's; a carried field with the name of one of the scorer's fields is dropped
 * (the scorer's wins), see {@link #RESERVED}.
 *
 * @param id          the review's id
 * @param sentiment   the predicted sentiment
 * @param probability the model's probability that the review is positive, in [0, 1]
 * @param label       the known sentiment, or {@code null}
 * @param model       the model that scored it
 * @param scoredAt    when it was scored
 * @param latencyMs   milliseconds from the application reading the review to scoring it
 *                    (batching wait included)
 * @param carried     the input's other fields, in order (unmodifiable)
 */
public record ScoredReview(String id, Sentiment sentiment, double probability, Sentiment label, ModelRef model,
                           Instant scoredAt, long latencyMs, Map<String, JsonNode> carried) {

    /** Field names the scorer writes; carried fields with these names are not copied. */
    public static final Set<String> RESERVED = Set.of("id", "sentiment", "probability", "label", "correct",
            "model", "scored_at", "latency_ms");

    /** Checks the required parts and freezes the carried fields (dropping reserved names). */
    public ScoredReview {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sentiment, "sentiment");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(scoredAt, "scoredAt");
        Map<String, JsonNode> kept = new LinkedHashMap<>();
        if (carried != null) {
            carried.forEach((name, value) -> {
                if (!RESERVED.contains(name)) {
                    kept.put(name, value);
                }
            });
        }
        carried = Collections.unmodifiableMap(kept);
    }

    /** Whether the prediction matches the known label; {@code null} when there is no label. */
    public Boolean correct() {
        return label == null ? null : label == sentiment;
    }

    /** The JSON value written to the topic. */
    public byte[] toJson() {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("id", id);
        node.put("sentiment", sentiment.label());
        node.put("probability", probability);
        if (label != null) {
            node.put("label", label.label());
            node.put("correct", correct());
        }
        ObjectNode modelNode = node.putObject("model");
        modelNode.put("name", model.name());
        modelNode.put("version", model.version());
        node.put("scored_at", scoredAt.toString());
        node.put("latency_ms", latencyMs);
        carried.forEach(node::set);
        try {
            return EventJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /**
     * Reads a value written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the value is not a scored review
     */
    public static ScoredReview fromJson(byte[] json) {
        try {
            JsonNode node = EventJson.mapper().readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("a scored review must be a JSON object");
            }
            Map<String, JsonNode> carried = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!RESERVED.contains(field.getKey())) {
                    carried.put(field.getKey(), field.getValue());
                }
            }
            JsonNode model = required(node, "model");
            JsonNode label = node.get("label");
            return new ScoredReview(
                    required(node, "id").asText(),
                    sentiment(required(node, "sentiment").asText()),
                    required(node, "probability").asDouble(),
                    label == null || label.isNull() ? null : sentiment(label.asText()),
                    new ModelRef(required(model, "name").asText(), required(model, "version").asText()),
                    Instant.parse(required(node, "scored_at").asText()),
                    required(node, "latency_ms").asLong(),
                    carried);
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a scored review: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("a scored review needs \"" + field + "\"");
        }
        return value;
    }

    private static Sentiment sentiment(String text) {
        return Sentiment.parse(text)
                .orElseThrow(() -> new IllegalArgumentException("unknown sentiment '" + text + "'"));
    }
}
