package io.sentimentstream.streams.labels;

import io.sentimentstream.core.event.InvalidReviewException;
import io.sentimentstream.core.event.RejectionReason;
import io.sentimentstream.streams.metrics.ScoringMetrics;
import io.sentimentstream.streams.serde.EventSerdes;
import io.sentimentstream.streams.topology.DeadLetter;
import io.sentimentstream.streams.topology.ScoreOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Joins labels with the predictions made for the same review id, whichever comes first, within
 * the label horizon (by record timestamps: a label counts for a prediction whose timestamp is at
 * most the horizon before or after its own).
 *
 * <p>Every prediction is passed on at once as a scored outcome (with the label the review
 * carried, if any). A label from the labels topic then adds one joined outcome per prediction of
 * its review, timestamped like the prediction, so the metrics count it in the window of the
 * review's scoring time. The first label of a review wins: a second one on the topic, or one for a
 * review that carried its own label, is a {@link RejectionReason#DUPLICATE_LABEL} dead letter and
 * counts nowhere, so nothing is counted twice. A label still waiting once stream time is a horizon
 * past it is an {@link RejectionReason#UNMATCHED_LABEL} dead letter.
 *
 * <p>Both stores are persistent, changelogged window stores whose retention is twice the horizon,
 * so the state is bounded by the horizon however many reviews never get a label. Input arrives
 * through a repartition topic keyed by review id, so a review's predictions and labels meet in
 * one task.
 */
public final class LabelJoiner implements Processor<String, EvaluationInput, String, LabelResult> {

    /** Predictions waiting for (or joined with) their labels. */
    public static final String PREDICTIONS_STORE = "label-join-predictions";
    /** Labels waiting for their predictions, or joined. */
    public static final String LABELS_STORE = "label-join-labels";

    private final long horizonMs;
    private final ScoringMetrics metrics;
    private final int maxRecordBytes;
    private ProcessorContext<String, LabelResult> context;
    private WindowStore<String, StoredPredictions> predictions;
    private WindowStore<String, StoredLabel> labels;
    /** Waiting labels stamped up to here have been looked at; {@code MIN_VALUE}: none yet since this task started. */
    private long scannedUpTo = Long.MIN_VALUE;

    /** A joiner with the given horizon. */
    public LabelJoiner(Duration horizon, ScoringMetrics metrics, int maxRecordBytes) {
        this.horizonMs = horizon.toMillis();
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.maxRecordBytes = maxRecordBytes;
    }

    /** The two stores for {@code horizon}. */
    public static Set<StoreBuilder<?>> stores(Duration horizon) {
        Duration retention = horizon.multipliedBy(2);
        return Set.of(
                Stores.windowStoreBuilder(Stores.persistentWindowStore(PREDICTIONS_STORE, retention,
                                Duration.ofMillis(1), false), Serdes.String(),
                        EventSerdes.internal(StoredPredictions.class)).withLoggingEnabled(Map.of()),
                Stores.windowStoreBuilder(Stores.persistentWindowStore(LABELS_STORE, retention,
                                Duration.ofMillis(1), false), Serdes.String(),
                        EventSerdes.internal(StoredLabel.class)).withLoggingEnabled(Map.of()));
    }

    /** A supplier that brings the stores along. */
    public static ProcessorSupplier<String, EvaluationInput, String, LabelResult> supplier(
            Duration horizon, ScoringMetrics metrics, int maxRecordBytes) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, EvaluationInput, String, LabelResult> get() {
                return new LabelJoiner(horizon, metrics, maxRecordBytes);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return LabelJoiner.stores(horizon);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, LabelResult> context) {
        this.context = context;
        this.predictions = context.getStateStore(PREDICTIONS_STORE);
        this.labels = context.getStateStore(LABELS_STORE);
        // Often enough that an unmatched label is reported soon after its horizon, rarely enough
        // that the scans cost nothing: a tenth of the horizon, between a second and an hour.
        long interval = Math.max(1000, Math.min(horizonMs / 10, 3_600_000));
        context.schedule(Duration.ofMillis(interval), PunctuationType.STREAM_TIME, this::expire);
    }

    @Override
    public void process(Record<String, EvaluationInput> record) {
        EvaluationInput input = record.value();
        if (input == null || record.key() == null) {
            return;
        }
        // A record two horizons past the last scan would make the stores drop segments holding labels
        // not yet given up: they would vanish without a dead letter. Scan up to its time first (on a
        // task's first record this is the one full scan of what the restored store holds).
        if (record.timestamp() - 2 * horizonMs > scannedUpTo) {
            expire(record.timestamp());
        }
        if (input.prediction() != null) {
            onPrediction(record.key(), record.timestamp(), input.prediction());
        } else {
            onLabel(record.key(), record.timestamp(), input.label());
        }
    }

    private void onPrediction(String id, long timestamp, PredictionMade prediction) {
        forward(id, timestamp, prediction.outcome());
        StoredPredictions same = predictions.fetch(id, timestamp);
        List<PredictionMade> list = new ArrayList<>(same == null ? List.of() : same.predictions());
        if (list.size() < StoredPredictions.MAX) {
            list.add(prediction);
            predictions.put(id, new StoredPredictions(list), timestamp);
        }
        KeyValue<Long, StoredLabel> label = firstLabel(id, timestamp);
        if (label == null) {
            return;
        }
        if (prediction.eventLabel() != null) {
            if (!label.value.joined()) {
                labels.put(id, null, label.key);
                reject(label.value.label(), label.key, RejectionReason.DUPLICATE_LABEL,
                        "review " + id + " carried its own label, which counts instead");
            }
            return;
        }
        forward(id, timestamp, joined(prediction, label.value.label(), label.key - timestamp));
        if (!label.value.joined()) {
            labels.put(id, new StoredLabel(label.value.label(), true), label.key);
        }
    }

    private void onLabel(String id, long timestamp, LabelArrival label) {
        KeyValue<Long, StoredLabel> existing = firstLabel(id, timestamp);
        if (existing != null) {
            reject(label, timestamp, RejectionReason.DUPLICATE_LABEL, "review " + id + " already has a label (from "
                    + Instant.ofEpochMilli(existing.key) + "); the first counts");
            return;
        }
        List<KeyValue<Long, PredictionMade>> made = new ArrayList<>();
        try (WindowStoreIterator<StoredPredictions> found = predictions.fetch(id, from(timestamp),
                Instant.ofEpochMilli(timestamp + horizonMs))) {
            found.forEachRemaining(entry -> entry.value.predictions()
                    .forEach(p -> made.add(KeyValue.pair(entry.key, p))));
        }
        if (made.isEmpty()) {
            if (timestamp <= scannedUpTo) {
                // Stream time is already a horizon past it and no scan looks back: give it up now.
                reject(label, timestamp, RejectionReason.UNMATCHED_LABEL, unmatched(id));
                return;
            }
            labels.put(id, new StoredLabel(label, false), timestamp);
            return;
        }
        if (made.stream().anyMatch(entry -> entry.value.eventLabel() != null)) {
            reject(label, timestamp, RejectionReason.DUPLICATE_LABEL,
                    "review " + id + " carried its own label, which counts instead");
            return;
        }
        for (KeyValue<Long, PredictionMade> entry : made) {
            forward(id, entry.key, joined(entry.value, label, timestamp - entry.key));
        }
        labels.put(id, new StoredLabel(label, true), timestamp);
    }

    /** The earliest label of the review within the horizon of {@code timestamp}, or {@code null}. */
    private KeyValue<Long, StoredLabel> firstLabel(String id, long timestamp) {
        try (WindowStoreIterator<StoredLabel> found = labels.fetch(id, from(timestamp),
                Instant.ofEpochMilli(timestamp + horizonMs))) {
            return found.hasNext() ? found.next() : null;
        }
    }

    private Instant from(long timestamp) {
        return Instant.ofEpochMilli(Math.max(0, timestamp - horizonMs));
    }

    private static ScoreOutcome joined(PredictionMade prediction, LabelArrival label, long delayMs) {
        return new ScoreOutcome(prediction.model(), prediction.sentiment(), label.label(), prediction.probability(),
                true, 0, 0, Math.max(0, delayMs));
    }

    /** Dead-letters the labels still waiting a horizon after they came (stream time). */
    private void expire(long streamTime) {
        long to = streamTime - horizonMs - 1;
        long from = scannedUpTo == Long.MIN_VALUE ? 0 : scannedUpTo + 1;
        if (to < from) {
            return;
        }
        List<KeyValue<Windowed<String>, StoredLabel>> waiting = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, StoredLabel> all = labels.fetchAll(Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(to))) {
            all.forEachRemaining(entry -> {
                if (!entry.value.joined()) {
                    waiting.add(entry);
                }
            });
        }
        for (KeyValue<Windowed<String>, StoredLabel> entry : waiting) {
            long labelled = entry.key.window().start();
            labels.put(entry.key.key(), null, labelled);
            reject(entry.value.label(), labelled, RejectionReason.UNMATCHED_LABEL, unmatched(entry.key.key()));
        }
        scannedUpTo = to;
    }

    private String unmatched(String id) {
        return "no prediction for review " + id + " within " + Duration.ofMillis(horizonMs)
                + " of its label (labels.horizon.ms)";
    }

    private void forward(String id, long timestamp, ScoreOutcome outcome) {
        context.forward(new Record<>(id, new LabelResult.Counted(outcome), timestamp));
    }

    private void reject(LabelArrival label, long timestamp, RejectionReason reason, String message) {
        metrics.deadLetter(reason);
        DeadLetter deadLetter = DeadLetter.of(label.key(), label.toJson(), null, reason,
                new InvalidReviewException(reason, message), false, label.source(), maxRecordBytes);
        context.forward(new Record<>(label.id(), (LabelResult) new LabelResult.Rejected(deadLetter), timestamp,
                deadLetter.headers()));
    }
}
