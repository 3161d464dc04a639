package io.sentimentstream.streams.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness and readiness from Kafka Streams' state listener. Live: not failed (a restart would
 * help once it is not). Ready: running, i.e. all its tasks are assigned and restored. Details
 * (the model, degraded and its alarms) are reported, never failing a probe.
 */
public final class HealthState implements KafkaStreams.StateListener {

    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.CREATED);
    private final Map<String, Supplier<String>> details = new ConcurrentSkipListMap<>();

    /**
     * Adds a detail to the health answers: {@code name} with the JSON value {@code json} returns.
     * Details inform; they never change liveness or readiness.
     */
    public void detail(String name, Supplier<String> json) {
        details.put(name, json);
    }

    /** The details, by name. */
    public Map<String, Supplier<String>> details() {
        return details;
    }

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
