package io.sentimentstream.streams.topology;

import io.sentimentstream.core.event.InvalidReviewException;
import io.sentimentstream.core.event.RejectionReason;
import io.sentimentstream.core.event.ReviewEvent;
import io.sentimentstream.streams.metrics.ScoringMetrics;
import io.sentimentstream.streams.scoring.ReviewScorer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses, validates and encodes each input record with the model's own settings. A valid review
 * goes on as {@link ValidationResult.Accepted}; bad input (see {@link ReviewEvent#parse}) becomes a
 * {@link ValidationResult.Rejected} carrying the original value, with the original headers plus
 * the dead-letter headers, so nothing about it is lost and nothing stops the application.
 */
public final class ReviewValidator implements FixedKeyProcessor<Bytes, byte[], ValidationResult> {

    private final Supplier<ReviewScorer> scorers;
    private final ScoringMetrics metrics;
    private FixedKeyProcessorContext<Bytes, ValidationResult> context;

    /** A validator encoding with the calling thread's scorer. */
    public ReviewValidator(Supplier<ReviewScorer> scorers, ScoringMetrics metrics) {
        this.scorers = Objects.requireNonNull(scorers, "scorers");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** A supplier of validators for the topology. */
    public static FixedKeyProcessorSupplier<Bytes, byte[], ValidationResult> supplier(
            Supplier<ReviewScorer> scorers, ScoringMetrics metrics) {
        return () -> new ReviewValidator(scorers, metrics);
    }

    @Override
    public void init(FixedKeyProcessorContext<Bytes, ValidationResult> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<Bytes, byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        ReviewEvent event;
        try {
            event = ReviewEvent.parse(record.value(), fallbackId(record.key(), source));
        } catch (InvalidReviewException e) {
            reject(record, source, e.reason(), e, false);
            return;
        }
        ReviewScorer scorer = scorers.get();
        int[] encoded;
        try {
            encoded = scorer.encode(event.text());
        } catch (RuntimeException e) {
            // Encoding is pure text processing: if it fails, the text is to blame, not the system.
            reject(record, source, RejectionReason.ENCODING_FAILED, e, true);
            return;
        }
        PendingReview pending = new PendingReview(event, encoded, scorer.model().toString(),
                context.currentSystemTimeMs());
        context.forward(record.withValue(new ValidationResult.Accepted(pending)));
    }

    private void reject(FixedKeyRecord<Bytes, byte[]> record, RecordMetadata source, RejectionReason reason,
                        Exception error, boolean stackTrace) {
        metrics.deadLetter(reason);
        context.forward(record
                .withValue((ValidationResult) new ValidationResult.Rejected(record.value(), reason))
                .withHeaders(DeadLetters.headers(record.headers(), reason, error, stackTrace,
                        source == null ? null : source.topic(),
                        source == null ? -1 : source.partition(),
                        source == null ? -1 : source.offset())));
    }

    /**
     * The id of a review whose value names none: the key when it is UTF-8 text, else the record's
     * coordinates, which are unique and the same when the record is processed again.
     */
    static String fallbackId(Bytes key, RecordMetadata source) {
        if (key != null && key.get().length > 0) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(key.get())).toString();
            } catch (CharacterCodingException e) {
                // fall through to the coordinates
            }
        }
        return source == null ? "unknown" : source.topic() + "-" + source.partition() + "-" + source.offset();
    }
}
