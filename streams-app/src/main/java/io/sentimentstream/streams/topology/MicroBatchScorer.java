package io.sentimentstream.streams.topology;

import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.streams.metrics.ScoringMetrics;
import io.sentimentstream.streams.scoring.ReviewScorer;
import io.sentimentstream.streams.serde.EventSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Collects valid reviews until {@code batchSize} are waiting or the oldest has waited
 * {@code maxWait}, then scores them in one network call and forwards the results in arrival order.
 *
 * <p>The waiting reviews live in a changelogged store keyed by a sequence number, not in memory:
 * under exactly-once the store's changelog is written in the same transaction as the input
 * offsets, so after a hard kill the restored store holds exactly the reviews whose offsets were
 * committed but whose results were not. Sequence numbers are non-negative longs, serialised big
 * endian, so the store iterates them in arrival order and per-partition order is kept (one task
 * reads one input partition).
 */
public final class MicroBatchScorer implements Processor<Bytes, PendingReview, Bytes, ScoredReview> {

    /** Name of the buffer store (its changelog is {@code <application.id>-scoring-buffer-changelog}). */
    public static final String BUFFER_STORE = "scoring-buffer";

    private final Supplier<ReviewScorer> scorers;
    private final ScoringMetrics metrics;
    private final int batchSize;
    private final long maxWaitMs;
    private ProcessorContext<Bytes, ScoredReview> context;
    private KeyValueStore<Long, BufferedReview> buffer;
    private long nextSequence;
    private int waiting;
    private long oldestReceivedAtMs;

    /** A scorer using the calling thread's model. */
    public MicroBatchScorer(Supplier<ReviewScorer> scorers, ScoringMetrics metrics, int batchSize, Duration maxWait) {
        if (batchSize < 1 || maxWait.toMillis() < 1) {
            throw new IllegalArgumentException("batch size and maximum wait must be positive");
        }
        this.scorers = Objects.requireNonNull(scorers, "scorers");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.batchSize = batchSize;
        this.maxWaitMs = maxWait.toMillis();
    }

    /** The buffer store: in memory (it is small and short-lived) and restored from its changelog. */
    public static StoreBuilder<KeyValueStore<Long, BufferedReview>> bufferStore() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BUFFER_STORE),
                Serdes.Long(), EventSerdes.internal(BufferedReview.class)).withLoggingEnabled(java.util.Map.of());
    }

    /** A supplier of scorers that brings the buffer store along. */
    public static ProcessorSupplier<Bytes, PendingReview, Bytes, ScoredReview> supplier(
            Supplier<ReviewScorer> scorers, ScoringMetrics metrics, int batchSize, Duration maxWait) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<Bytes, PendingReview, Bytes, ScoredReview> get() {
                return new MicroBatchScorer(scorers, metrics, batchSize, maxWait);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(bufferStore());
            }
        };
    }

    @Override
    public void init(ProcessorContext<Bytes, ScoredReview> context) {
        this.context = context;
        this.buffer = context.getStateStore(BUFFER_STORE);
        // Reviews restored after a restart are flushed at the first tick: their wait started
        // before the restart.
        try (KeyValueIterator<Long, BufferedReview> entries = buffer.all()) {
            while (entries.hasNext()) {
                KeyValue<Long, BufferedReview> entry = entries.next();
                if (waiting++ == 0) {
                    oldestReceivedAtMs = entry.value.review().receivedAtMs();
                }
                nextSequence = entry.key + 1;
            }
        }
        long tick = Math.max(1, Math.min(maxWaitMs / 4, 1000));
        context.schedule(Duration.ofMillis(tick), PunctuationType.WALL_CLOCK_TIME, this::onTick);
    }

    @Override
    public void process(Record<Bytes, PendingReview> record) {
        byte[] key = record.key() == null ? null : record.key().get();
        buffer.put(nextSequence++, new BufferedReview(key, record.timestamp(), record.value()));
        if (waiting++ == 0) {
            oldestReceivedAtMs = record.value().receivedAtMs();
        }
        if (waiting >= batchSize) {
            flush();
        }
    }

    private void onTick(long now) {
        if (waiting > 0 && now - oldestReceivedAtMs >= maxWaitMs) {
            flush();
        }
    }

    private void flush() {
        // Read first, then score and delete: deleting while an iterator is open is not portable
        // across store implementations.
        List<KeyValue<Long, BufferedReview>> all = new ArrayList<>(waiting);
        try (KeyValueIterator<Long, BufferedReview> entries = buffer.all()) {
            entries.forEachRemaining(all::add);
        }
        // More than a batch waits only when a restart lowered the batch size.
        for (int from = 0; from < all.size(); from += batchSize) {
            score(all.subList(from, Math.min(all.size(), from + batchSize)));
        }
        waiting = 0;
    }

    private void score(List<KeyValue<Long, BufferedReview>> batch) {
        ReviewScorer scorer = scorers.get();
        String modelName = scorer.model().toString();
        List<int[]> encoded = new ArrayList<>(batch.size());
        for (KeyValue<Long, BufferedReview> entry : batch) {
            PendingReview review = entry.value.review();
            encoded.add(modelName.equals(review.encodedBy()) ? review.encoded() : scorer.encode(review.event().text()));
        }
        long started = System.nanoTime();
        List<ReviewScorer.Score> scores = scorer.score(encoded);
        metrics.batchScored(batch.size(), System.nanoTime() - started);
        if (scores.size() != batch.size()) {
            throw new IllegalStateException("the model returned " + scores.size() + " scores for " + batch.size()
                    + " reviews");
        }
        long now = context.currentSystemTimeMs();
        for (int i = 0; i < batch.size(); i++) {
            BufferedReview buffered = batch.get(i).value;
            PendingReview review = buffered.review();
            ReviewScorer.Score score = scores.get(i);
            long latency = Math.max(0, now - review.receivedAtMs());
            ScoredReview scored = new ScoredReview(review.event().id(), score.sentiment(), score.probability(),
                    review.event().label(), scorer.model(), Instant.ofEpochMilli(now), latency,
                    review.event().carried());
            context.forward(new Record<>(buffered.key() == null ? null : Bytes.wrap(buffered.key()), scored,
                    buffered.timestampMs()));
            buffer.delete(batch.get(i).key);
            metrics.reviewScored(latency);
        }
    }
}
