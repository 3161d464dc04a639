package io.sentimentstream.streams.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentimentstream.core.event.AlertEvent;
import io.sentimentstream.core.event.EventJson;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.streams.metrics.ScoringMetrics;
import io.sentimentstream.streams.ops.HealthState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * What the dashboard shows, as one JSON document, taken once a second: this instance's throughput,
 * latency, batch sizes, consumer lag, dead letters, models and latest reviews (with the last
 * {@value #SERIES_POINTS} samples of the first four, so a page opened late still draws its
 * charts), and the whole application's rolling metrics from the metrics topic. Each call takes a
 * sample: call it at a steady pace, from one thread.
 */
public final class DashboardState implements Supplier<byte[]> {

    static final int SERIES_POINTS = 180;

    /**
     * Where the figures come from.
     *
     * @param instance      how this instance is named on the page
     * @param inputTopic    the reviews topic (for the consumer lag)
     * @param health        the Kafka Streams state
     * @param meters        this instance's meters
     * @param recent        this instance's latest reviews and latencies
     * @param application   the whole application's rolling metrics
     * @param clientMetrics the Kafka clients' metrics (Kafka Streams' {@code metrics()})
     */
    public record Sources(Supplier<String> instance, String inputTopic, HealthState health, ScoringMetrics meters,
                          RecentScores recent, ApplicationMetricsFeed application,
                          Supplier<Map<MetricName, ? extends Metric>> clientMetrics) {

        /** Checks every part is there. */
        public Sources {
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(inputTopic, "inputTopic");
            Objects.requireNonNull(health, "health");
            Objects.requireNonNull(meters, "meters");
            Objects.requireNonNull(recent, "recent");
            Objects.requireNonNull(application, "application");
            Objects.requireNonNull(clientMetrics, "clientMetrics");
        }
    }

    /** One sample of this instance's pace; NaN where there was nothing to measure. */
    private record Sample(long atMs, double reviewsPerSecond, double p50Ms, double p99Ms, double meanBatch, Long lag) {
    }

    private final Sources sources;
    private final LongSupplier clockMs;
    private final ArrayDeque<Sample> series = new ArrayDeque<>(SERIES_POINTS);
    private long lastAtMs = -1;
    private double lastScored;
    private long lastCalls;
    private long lastBatched;

    /** A state over {@code sources}, sampled by the wall clock. */
    public DashboardState(Sources sources) {
        this(sources, System::currentTimeMillis);
    }

    DashboardState(Sources sources, LongSupplier clockMs) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.clockMs = clockMs;
    }

    /** Takes a sample and returns the whole state as UTF-8 JSON (one line). */
    @Override
    public synchronized byte[] get() {
        long now = clockMs.getAsLong();
        Sample sample = sample(now);
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("instance", sources.instance().get());
        root.put("state", sources.health().state().name());
        root.put("now", now);
        ArrayNode models = root.putArray("models");
        sources.recent().models().forEach(models::add);
        root.set("instance_figures", instanceFigures(sample));
        root.set("series", series());
        root.set("application", application());
        root.set("recent", recent());
        ArrayNode alarms = root.putArray("alarms");
        for (AlertEvent alert : sources.meters().alarms().active()) {
            ObjectNode node = alarms.addObject();
            node.put("alarm", alert.alarm());
            node.put("model", alert.model().toString());
            node.put("message", alert.message());
        }
        root.put("drift_detection", sources.meters().alarms().driftDetection());
        try {
            return EventJson.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private Sample sample(long now) {
        ScoringMetrics meters = sources.meters();
        double scored = meters.scoredCount();
        long calls = meters.batchCalls();
        long batched = meters.batchedReviews();
        double seconds = lastAtMs < 0 ? 0 : (now - lastAtMs) / 1000.0;
        Sample sample = new Sample(now,
                seconds > 0 ? (scored - lastScored) / seconds : Double.NaN,
                sources.recent().latencyPercentile(50, now),
                sources.recent().latencyPercentile(99, now),
                calls > lastCalls ? (double) (batched - lastBatched) / (calls - lastCalls) : Double.NaN,
                ConsumerLag.of(sources.clientMetrics().get(), sources.inputTopic()));
        lastAtMs = now;
        lastScored = scored;
        lastCalls = calls;
        lastBatched = batched;
        if (series.size() == SERIES_POINTS) {
            series.removeFirst();
        }
        series.addLast(sample);
        return sample;
    }

    private ObjectNode instanceFigures(Sample sample) {
        ScoringMetrics meters = sources.meters();
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("scored", (long) meters.scoredCount());
        number(node, "reviews_per_second", sample.reviewsPerSecond());
        number(node, "latency_p50_ms", sample.p50Ms());
        number(node, "latency_p99_ms", sample.p99Ms());
        number(node, "mean_batch", sample.meanBatch());
        node.put("largest_batch", meters.recentLargestBatch());
        node.put("consumer_lag", sample.lag());
        ObjectNode deadLetters = node.putObject("dead_letters");
        meters.deadLetterCounts().forEach((reason, count) -> deadLetters.put(reason.name(), count));
        return node;
    }

    private ObjectNode series() {
        ObjectNode node = EventJson.mapper().createObjectNode();
        ArrayNode t = node.putArray("t");
        ArrayNode rate = node.putArray("reviews_per_second");
        ArrayNode p50 = node.putArray("latency_p50_ms");
        ArrayNode p99 = node.putArray("latency_p99_ms");
        ArrayNode batch = node.putArray("mean_batch");
        for (Sample sample : series) {
            t.add(sample.atMs() / 1000.0);
            number(rate, sample.reviewsPerSecond());
            number(p50, sample.p50Ms());
            number(p99, sample.p99Ms());
            number(batch, sample.meanBatch());
        }
        return node;
    }

    private ArrayNode application() {
        ArrayNode models = EventJson.mapper().createArrayNode();
        sources.application().figures().forEach((model, figures) -> {
            ObjectNode node = models.addObject();
            node.put("model", model);
            node.set("cumulative", figures.cumulative() == null ? null : json(figures.cumulative()));
            ObjectNode windows = node.putObject("windows");
            ArrayNode start = windows.putArray("start");
            ArrayNode accuracy = windows.putArray("accuracy");
            ArrayNode precision = windows.putArray("precision");
            ArrayNode recall = windows.putArray("recall");
            ArrayNode f1 = windows.putArray("f1");
            ArrayNode count = windows.putArray("count");
            for (MetricsSnapshot window : figures.windows()) {
                start.add(window.windowStart().toEpochMilli() / 1000.0);
                accuracy.add(window.accuracy());
                precision.add(window.precision());
                recall.add(window.recall());
                f1.add(window.f1());
                count.add(window.count());
            }
        });
        return models;
    }

    private ArrayNode recent() {
        ArrayNode reviews = EventJson.mapper().createArrayNode();
        for (RecentScores.Recent recent : sources.recent().latest()) {
            ScoredReview review = recent.review();
            ObjectNode node = reviews.addObject();
            node.put("id", review.id());
            node.put("scored_at", review.scoredAt().toEpochMilli());
            node.put("text", recent.snippet());
            node.put("sentiment", review.sentiment().label());
            node.put("probability", review.probability());
            node.put("label", review.label() == null ? null : review.label().label());
            node.put("correct", review.correct());
            node.put("model", review.model().toString());
        }
        return reviews;
    }

    /** The snapshot exactly as the metrics topic holds it. */
    private static JsonNode json(MetricsSnapshot snapshot) {
        try {
            return EventJson.mapper().readTree(snapshot.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static void number(ArrayNode array, double value) {
        if (Double.isFinite(value)) {
            array.add(value);
        } else {
            array.addNull();
        }
    }
}
