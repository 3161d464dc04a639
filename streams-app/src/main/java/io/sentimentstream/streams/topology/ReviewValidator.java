package io.sentimentstream.streams.topology;

import io.sentimentstream.core.event.InvalidReviewException;
import io.sentimentstream.core.event.RejectionReason;
import io.sentimentstream.core.event.ReviewEvent;
import io.sentimentstream.core.event.ReviewLimits;
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

/**
 * Checks each input record against the size and shape budget, then parses, validates and encodes
 * it with the model's own settings. A valid review goes on as {@link ValidationResult.Accepted},
 * its text cut to the part the model reads; bad input (see {@link ReviewEvent#parse}) and records
 * over budget become a {@link ValidationResult.Rejected} carrying the dead letter, so nothing
 * about them is lost and nothing stops the application.
 */
public final class ReviewValidator implements FixedKeyProcessor<Bytes, byte[], ValidationResult> {

    private final Supplier<ReviewScorer> scorers;
    private final ScoringMetrics metrics;
    private final RecordBudget budget;
    private FixedKeyProcessorContext<Bytes, ValidationResult> context;

    /** A validator encoding with the calling thread's scorer, within {@code budget}. */
    public ReviewValidator(Supplier<ReviewScorer> scorers, ScoringMetrics metrics, RecordBudget budget) {
        this.scorers = Objects.requireNonNull(scorers, "scorers");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** A supplier of validators for the topology. */
    public static FixedKeyProcessorSupplier<Bytes, byte[], ValidationResult> supplier(
            Supplier<ReviewScorer> scorers, ScoringMetrics metrics, RecordBudget budget) {
        return () -> new ReviewValidator(scorers, metrics, budget);
    }

    @Override
    public void init(FixedKeyProcessorContext<Bytes, ValidationResult> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<Bytes, byte[]> record) {
        SourcePosition source = context.recordMetadata()
                .map(m -> new SourcePosition(m.topic(), m.partition(), m.offset()))
                .orElse(SourcePosition.UNKNOWN);
        byte[] key = record.key() == null ? null : record.key().get();
        ReviewLimits limits = budget.limits();
        if (key != null && key.length > limits.maxKeyBytes()) {
            reject(record, source, new InvalidReviewException(RejectionReason.KEY_TOO_LARGE, "the key has "
                    + key.length + " bytes, more than the " + limits.maxKeyBytes() + " a review's key may have"));
            return;
        }
        ReviewEvent event;
        try {
            event = ReviewEvent.parse(record.value(), fallbackId(record.key(), source), limits);
        } catch (InvalidReviewException e) {
            reject(record, source, e);
            return;
        }
        ReviewScorer scorer = scorers.get();
        ReviewEvent kept = event.withText(scorer.window(event.text()));
        int[] encoded;
        try {
            encoded = scorer.encode(kept.text());
        } catch (RuntimeException e) {
            // Encoding is pure text processing: if it fails, the text is to blame, not the system.
            reject(record, source, RejectionReason.ENCODING_FAILED, e, true);
            return;
        }
        PendingReview pending = new PendingReview(kept, encoded, scorer.model().toString(),
                context.currentSystemTimeMs(), source);
        context.forward(record.withValue(new ValidationResult.Accepted(pending)));
    }

    private void reject(FixedKeyRecord<Bytes, byte[]> record, SourcePosition source, InvalidReviewException e) {
        reject(record, source, e.reason(), e, false);
    }

    private void reject(FixedKeyRecord<Bytes, byte[]> record, SourcePosition source, RejectionReason reason,
                        Exception error, boolean stackTrace) {
        metrics.deadLetter(reason);
        DeadLetter deadLetter = DeadLetter.of(record.key() == null ? null : record.key().get(), record.value(),
                record.headers(), reason, error, stackTrace, source, budget.maxRecordBytes());
        context.forward(record
                .withValue((ValidationResult) new ValidationResult.Rejected(deadLetter))
                .withHeaders(deadLetter.headers()));
    }

    /**
     * The id of a review whose value names none: the key when it is UTF-8 text, else the record's
     * coordinates, which are unique and the same when the record is processed again.
     */
    public static String fallbackId(Bytes key, SourcePosition source) {
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
        return source.partition() < 0 ? "unknown" : source.topic() + "-" + source.partition() + "-" + source.offset();
    }
}
