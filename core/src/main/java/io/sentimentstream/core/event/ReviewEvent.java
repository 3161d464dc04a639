package io.sentimentstream.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentimentstream.core.data.Sentiment;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A review on the {@code reviews} topic.
 *
 * <p>The value is either a JSON object {@code {"id": "...", "text": "...", "label": "pos"}} where
 * {@code id} and {@code label} are optional and every other field is carried through to the
 * scored result, or plain UTF-8 text (what a {@code kafka-console-producer} user types), which is
 * the review text itself. A value is JSON exactly when its first non-blank character is
 * <code>{</code>; a value that looks like JSON but is not valid is bad input rather than text.
 *
 * @param id      the review's id: the JSON {@code id}, else the fallback (normally the record key)
 * @param text    the raw review text, never blank
 * @param label   the known sentiment, or {@code null} when the truth is unknown
 * @param carried the other fields of a JSON value, in their original order (unmodifiable)
 */
public record ReviewEvent(String id, String text, Sentiment label, Map<String, JsonNode> carried) {

    /** JSON field holding the id. */
    public static final String ID = "id";
    /** JSON field holding the text. */
    public static final String TEXT = "text";
    /** JSON field holding the known sentiment. */
    public static final String LABEL = "label";

    /** Checks the required parts and freezes the carried fields. */
    public ReviewEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        carried = carried == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(carried));
    }

    /** A review with no carried fields. */
    public static ReviewEvent of(String id, String text, Sentiment label) {
        return new ReviewEvent(id, text, label, Map.of());
    }

    /** The known sentiment, if any. */
    public Optional<Sentiment> knownLabel() {
        return Optional.ofNullable(label);
    }

    /**
     * Parses a record value.
     *
     * @param value      the raw value, possibly {@code null}
     * @param fallbackId the id when the value has none (plain text, or JSON without {@code id})
     * @throws InvalidReviewException when the value is bad input; its reason says which kind
     */
    public static ReviewEvent parse(byte[] value, String fallbackId) throws InvalidReviewException {
        return parse(value, fallbackId, ReviewLimits.DEFAULTS);
    }

    /**
     * Parses a record value within a size and shape budget: the value's size is checked before it
     * is decoded, the nesting depth while it is parsed, the id and carried fields after.
     *
     * @param value      the raw value, possibly {@code null}
     * @param fallbackId the id when the value has none (plain text, or JSON without {@code id})
     * @param limits     the budget
     * @throws InvalidReviewException when the value is bad input or over budget; its reason says which
     */
    public static ReviewEvent parse(byte[] value, String fallbackId, ReviewLimits limits)
            throws InvalidReviewException {
        Objects.requireNonNull(fallbackId, "fallbackId");
        Objects.requireNonNull(limits, "limits");
        if (value == null) {
            throw new InvalidReviewException(RejectionReason.NULL_VALUE, "the record has no value");
        }
        if (value.length > limits.maxValueBytes()) {
            throw new InvalidReviewException(RejectionReason.VALUE_TOO_LARGE, "the value has " + value.length
                    + " bytes, more than the " + limits.maxValueBytes() + " a review may have");
        }
        String decoded = decodeUtf8(value);
        if (decoded.startsWith("\uFEFF")) {
            // A byte order mark that some editors write is not part of the review.
            decoded = decoded.substring(1);
        }
        ReviewEvent event;
        if (firstNonBlank(decoded) == '{') {
            event = parseJson(decoded, fallbackId, limits.maxDepth());
        } else if (decoded.isBlank()) {
            throw new InvalidReviewException(RejectionReason.EMPTY_TEXT, "the review text is empty");
        } else {
            event = new ReviewEvent(fallbackId, decoded, null, Map.of());
        }
        event.checkWithin(limits);
        return event;
    }

    /** The carried fields as one JSON object, the form in which every output writes them. */
    public byte[] carriedJson() {
        ObjectNode node = EventJson.mapper().createObjectNode();
        carried.forEach(node::set);
        try {
            return EventJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private void checkWithin(ReviewLimits limits) throws InvalidReviewException {
        if (id.length() > limits.maxIdChars()) {
            throw new InvalidReviewException(RejectionReason.ID_TOO_LONG, "the id has " + id.length()
                    + " characters, more than the " + limits.maxIdChars() + " allowed");
        }
        if (carried.size() > limits.maxCarriedFields()) {
            throw new InvalidReviewException(RejectionReason.TOO_MANY_FIELDS, "the review carries " + carried.size()
                    + " other fields, more than the " + limits.maxCarriedFields() + " allowed");
        }
        if (!carried.isEmpty()) {
            int size = carriedJson().length;
            if (size > limits.maxCarriedBytes()) {
                throw new InvalidReviewException(RejectionReason.FIELDS_TOO_LARGE, "the other fields take " + size
                        + " bytes as JSON, more than the " + limits.maxCarriedBytes() + " allowed");
            }
        }
    }

    /** This review with another text (the same id, label and carried fields). */
    public ReviewEvent withText(String newText) {
        return newText.equals(text) ? this : new ReviewEvent(id, newText, label, carried);
    }

    /** The JSON value a producer writes for this review (carried fields after the known ones). */
    public byte[] toJson() {
        try {
            return EventJson.mapper().writeValueAsBytes(toJsonNode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /** The JSON object a producer writes for this review (see {@link #toJson()}). */
    public ObjectNode toJsonNode() {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put(ID, id);
        node.put(TEXT, text);
        if (label != null) {
            node.put(LABEL, label.label());
        }
        carried.forEach(node::set);
        return node;
    }

    /**
     * Reads a review from a parsed JSON object, with the same rules as {@link #parse}.
     *
     * @throws InvalidReviewException when the object is not a valid review
     */
    public static ReviewEvent fromJson(JsonNode root, String fallbackId) throws InvalidReviewException {
        if (root == null || !root.isObject()) {
            throw new InvalidReviewException(RejectionReason.INVALID_JSON, "the value is not a JSON object");
        }
        JsonNode textNode = root.get(TEXT);
        if (textNode == null || textNode.isNull()) {
            throw new InvalidReviewException(RejectionReason.MISSING_TEXT, "the JSON object has no \"text\" field");
        }
        if (!textNode.isTextual()) {
            throw new InvalidReviewException(RejectionReason.INVALID_FIELD,
                    "\"text\" must be a string but is " + describe(textNode));
        }
        String text = textNode.textValue();
        if (text.isBlank()) {
            throw new InvalidReviewException(RejectionReason.EMPTY_TEXT, "the review text is empty");
        }
        Map<String, JsonNode> carried = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals(ID) && !field.getKey().equals(TEXT) && !field.getKey().equals(LABEL)) {
                carried.put(field.getKey(), field.getValue());
            }
        }
        return new ReviewEvent(parseId(root.get(ID), fallbackId), text, parseLabel(root.get(LABEL)), carried);
    }

    private static ReviewEvent parseJson(String json, String fallbackId, int maxDepth) throws InvalidReviewException {
        try {
            return fromJson(EventJson.mapperWithMaxDepth(maxDepth).readTree(json), fallbackId);
        } catch (StreamConstraintsException e) {
            throw new InvalidReviewException(RejectionReason.TOO_DEEP,
                    "the JSON value is nested deeper than " + maxDepth + " levels", e);
        } catch (JsonProcessingException e) {
            throw new InvalidReviewException(RejectionReason.INVALID_JSON,
                    "the value is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String parseId(JsonNode node, String fallbackId) throws InvalidReviewException {
        if (node == null || node.isNull()) {
            return fallbackId;
        }
        if (node.isTextual() || node.isIntegralNumber()) {
            String id = node.asText();
            return id.isBlank() ? fallbackId : id;
        }
        throw new InvalidReviewException(RejectionReason.INVALID_FIELD,
                "\"id\" must be a string or an integer but is " + describe(node));
    }

    private static Sentiment parseLabel(JsonNode node) throws InvalidReviewException {
        if (node == null || node.isNull()) {
            return null;
        }
        // Numbers are accepted as the 0/1 spelling the datasets use; anything else must be text.
        if (node.isTextual() || node.isIntegralNumber()) {
            Optional<Sentiment> label = Sentiment.parse(node.asText());
            if (label.isPresent()) {
                return label.get();
            }
        }
        throw new InvalidReviewException(RejectionReason.UNKNOWN_LABEL,
                "\"label\" must be pos or neg but is " + abbreviate(node.toString()));
    }

    private static String decodeUtf8(byte[] value) throws InvalidReviewException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new InvalidReviewException(RejectionReason.INVALID_UTF8, "the value is not valid UTF-8", e);
        }
    }

    private static int firstNonBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c;
            }
        }
        return -1;
    }

    private static String describe(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
