package io.sentimentstream.streams.topology;

import io.sentimentstream.core.event.RejectionReason;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.core.text.Vocabulary;
import io.sentimentstream.streams.metrics.ChallengerMetrics;
import io.sentimentstream.streams.metrics.ScoringMetrics;
import io.sentimentstream.streams.scoring.ReviewScorer;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>When the model fails on a batch, each of its reviews is scored alone, and a review the model
 * fails on by itself becomes a dead letter ({@link RejectionReason#SCORING_FAILED}) while the
 * others are scored: one review the model cannot take does not stop the application.
 */
public final class MicroBatchScorer implements Processor<Bytes, PendingReview, Bytes, ScoringResult> {

    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchScorer.class);

    /** Name of the buffer store (its changelog is {@code <application.id>-scoring-buffer-changelog}). */
    public static final String BUFFER_STORE = "scoring-buffer";

    private final Supplier<ReviewScorer> scorers;
    private final ScoringMetrics metrics;
    private final int batchSize;
    private final long maxWaitMs;
    private final int maxRecordBytes;
    private final ScoredReviewListener listener;
    private final Supplier<ReviewScorer> challengers;
    private final ChallengerMetrics challengerMetrics;
    private boolean challengerFailureLogged;
    private ProcessorContext<Bytes, ScoringResult> context;
    private KeyValueStore<Long, BufferedReview> buffer;
    private long nextSequence;
    private int waiting;
    private long oldestReceivedAtMs;

    /** A scorer using the calling thread's model, telling {@code listener} of every review scored. */
    public MicroBatchScorer(Supplier<ReviewScorer> scorers, ScoringMetrics metrics, int batchSize, Duration maxWait,
                            int maxRecordBytes, ScoredReviewListener listener) {
        this(scorers, metrics, batchSize, maxWait, maxRecordBytes, listener, () -> null, new ChallengerMetrics());
    }

    /**
     * As above, also scoring every batch with the calling thread's challenger from {@code challengers}
     * when it gives one ({@code null}: no challenger), forwarding a {@link ScoringResult.Compared}
     * per review after its score.
     */
    public MicroBatchScorer(Supplier<ReviewScorer> scorers, ScoringMetrics metrics, int batchSize, Duration maxWait,
                            int maxRecordBytes, ScoredReviewListener listener, Supplier<ReviewScorer> challengers,
                            ChallengerMetrics challengerMetrics) {
        this.challengers = Objects.requireNonNull(challengers, "challengers");
        this.challengerMetrics = Objects.requireNonNull(challengerMetrics, "challengerMetrics");
        if (batchSize < 1 || maxWait.toMillis() < 1) {
            throw new IllegalArgumentException("batch size and maximum wait must be positive");
        }
        this.scorers = Objects.requireNonNull(scorers, "scorers");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.batchSize = batchSize;
        this.maxWaitMs = maxWait.toMillis();
        this.maxRecordBytes = maxRecordBytes;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The buffer store, changelogged in the compact {@link BufferedReviewSerde} form, in memory: it
     * is small and short-lived. A persistent store would keep Kafka Streams' process id (and so the
     * transactional ids) across restarts, which lets a restarted instance abort a killed
     * predecessor's open transaction at once; measured, it cost 14-28 % of the stream's throughput
     * and doubled its p99 latency (docs/benchmarks.md, "Restart to scoring"), too much for a wait
     * that only a SIGKILL in mid-transaction causes. Cached: a review scored within the commit
     * interval it came in (all of them under a backlog) reaches the changelog as a tombstone only,
     * not as its text and token ids first; what still waits at a commit is written then, before
     * the input offsets, so a crash loses nothing.
     */
    public static StoreBuilder<KeyValueStore<Long, BufferedReview>> bufferStore() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BUFFER_STORE),
                Serdes.Long(), new BufferedReviewSerde()).withLoggingEnabled(java.util.Map.of()).withCachingEnabled();
    }

    /** A supplier of scorers that brings the buffer store along. */
    public static ProcessorSupplier<Bytes, PendingReview, Bytes, ScoringResult> supplier(
            Supplier<ReviewScorer> scorers, ScoringMetrics metrics, int batchSize, Duration maxWait,
            int maxRecordBytes, ScoredReviewListener listener, Supplier<ReviewScorer> challengers,
            ChallengerMetrics challengerMetrics) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<Bytes, PendingReview, Bytes, ScoringResult> get() {
                return new MicroBatchScorer(scorers, metrics, batchSize, maxWait, maxRecordBytes, listener,
                        challengers, challengerMetrics);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(bufferStore());
            }
        };
    }

    @Override
    public void init(ProcessorContext<Bytes, ScoringResult> context) {
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
        List<int[]> encoded = new ArrayList<>(batch.size());
        for (KeyValue<Long, BufferedReview> entry : batch) {
            encoded.add(encodedFor(scorer, entry.value.review()));
        }
        long started = System.nanoTime();
        List<ReviewScorer.Score> scores = scoreTogether(scorer, encoded);
        long championNanos = System.nanoTime() - started;
        metrics.batchScored(batch.size(), championNanos);
        long now = context.currentSystemTimeMs();
        ScoredReview[] scoredReviews = new ScoredReview[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            BufferedReview buffered = batch.get(i).value;
            PendingReview review = buffered.review();
            Bytes key = buffered.key() == null ? null : Bytes.wrap(buffered.key());
            try {
                ReviewScorer.Score score = scores != null ? scores.get(i) : scoreAlone(scorer, encoded.get(i), review);
                long latency = Math.max(0, now - review.receivedAtMs());
                ScoredReview scored = new ScoredReview(review.event().id(), score.sentiment(), score.probability(),
                        review.event().label(), scorer.model(), Instant.ofEpochMilli(now), latency,
                        review.event().carried());
                int[] read = encoded.get(i) != null ? encoded.get(i) : review.encoded();
                context.forward(new Record<>(key, new ScoringResult.Scored(scored, read.length, unknown(read)),
                        buffered.timestampMs()));
                metrics.reviewScored(latency);
                listener.scored(scored, review.event().text());
                scoredReviews[i] = scored;
            } catch (RuntimeException e) {
                LOG.warn("the model failed on review {} ({}); writing a dead letter", review.event().id(), e.toString());
                metrics.deadLetter(RejectionReason.SCORING_FAILED);
                DeadLetter deadLetter = DeadLetter.of(buffered.key(), review.event().toJson(), null,
                        RejectionReason.SCORING_FAILED, e, true, review.source(), maxRecordBytes);
                context.forward(new Record<>(deadLetter.key() == null ? null : Bytes.wrap(deadLetter.key()),
                        (ScoringResult) new ScoringResult.Failed(deadLetter), buffered.timestampMs(),
                        deadLetter.headers()));
            }
            buffer.delete(batch.get(i).key);
        }
        compare(batch, scoredReviews, championNanos);
    }

    /**
     * Scores the batch with the challenger, if there is one, and forwards one comparison per review
     * the champion scored. The challenger encodes the text itself (its preprocessing may differ).
     * Whatever it does wrong is caught here: the champion's results are already forwarded.
     */
    private void compare(List<KeyValue<Long, BufferedReview>> batch, ScoredReview[] champion, long championNanos) {
        ReviewScorer challenger = challengers.get();
        if (challenger == null) {
            return;
        }
        List<ChallengerComparison> comparisons = new ArrayList<>(batch.size());
        List<int[]> encoded = new ArrayList<>(batch.size());
        long nanos;
        try {
            long started = System.nanoTime();
            for (KeyValue<Long, BufferedReview> entry : batch) {
                encoded.add(challenger.encode(entry.value.review().event().text()));
            }
            List<ReviewScorer.Score> scores = challenger.score(encoded);
            nanos = System.nanoTime() - started;
            if (scores.size() != batch.size()) {
                throw new IllegalStateException("the challenger returned " + scores.size() + " scores for "
                        + batch.size() + " reviews");
            }
            long perReview = nanos / batch.size();
            for (int i = 0; i < batch.size(); i++) {
                if (champion[i] != null) {
                    ReviewScorer.Score score = checkValid(scores.get(i));
                    ScoredReview mine = champion[i];
                    comparisons.add(new ChallengerComparison(mine.id(),
                            new ChallengerComparison.Verdict(mine.model().toString(), mine.sentiment().label(),
                                    mine.probability()),
                            new ChallengerComparison.Verdict(challenger.model().toString(), score.sentiment().label(),
                                    score.probability()),
                            mine.sentiment() == score.sentiment(),
                            mine.label() == null ? null : mine.label().label(), perReview));
                }
            }
        } catch (RuntimeException e) {
            challengerMetrics.failed();
            if (!challengerFailureLogged) {
                challengerFailureLogged = true;
                LOG.warn("the challenger {} failed on a batch of {} reviews ({}); its comparisons are skipped, the"
                        + " champion's results stand (logged once)", challenger.model(), batch.size(), e.toString());
            }
            return;
        }
        challengerMetrics.batchCompared(comparisons, comparisons.size(),
                championNanos * comparisons.size() / batch.size(), nanos * comparisons.size() / batch.size());
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (champion[i] != null) {
                BufferedReview buffered = batch.get(i).value;
                Bytes key = buffered.key() == null ? null : Bytes.wrap(buffered.key());
                int[] read = encoded.get(i);
                context.forward(new Record<>(key, (ScoringResult) new ScoringResult.Compared(comparisons.get(next++),
                        challenger.model(), read.length, unknown(read)), buffered.timestampMs()));
            }
        }
    }

    private static int unknown(int[] ids) {
        int unknown = 0;
        for (int id : ids) {
            if (id == Vocabulary.OOV_ID) {
                unknown++;
            }
        }
        return unknown;
    }

    /** The review's ids under the scorer's model; {@code null} if that model cannot encode it. */
    private static int[] encodedFor(ReviewScorer scorer, PendingReview review) {
        if (scorer.model().toString().equals(review.encodedBy())) {
            return review.encoded();
        }
        try {
            return scorer.encode(review.event().text());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The scores of the whole batch in one call, or {@code null} when the model fails on it. */
    private static List<ReviewScorer.Score> scoreTogether(ReviewScorer scorer, List<int[]> encoded) {
        if (encoded.contains(null)) {
            return null;
        }
        try {
            List<ReviewScorer.Score> scores = scorer.score(encoded);
            if (scores.size() != encoded.size()) {
                throw new IllegalStateException("the model returned " + scores.size() + " scores for "
                        + encoded.size() + " reviews");
            }
            scores.forEach(MicroBatchScorer::checkValid);
            return scores;
        } catch (RuntimeException e) {
            LOG.warn("the model failed on a batch of {} reviews ({}); scoring them one by one", encoded.size(),
                    e.toString());
            return null;
        }
    }

    private static ReviewScorer.Score scoreAlone(ReviewScorer scorer, int[] encoded, PendingReview review) {
        if (encoded == null) {
            // Encoding again under a new model is all the scorer would do first: let it throw here.
            encoded = scorer.encode(review.event().text());
        }
        List<ReviewScorer.Score> scores = scorer.score(List.of(encoded));
        if (scores.size() != 1) {
            throw new IllegalStateException("the model returned " + scores.size() + " scores for one review");
        }
        return checkValid(scores.get(0));
    }

    /** A probability that is not a number in [0, 1] would be written as invalid JSON or nonsense. */
    private static ReviewScorer.Score checkValid(ReviewScorer.Score score) {
        if (score == null || score.sentiment() == null || !(score.probability() >= 0 && score.probability() <= 1)) {
            throw new IllegalStateException("the model returned an invalid score " + score);
        }
        return score;
    }
}
