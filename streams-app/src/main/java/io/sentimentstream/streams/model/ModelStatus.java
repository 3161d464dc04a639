package io.sentimentstream.streams.model;

import io.sentimentstream.core.event.EventJson;
import io.sentimentstream.core.event.ModelRef;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@code /health} says about the model: the version in service and where it came from, and,
 * when the registry is followed, its champion, the challenger scoring beside it and the last version
 * that failed to load. A failed
 * load is reported here but never fails liveness: the previous model still serves.
 */
public final class ModelStatus {

    /** Where the model in service came from. */
    public enum Origin {
        /** The bundle of {@code model.path}. */
        FILE,
        /** The model registry. */
        REGISTRY
    }

    /**
     * A version that could not be put in service.
     *
     * @param version the version
     * @param reason  why, in one line
     * @param at      when
     */
    public record Failure(ModelRef version, String reason, Instant at) {
    }

    private final Supplier<ModelRef> serving;
    private final boolean registryEnabled;
    private volatile Origin origin;
    private volatile ModelRef champion;
    private volatile Failure lastFailure;
    private volatile int problems;
    private volatile ModelRef challenger;

    /** The status of the model {@code serving} reports, from {@code origin}. */
    public ModelStatus(Supplier<ModelRef> serving, Origin origin, boolean registryEnabled) {
        this.serving = serving;
        this.origin = origin;
        this.registryEnabled = registryEnabled;
    }

    void swapped(Origin newOrigin) {
        origin = newOrigin;
    }

    void registry(ModelRef newChampion, int unreadable) {
        champion = newChampion;
        problems = unreadable;
    }

    void challenger(ModelRef scoring) {
        challenger = scoring;
    }

    void failed(Failure failure) {
        lastFailure = failure;
    }

    /** The last version that failed to load, or {@code null}. */
    public Failure lastFailure() {
        return lastFailure;
    }

    /** Where the model in service came from. */
    public Origin origin() {
        return origin;
    }

    /** The status as one JSON object. */
    public String json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("serving", serving.get().toString());
        out.put("origin", origin.name().toLowerCase(java.util.Locale.ROOT));
        if (registryEnabled) {
            Map<String, Object> registry = new LinkedHashMap<>();
            registry.put("champion", champion == null ? null : champion.toString());
            registry.put("challenger", challenger == null ? null : challenger.toString());
            registry.put("unreadable_records", problems);
            Failure failure = lastFailure;
            if (failure != null) {
                registry.put("last_failure", Map.of("version", failure.version().toString(), "reason", failure.reason(),
                        "at", failure.at().toString()));
            }
            out.put("registry", registry);
        }
        try {
            return EventJson.mapper().writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
