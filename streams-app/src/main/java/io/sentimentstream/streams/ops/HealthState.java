package io.sentimentstream.streams.ops;

import io.sentimentstream.streams.drift.AlarmBoard;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness and readiness from Kafka Streams' state listener. Live: not failed (a restart would
 * help once it is not). Ready: running, i.e. all its tasks are assigned and restored. Degraded:
 * an alarm is raised (the model may be wrong, the process is fine): reported, never failing a probe.
 */
public final class HealthState implements KafkaStreams.StateListener {

    private final AlarmBoard alarms;

    /** Without alarms. */
    public HealthState() {
        this(new AlarmBoard());
    }

    /** Reporting the alarms of {@code alarms} as degraded. */
    public HealthState(AlarmBoard alarms) {
        this.alarms = alarms;
    }

    /** The alarms raised now. */
    public AlarmBoard alarms() {
        return alarms;
    }

    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.CREATED);

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        state.set(newState);
    }

    /** The latest Kafka Streams state. */
    public KafkaStreams.State state() {
        return state.get();
    }

    /** Whether the application has not failed. */
    public boolean live() {
        KafkaStreams.State current = state.get();
        return current != KafkaStreams.State.ERROR && current != KafkaStreams.State.PENDING_ERROR;
    }

    /** Whether the application is processing. */
    public boolean ready() {
        return state.get() == KafkaStreams.State.RUNNING;
    }
}
