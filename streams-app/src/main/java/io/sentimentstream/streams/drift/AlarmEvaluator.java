package io.sentimentstream.streams.drift;

import io.sentimentstream.core.drift.ReferenceProfile;
import io.sentimentstream.core.event.AlertEvent;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.streams.serde.EventSerdes;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Judges every window snapshot the rolling metrics write: for each {@link AlarmKind} whose
 * statistic the window has enough data for, the alarm follows the newest such window (by window
 * start) — raised when the statistic crosses its threshold, cleared when a newer window is back
 * within it. Each change is written to the alerts topic once; the states live in a changelogged
 * store, so a restart neither repeats nor forgets an alarm.
 */
public final class AlarmEvaluator implements Processor<String, MetricsSnapshot, String, AlertEvent> {

    /** Name of the alarm store. */
    public static final String STORE = "metric-alarms";

    private final AlarmThresholds thresholds;
    private final Function<ModelRef, ReferenceProfile> profiles;
    private final AlarmBoard board;
    private ProcessorContext<String, AlertEvent> context;
    private KeyValueStore<String, AlarmState> states;

    /** Judges with {@code thresholds}; drift alarms only for models with a profile in {@code profiles}. */
    public AlarmEvaluator(AlarmThresholds thresholds, Function<ModelRef, ReferenceProfile> profiles,
                          AlarmBoard board) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.board = Objects.requireNonNull(board, "board");
    }

    /** A supplier that brings the store along. */
    public static ProcessorSupplier<String, MetricsSnapshot, String, AlertEvent> supplier(
            AlarmThresholds thresholds, Function<ModelRef, ReferenceProfile> profiles, AlarmBoard board) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, MetricsSnapshot, String, AlertEvent> get() {
                return new AlarmEvaluator(thresholds, profiles, board);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(),
                        EventSerdes.internal(AlarmState.class)).withLoggingEnabled(Map.of()));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, AlertEvent> context) {
        this.context = context;
        this.states = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, MetricsSnapshot> record) {
        MetricsSnapshot window = record.value();
        // A challenger's windows (the only ones with comparisons) are for comparing: alarms are
        // about the model that serves.
        if (window == null || window.kind() != MetricsSnapshot.Kind.WINDOW || window.quality().compared() > 0) {
            return;
        }
        long start = window.windowStart().toEpochMilli();
        for (AlarmKind kind : AlarmKind.values()) {
            if (kind.needsProfile() && profiles.apply(window.model()) == null) {
                continue;
            }
            Double value = kind.statistic(window, thresholds);
            if (value == null) {
                continue;
            }
            String key = window.model() + "/" + kind.id();
            AlarmState state = states.get(key);
            if (state != null && state.windowStartMs() > start) {
                continue;
            }
            boolean breached = kind.breached(value, thresholds);
            states.put(key, new AlarmState(breached, start));
            if (breached != (state != null && state.raised())) {
                AlertEvent alert = new AlertEvent(kind.id(), breached, window.model(), value,
                        kind.threshold(thresholds), window.windowStart(), window.windowEnd(),
                        message(kind, breached, value), Instant.ofEpochMilli(record.timestamp()));
                board.update(alert);
                context.forward(new Record<>(alert.key(), alert, record.timestamp()));
            } else if (breached && board.active().stream().noneMatch(a -> a.key().equals(key))) {
                // Restored from the changelog after a restart: show it again without writing it twice.
                board.update(new AlertEvent(kind.id(), true, window.model(), value, kind.threshold(thresholds),
                        window.windowStart(), window.windowEnd(), message(kind, true, value),
                        Instant.ofEpochMilli(record.timestamp())));
            }
        }
    }

    private String message(AlarmKind kind, boolean raised, double value) {
        String figure = String.format(Locale.ROOT, "%.3f", value);
        String limit = String.format(Locale.ROOT, "%.3f", kind.threshold(thresholds));
        String comparison = kind == AlarmKind.ACCURACY ? (raised ? " under " : " at or above ")
                : (raised ? " above " : " at or under ");
        return kind.id() + (raised ? " raised: " : " cleared: ") + figure + comparison + limit;
    }
}
