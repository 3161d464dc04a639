package io.sentimentstream.streams.drift;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentimentstream.core.event.AlertEvent;
import io.sentimentstream.core.event.EventJson;
import io.sentimentstream.streams.ops.HealthState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alarms raised now and whether drift detection runs, for {@code /health}, the gauges and the
 * dashboard. Thread-safe: the metrics task writes, HTTP threads read.
 */
public final class AlarmBoard {

    private final Map<String, AlertEvent> raised = new ConcurrentHashMap<>();
    private volatile String driftDetection = "on";

    /** Records an alarm raised or cleared. */
    public void update(AlertEvent alert) {
        if (alert.raised()) {
            raised.put(alert.key(), alert);
        } else {
            raised.remove(alert.key());
        }
    }

    /** 1 when an alarm of this kind is raised for some model, else 0. */
    public double raised(AlarmKind kind) {
        return raised.values().stream().anyMatch(a -> a.alarm().equals(kind.id())) ? 1 : 0;
    }

    /** Whether any alarm is raised. */
    public boolean degraded() {
        return !raised.isEmpty();
    }

    /** The alarms raised now. */
    public List<AlertEvent> active() {
        return new ArrayList<>(raised.values());
    }

    /** Drift detection is off, for the given reason (e.g. the bundle has no reference profile). */
    public void driftDetectionOff(String reason) {
        driftDetection = "off: " + reason;
    }

    /** Drift detection is on (the model in service has a reference profile). */
    public void driftDetectionOn() {
        driftDetection = "on";
    }

    /** {@code on}, or {@code off: <reason>}. */
    public String driftDetection() {
        return driftDetection;
    }

    /**
     * Adds {@code degraded}, {@code drift_detection} and {@code alarms} to the health answers.
     * Degraded says the model may be wrong, not that the process is: it fails no probe.
     */
    public void reportTo(HealthState health) {
        health.detail("degraded", () -> Boolean.toString(degraded()));
        health.detail("drift_detection", () -> EventJson.mapper().getNodeFactory().textNode(driftDetection).toString());
        health.detail("alarms", this::activeJson);
    }

    private String activeJson() {
        ArrayNode alarms = EventJson.mapper().createArrayNode();
        for (AlertEvent alert : active()) {
            ObjectNode node = alarms.addObject();
            node.put("alarm", alert.alarm());
            node.put("model", alert.model().toString());
            node.put("value", alert.value());
            node.put("threshold", alert.threshold());
            node.put("message", alert.message());
        }
        return alarms.toString();
    }
}
