package io.sentimentstream.streams.topology;

import io.sentimentstream.core.drift.ReferenceProfile;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.streams.metrics.HoppingWindows;
import io.sentimentstream.streams.metrics.MetricsAccumulator;
import io.sentimentstream.streams.metrics.ScoringMetrics;
import io.sentimentstream.streams.serde.EventSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
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
 * Rolling accuracy: counts every scored review into the cumulative counts of its model and into
 * each hopping window (by record timestamp) that holds it, and every {@code emitInterval} of wall
 * clock writes a {@link MetricsSnapshot} of each count that changed. A window closes once stream
 * time passes its end plus the grace period: its final snapshot is written with
 * {@code closed = true}; reviews arriving later count only cumulatively.
 *
 * <p>Labels joined later ({@link ScoreOutcome#joinedLater()}) count in the window of their
 * review's timestamp. So that a late label can still correct a closed window, closed windows are
 * kept for the label horizon after they close: a label for one of them updates it and the window
 * is written again, still {@code closed}, with {@code corrected = true} (the metrics topic is
 * compacted per window, so the correction replaces the final snapshot). A label for a window
 * older than that counts only cumulatively.
 *
 * <p>It runs behind a single-partition repartition topic, so one task sees the outcomes of every
 * input partition and the numbers are global, not per partition. The counts, and whether they
 * were written, live in a changelogged store, so a crash loses no update.
 *
 * <p>Snapshot keys: {@code <model>@<version>/cumulative} and
 * {@code <model>@<version>/window/<start ISO-8601>}; the metrics topic can be compacted on them.
 */
public final class RollingMetricsProcessor implements Processor<String, ScoreOutcome, String, MetricsSnapshot> {

    /** Name of the counts store. */
    public static final String STORE = "rolling-metrics";

    private final HoppingWindows windows;
    private final long graceMs;
    private final Duration emitInterval;
    private final ScoringMetrics metrics;
    private final long horizonMs;
    private final Function<ModelRef, ReferenceProfile> profiles;
    private ProcessorContext<String, MetricsSnapshot> context;
    private KeyValueStore<String, MetricsAccumulator> store;
    /**
     * The store's entries as objects, read through once: the store holds JSON, and reading back
     * what this processor wrote itself (two entries per review) was half of its cost. Only this
     * processor writes the store, so the copy stays equal to it; emptied at every init, since
     * Kafka Streams re-initialises the same processor after restoring its store.
     */
    private final Map<String, MetricsAccumulator> entries = new HashMap<>();

    /** Windows of the given shape, written every {@code emitInterval}. */
    public RollingMetricsProcessor(HoppingWindows windows, Duration grace, Duration emitInterval,
                                   ScoringMetrics metrics) {
        this(windows, grace, emitInterval, metrics, Duration.ZERO, model -> null);
    }

    /**
     * Windows of the given shape, written every {@code emitInterval}, closed windows kept for
     * {@code labelHorizon} to take late labels, each model's drift measured against its profile in
     * {@code profiles} (none: null).
     */
    public RollingMetricsProcessor(HoppingWindows windows, Duration grace, Duration emitInterval,
                                   ScoringMetrics metrics, Duration labelHorizon,
                                   Function<ModelRef, ReferenceProfile> profiles) {
        this.horizonMs = labelHorizon.toMillis();
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.windows = Objects.requireNonNull(windows, "windows");
        this.graceMs = grace.toMillis();
        this.emitInterval = emitInterval;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * The counts store, restored from its changelog. Cached, so that an entry updated by every
     * review (the cumulative counts, the current window) reaches the changelog once per commit
     * instead of once per review.
     */
    public static StoreBuilder<KeyValueStore<String, MetricsAccumulator>> store() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(),
                EventSerdes.internal(MetricsAccumulator.class)).withLoggingEnabled(Map.of()).withCachingEnabled();
    }

    /** A supplier that brings the store along. */
    public static ProcessorSupplier<String, ScoreOutcome, String, MetricsSnapshot> supplier(
            HoppingWindows windows, Duration grace, Duration emitInterval, ScoringMetrics metrics) {
        return supplier(windows, grace, emitInterval, metrics, Duration.ZERO, model -> null);
    }

    /** A supplier that brings the store along, keeping closed windows for late labels and measuring drift. */
    public static ProcessorSupplier<String, ScoreOutcome, String, MetricsSnapshot> supplier(
            HoppingWindows windows, Duration grace, Duration emitInterval, ScoringMetrics metrics,
            Duration labelHorizon, Function<ModelRef, ReferenceProfile> profiles) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, ScoreOutcome, String, MetricsSnapshot> get() {
                return new RollingMetricsProcessor(windows, grace, emitInterval, metrics, labelHorizon, profiles);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store());
            }
        };
    }

    /** The key of the cumulative snapshot of a model. */
    public static String cumulativeKey(ModelRef model) {
        return model + "/cumulative";
    }

    /** The key of a window snapshot of a model. */
    public static String windowKey(ModelRef model, long startMs) {
        return model + "/window/" + Instant.ofEpochMilli(startMs);
    }

    @Override
    public void init(ProcessorContext<String, MetricsSnapshot> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        entries.clear();
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::emit);
    }

    @Override
    public void process(Record<String, ScoreOutcome> record) {
        ScoreOutcome outcome = record.value();
        if (outcome == null) {
            return;
        }
        ModelRef model = outcome.model();
        String cumulativeKey = cumulativeKey(model);
        MetricsAccumulator cumulative = get(cumulativeKey);
        put(cumulativeKey, add(cumulative == null ? MetricsAccumulator.cumulative(model) : cumulative, outcome));

        long streamTime = Math.max(context.currentStreamTimeMs(), record.timestamp());
        boolean counted = false;
        for (long start : windows.startsFor(record.timestamp())) {
            long end = start + windows.sizeMs();
            String key = windowKey(model, start);
            MetricsAccumulator window = get(key);
            // A closed window takes only labels (a correction), never a review that came too late.
            if (isClosed(end, streamTime) && !(outcome.joinedLater() && window != null)) {
                continue;
            }
            put(key, add(window == null ? MetricsAccumulator.window(model, start, end) : window, outcome));
            counted = true;
        }
        if (!counted) {
            if (outcome.joinedLater()) {
                metrics.lateLabel();
            } else {
                metrics.lateReview();
            }
        }
    }

    private MetricsAccumulator get(String key) {
        MetricsAccumulator counts = entries.get(key);
        if (counts == null) {
            counts = store.get(key);
            if (counts != null) {
                entries.put(key, counts);
            }
        }
        return counts;
    }

    private void put(String key, MetricsAccumulator counts) {
        entries.put(key, counts);
        store.put(key, counts);
    }

    private void delete(String key) {
        entries.remove(key);
        store.delete(key);
    }

    private static MetricsAccumulator add(MetricsAccumulator counts, ScoreOutcome outcome) {
        return outcome.joinedLater()
                ? counts.addLabel(outcome.sentiment(), outcome.label(), outcome.probability(), outcome.labelDelayMs())
                : counts.add(outcome.sentiment(), outcome.label(), outcome.probability(), outcome.tokens(),
                        outcome.unknownTokens(), outcome.agree());
    }

    private boolean isClosed(long windowEndMs, long streamTimeMs) {
        return windowEndMs + graceMs <= streamTimeMs;
    }

    private void emit(long wallClockMs) {
        long streamTime = context.currentStreamTimeMs();
        Instant now = Instant.ofEpochMilli(wallClockMs);
        List<KeyValue<String, MetricsAccumulator>> all = new ArrayList<>();
        try (KeyValueIterator<String, MetricsAccumulator> entries = store.all()) {
            entries.forEachRemaining(all::add);
        }
        MetricsSnapshot cumulative = null;
        MetricsSnapshot latestWindow = null;
        for (KeyValue<String, MetricsAccumulator> entry : all) {
            MetricsAccumulator counts = entry.value;
            boolean closed = !counts.isCumulative() && isClosed(counts.windowEndMs(), streamTime);
            boolean expired = closed && counts.windowEndMs() + graceMs + horizonMs <= streamTime;
            if (counts.emitted() && (!closed || counts.closed())) {
                if (expired) {
                    delete(entry.key);
                }
                continue;
            }
            MetricsSnapshot snapshot = counts.snapshot(closed, now, profiles.apply(counts.model()));
            context.forward(new Record<>(entry.key, snapshot, wallClockMs));
            if (expired) {
                delete(entry.key);
            } else if (closed) {
                put(entry.key, counts.markClosed());
            } else {
                put(entry.key, counts.markEmitted());
            }
            if (counts.compared() > 0) {
                continue;  // a challenger's: the gauges show the serving model's
            }
            if (counts.isCumulative()) {
                cumulative = snapshot;
            } else if (!counts.closed()
                    && (latestWindow == null || snapshot.windowStart().isAfter(latestWindow.windowStart()))) {
                latestWindow = snapshot;
            }
        }
        metrics.rollingMetrics(cumulative, latestWindow);
    }
}
