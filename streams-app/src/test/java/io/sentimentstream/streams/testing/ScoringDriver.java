package io.sentimentstream.streams.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentimentstream.core.drift.ReferenceProfile;
import io.sentimentstream.core.event.AlertEvent;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.metrics.ChallengerMetrics;
import io.sentimentstream.streams.metrics.ScoringMetrics;
import io.sentimentstream.streams.scoring.ReviewScorer;
import io.sentimentstream.streams.serde.EventSerdes;
import io.sentimentstream.streams.topology.ChallengerComparison;
import io.sentimentstream.streams.topology.DeadLetterTarget;
import io.sentimentstream.streams.topology.RecordBudget;
import io.sentimentstream.streams.topology.ScoredReviewListener;
import io.sentimentstream.streams.topology.ScoringTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The whole scoring topology in a {@link TopologyTestDriver}, with typed topics. */
public final class ScoringDriver implements AutoCloseable {

    /** Wall-clock time the driver starts at. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final TopologyTestDriver driver;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScoringMetrics metrics = new ScoringMetrics(registry);
    /** Input, values as raw bytes. */
    public final TestInputTopic<byte[], byte[]> reviews;
    /** Scored output. */
    public final TestOutputTopic<byte[], ScoredReview> scored;
    /** Dead letters, raw. */
    public final TestOutputTopic<byte[], byte[]> deadLetters;
    /** Metrics snapshots. */
    public final TestOutputTopic<String, MetricsSnapshot> metricsTopic;
    /** Labels joined later, raw. */
    public final TestInputTopic<byte[], byte[]> labels;
    /** Alarms. */
    public final TestOutputTopic<String, AlertEvent> alerts;
    /** Champion-versus-challenger comparisons. */
    public final TestOutputTopic<byte[], ChallengerComparison> challenger;
    private final ChallengerMetrics challengerMetrics = new ChallengerMetrics(registry);

    /** A driver over {@code config}'s topology scoring with {@code scorers}, with the default model's budget. */
    public ScoringDriver(StreamsAppConfig config, Supplier<ReviewScorer> scorers, Path stateDir) {
        this(config, scorers, stateDir, budget(config, config.maxRequestBytes()));
    }

    /** A driver over {@code config}'s topology scoring with {@code scorers} within {@code budget}. */
    public ScoringDriver(StreamsAppConfig config, Supplier<ReviewScorer> scorers, Path stateDir, RecordBudget budget) {
        this(config, scorers, stateDir, budget, (ReferenceProfile) null);
    }

    /** A driver measuring drift against {@code profile} (may be {@code null}). */
    public ScoringDriver(StreamsAppConfig config, Supplier<ReviewScorer> scorers, Path stateDir, RecordBudget budget,
                         ReferenceProfile profile) {
        this(config, scorers, stateDir, budget, model -> profile);
    }

    /** A driver measuring each model version's drift against its profile in {@code profiles}. */
    public ScoringDriver(StreamsAppConfig config, Supplier<ReviewScorer> scorers, Path stateDir, RecordBudget budget,
                         Function<ModelRef, ReferenceProfile> profiles) {
        this(config, scorers, () -> null, stateDir, budget, profiles);
    }

    /** A driver also scoring every batch with the challenger {@code challengers} gives (while it gives one). */
    public ScoringDriver(StreamsAppConfig config, Supplier<ReviewScorer> scorers, Supplier<ReviewScorer> challengers,
                         Path stateDir) {
        this(config, scorers, challengers, stateDir, budget(config, config.maxRequestBytes()), model -> null);
    }

    private ScoringDriver(StreamsAppConfig config, Supplier<ReviewScorer> scorers, Supplier<ReviewScorer> challengers,
                          Path stateDir, RecordBudget budget, Function<ModelRef, ReferenceProfile> profiles) {
        Properties props = config.streamsProperties();
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(DeadLetterTarget.MAX_RECORD_BYTES_CONFIG, String.valueOf(budget.maxRecordBytes()));
        driver = new TopologyTestDriver(new ScoringTopology(config, scorers, metrics, budget,
                ScoredReviewListener.NONE, profiles).withChallenger(challengers, challengerMetrics).build(), props, START);
        StreamsAppConfig.Topics topics = config.topics();
        reviews = driver.createInputTopic(topics.reviews(), new ByteArraySerializer(), new ByteArraySerializer(),
                START, Duration.ZERO);
        scored = driver.createOutputTopic(topics.scored(), new ByteArrayDeserializer(),
                EventSerdes.scoredReview().deserializer());
        deadLetters = driver.createOutputTopic(topics.dlq(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        metricsTopic = driver.createOutputTopic(topics.metrics(), new StringDeserializer(),
                EventSerdes.metricsSnapshot().deserializer());
        labels = driver.createInputTopic(config.evaluation().labelsTopic(), new ByteArraySerializer(),
                new ByteArraySerializer(), START, Duration.ZERO);
        alerts = driver.createOutputTopic(config.evaluation().alertsTopic(), new StringDeserializer(),
                EventSerdes.alertEvent().deserializer());
        challenger = driver.createOutputTopic(config.modelRegistry().challengerTopic(), new ByteArrayDeserializer(),
                EventSerdes.internal(ChallengerComparison.class).deserializer());
    }

    /** The champion-versus-challenger meters the topology records into. */
    public ChallengerMetrics challengerMetrics() {
        return challengerMetrics;
    }

    /** The budget of a model that reads 400 tokens (the default's), for {@code maxRecordBytes}. */
    public static RecordBudget budget(StreamsAppConfig config, int maxRecordBytes) {
        return new RecordBudget(config.reviewLimits(), maxRecordBytes, 400 * 64, 400, 64);
    }

    /** The driver itself. */
    public TopologyTestDriver driver() {
        return driver;
    }

    /** The meters the topology records into. */
    public ScoringMetrics metrics() {
        return metrics;
    }

    /** The registry behind {@link #metrics()}. */
    public SimpleMeterRegistry registry() {
        return registry;
    }

    /** Advances the wall clock (runs due punctuations). */
    public void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    /** UTF-8 bytes. */
    public static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
