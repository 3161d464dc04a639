package io.sentimentstream.streams.serde;

import io.sentimentstream.core.event.AlertEvent;
import io.sentimentstream.core.event.EventJson;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ScoredReview;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes of the topics' events (their own JSON forms) and of the application's internal records
 * (Jackson's default form; only this application reads them, from its stores and repartition topic).
 */
public final class EventSerdes {

    private EventSerdes() {
    }

    /** Values of {@code reviews-scored}. */
    public static Serde<ScoredReview> scoredReview() {
        return of(ScoredReview::toJson, ScoredReview::fromJson);
    }

    /** Values of {@code sentiment-metrics}. */
    public static Serde<MetricsSnapshot> metricsSnapshot() {
        return of(MetricsSnapshot::toJson, MetricsSnapshot::fromJson);
    }

    /** Values of {@code sentiment-alerts}. */
    public static Serde<AlertEvent> alertEvent() {
        return of(AlertEvent::toJson, AlertEvent::fromJson);
    }

    /** An internal record type as JSON. */
    public static <T> Serde<T> internal(Class<T> type) {
        return of(value -> {
            try {
                return EventJson.mapper().writeValueAsBytes(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, bytes -> {
            try {
                return EventJson.mapper().readValue(bytes, type);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static <T> Serde<T> of(Function<T, byte[]> write, Function<byte[], T> read) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return write.apply(value);
            } catch (RuntimeException e) {
                throw new SerializationException("cannot write a value for topic " + topic, e);
            }
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return read.apply(bytes);
            } catch (RuntimeException e) {
                throw new SerializationException("cannot read a value from topic " + topic, e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
