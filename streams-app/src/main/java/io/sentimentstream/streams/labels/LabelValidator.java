package io.sentimentstream.streams.labels;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.EventJson;
import io.sentimentstream.core.event.InvalidReviewException;
import io.sentimentstream.core.event.RejectionReason;
import io.sentimentstream.core.event.ReviewLimits;
import io.sentimentstream.streams.metrics.ScoringMetrics;
import io.sentimentstream.streams.topology.DeadLetter;
import io.sentimentstream.streams.topology.ReviewValidator;
import io.sentimentstream.streams.topology.SourcePosition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads a record of the labels topic: key = review id, value {@code {"id": ..., "label": ...}}
 * (the JSON {@code id} wins over the key, as for reviews) or the label as plain text
 * ({@code pos}, {@code neg}, {@code positive}, {@code negative}, {@code 1}, {@code 0}). Anything
 * else becomes a dead letter with its reason; nothing stops the application.
 */
public final class LabelValidator implements FixedKeyProcessor<Bytes, byte[], LabelResult> {

    private final ScoringMetrics metrics;
    private final ReviewLimits limits;
    private final int maxValueBytes;
    private final int maxRecordBytes;
    private FixedKeyProcessorContext<Bytes, LabelResult> context;

    /** A validator within the review key and id limits and {@code maxValueBytes} per label. */
    public LabelValidator(ScoringMetrics metrics, ReviewLimits limits, int maxValueBytes, int maxRecordBytes) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.maxValueBytes = maxValueBytes;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** A supplier for the topology. */
    public static FixedKeyProcessorSupplier<Bytes, byte[], LabelResult> supplier(ScoringMetrics metrics,
                                                                                ReviewLimits limits, int maxValueBytes,
                                                                                int maxRecordBytes) {
        return () -> new LabelValidator(metrics, limits, maxValueBytes, maxRecordBytes);
    }

    @Override
    public void init(FixedKeyProcessorContext<Bytes, LabelResult> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<Bytes, byte[]> record) {
        SourcePosition source = context.recordMetadata()
                .map(m -> new SourcePosition(m.topic(), m.partition(), m.offset()))
                .orElse(SourcePosition.UNKNOWN);
        byte[] key = record.key() == null ? null : record.key().get();
        try {
            LabelArrival label = parse(key, record.value(), source);
            context.forward(record.withValue(new LabelResult.Accepted(label)));
        } catch (InvalidReviewException e) {
            metrics.deadLetter(e.reason());
            DeadLetter deadLetter = DeadLetter.of(key, record.value(), record.headers(), e.reason(), e, false, source,
                    maxRecordBytes);
            context.forward(record.withValue((LabelResult) new LabelResult.Rejected(deadLetter))
                    .withHeaders(deadLetter.headers()));
        }
    }

    /** The label of one record, or why it is none. */
    LabelArrival parse(byte[] key, byte[] value, SourcePosition source) throws InvalidReviewException {
        if (value == null) {
            throw new InvalidReviewException(RejectionReason.NULL_VALUE, "a label record needs a value");
        }
        if (value.length > maxValueBytes) {
            throw new InvalidReviewException(RejectionReason.VALUE_TOO_LARGE, "the label record has " + value.length
                    + " bytes, more than the " + maxValueBytes + " allowed (labels.max.bytes)");
        }
        if (key != null && key.length > limits.maxKeyBytes()) {
            throw new InvalidReviewException(RejectionReason.KEY_TOO_LARGE, "the key has " + key.length
                    + " bytes, more than the " + limits.maxKeyBytes() + " allowed");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString().strip();
        } catch (CharacterCodingException e) {
            throw new InvalidReviewException(RejectionReason.INVALID_UTF8, "the label is not UTF-8");
        }
        String id = key == null || key.length == 0 ? null
                : ReviewValidator.fallbackId(Bytes.wrap(key), SourcePosition.UNKNOWN);
        if ("unknown".equals(id)) {
            id = null;
        }
        Sentiment label;
        if (text.startsWith("{")) {
            JsonNode node;
            try {
                // The review budget's depth, refused while parsing: a label is never deeper than a review.
                node = EventJson.mapperWithMaxDepth(limits.maxDepth()).readTree(text);
            } catch (StreamConstraintsException e) {
                throw new InvalidReviewException(RejectionReason.TOO_DEEP, "the label is nested deeper than "
                        + limits.maxDepth() + " levels");
            } catch (IOException e) {
                throw new InvalidReviewException(RejectionReason.INVALID_JSON, "the label is not valid JSON");
            }
            if (node == null || !node.isObject()) {
                throw new InvalidReviewException(RejectionReason.INVALID_JSON, "the label is not one JSON object");
            }
            JsonNode idNode = node.get("id");
            if (idNode != null && !idNode.isNull()) {
                if (!idNode.isTextual() && !idNode.isIntegralNumber()) {
                    throw new InvalidReviewException(RejectionReason.INVALID_LABEL, "the label's id must be a string"
                            + " or an integer");
                }
                id = idNode.asText();
            }
            JsonNode labelNode = node.get("label");
            if (labelNode == null || labelNode.isNull()) {
                throw new InvalidReviewException(RejectionReason.INVALID_LABEL, "the label record has no \"label\"");
            }
            if (!labelNode.isTextual() && !labelNode.isIntegralNumber()) {
                throw new InvalidReviewException(RejectionReason.INVALID_LABEL, "\"label\" must be a string");
            }
            label = sentiment(labelNode.asText());
        } else {
            label = sentiment(text);
        }
        if (id == null || id.isEmpty()) {
            throw new InvalidReviewException(RejectionReason.INVALID_LABEL,
                    "the label names no review: no key and no \"id\"");
        }
        if (id.length() > limits.maxIdChars()) {
            throw new InvalidReviewException(RejectionReason.ID_TOO_LONG, "the id has " + id.length()
                    + " characters, more than the " + limits.maxIdChars() + " allowed");
        }
        return new LabelArrival(id, label, key, source);
    }

    private static Sentiment sentiment(String text) throws InvalidReviewException {
        Optional<Sentiment> parsed = Sentiment.parse(text.strip());
        if (parsed.isEmpty()) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
            throw new InvalidReviewException(RejectionReason.UNKNOWN_LABEL, "unknown label '" + shown
                    + "' (pos, neg, positive, negative, 1 or 0)");
        }
        return parsed.get();
    }
}
