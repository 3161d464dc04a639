package io.sentimentstream.streams;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sentimentstream.core.drift.ReferenceProfile;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.streams.config.InstanceId;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.dashboard.ApplicationMetricsFeed;
import io.sentimentstream.streams.dashboard.DashboardState;
import io.sentimentstream.streams.dashboard.RecentScores;
import io.sentimentstream.streams.metrics.ChallengerMetrics;
import io.sentimentstream.streams.metrics.ScoringMetrics;
import io.sentimentstream.streams.model.ChallengerScorers;
import io.sentimentstream.streams.model.HotSwapScorers;
import io.sentimentstream.streams.model.ModelFollower;
import io.sentimentstream.streams.model.ModelStatus;
import io.sentimentstream.streams.model.StartupModel;
import io.sentimentstream.streams.ops.HealthState;
import io.sentimentstream.streams.ops.OpsHttpServer;
import io.sentimentstream.streams.scoring.ReviewScorer;
import io.sentimentstream.streams.topology.DeadLetterTarget;
import io.sentimentstream.streams.topology.RecordBudget;
import io.sentimentstream.streams.topology.ScoringTopology;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: the scoring topology in Kafka Streams, its meters and the operations
 * endpoints with the dashboard. Used by {@link StreamsApp} and, in process, by the integration tests.
 */
public final class ScoringApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringApplication.class);

    private final StreamsAppConfig config;
    private final KafkaStreams streams;
    private final HealthState health;
    private final ScoringMetrics metrics;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreamsMetrics streamsMetrics;
    private final OpsHttpServer http;
    private final InstanceId instanceId;
    private final ApplicationMetricsFeed applicationMetrics;
    /** What the dashboard reads from its own thread once they exist. */
    private final AtomicReference<KafkaStreams> startedStreams = new AtomicReference<>();
    private final AtomicReference<String> instanceName = new AtomicReference<>("starting");
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Follows the model registry, when enabled. */
    private volatile ModelFollower follower;

    private ScoringApplication(StreamsAppConfig config, Supplier<ReviewScorer> scorers,
                               Supplier<ReviewScorer> challengers, RecordBudget budget,
                               Function<ModelRef, ReferenceProfile> profiles) throws IOException {
        this.config = config;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = new ScoringMetrics(registry);
        this.health = new HealthState();
        metrics.alarms().reportTo(health);
        RecentScores recent = new RecentScores();
        Properties props = config.streamsProperties();
        // Not reading yet (that waits for start()); nothing connects to Kafka before the port is bound.
        this.applicationMetrics = new ApplicationMetricsFeed(
                // A client id of its own: instances sharing a JVM (tests, the demo) would clash on its MBean.
                new StreamsConfig(props).getRestoreConsumerConfigs(config.applicationId() + "-dashboard-"
                        + Integer.toHexString(System.identityHashCode(this))),
                config.topics().metrics());
        DashboardState dashboard = new DashboardState(new DashboardState.Sources(instanceName::get,
                config.topics().reviews(), health, metrics, recent, applicationMetrics, this::clientMetrics));
        try {
            // The port first: a port in use fails start-up before anything connects to Kafka.
            this.http = OpsHttpServer.start(config.httpBindAddress(), config.httpPort(), health, registry::scrape,
                    dashboard);
        } catch (IOException | RuntimeException e) {
            applicationMetrics.close();
            throw e;
        }
        try {
            Topology topology = new ScoringTopology(config, scorers, metrics, budget, recent, profiles)
                    .withChallenger(challengers, new ChallengerMetrics(registry)).build();
            LOG.info("topology:\n{}", topology.describe());
            props.put(DeadLetterTarget.MAX_RECORD_BYTES_CONFIG, String.valueOf(budget.maxRecordBytes()));
            this.instanceId = staticMembership(config, props);
            this.streams = new KafkaStreams(topology, props);
        } catch (RuntimeException e) {
            http.close();
            applicationMetrics.close();
            throw e;
        }
        instanceName.set(instanceId != null ? instanceId.id() : config.applicationId());
        streams.setStateListener((newState, oldState) -> {
            health.onChange(newState, oldState);
            LOG.info("Kafka Streams state {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(error -> {
            // Bad input, model failures and processing defects are dead-lettered per record, so
            // what reaches here is Kafka itself failing (brokers unreachable past the clients'
            // timeouts, fencing, authorisation): stop, let exactly-once roll back, and let the
            // orchestrator's restart retry; nothing is lost.
            LOG.error("stopping: a stream thread failed on a Kafka error that a restart may cure ({}); the"
                    + " uncommitted transaction is rolled back and nothing is lost", error.toString(), error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /**
     * Joins the consumer group as a static member ({@link InstanceId}), unless the settings chose
     * an identity or a protocol themselves.
     */
    private static InstanceId staticMembership(StreamsAppConfig config, Properties props) {
        String key = StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (props.containsKey(key) || props.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                || props.containsKey(StreamsConfig.GROUP_PROTOCOL_CONFIG)) {
            return null;
        }
        InstanceId id = config.instanceId().isEmpty()
                ? InstanceId.kept(Path.of(new StreamsConfig(props).getString(StreamsConfig.STATE_DIR_CONFIG)),
                        config.applicationId())
                : InstanceId.of(config.instanceId());
        // Kafka Streams appends the thread index, so every stream thread's consumer is a static member.
        props.put(key, id.id());
        LOG.info("static group membership as {}", id.id());
        return id;
    }

    /** Builds and starts the application with an already loaded (and checked) model. */
    public static ScoringApplication start(StreamsAppConfig config, SentimentModel model) throws IOException {
        return start(config, model, Integer.MAX_VALUE);
    }

    /**
     * Builds and starts the application with an already loaded (and checked) model.
     *
     * @param topicRecordLimit the smallest {@code max.message.bytes} of the topics written
     * @throws IllegalArgumentException when the review limits do not fit the record limit
     */
    public static ScoringApplication start(StreamsAppConfig config, SentimentModel model, int topicRecordLimit)
            throws IOException {
        return start(config, StartupModel.ofFile(model), topicRecordLimit);
    }

    /**
     * Builds and starts the application with the model chosen at start-up; with
     * {@code model.registry.enabled} it then follows the registry and swaps models as they are promoted.
     *
     * @param topicRecordLimit the smallest {@code max.message.bytes} of the topics written
     * @throws IllegalArgumentException when the review limits do not fit the record limit
     */
    public static ScoringApplication start(StreamsAppConfig config, StartupModel startup, int topicRecordLimit)
            throws IOException {
        SentimentModel model = startup.model();
        RecordBudget budget = new RecordBudget(config.reviewLimits(),
                Math.min(config.maxRequestBytes(), topicRecordLimit), model.windowChars(), model.maxTokens(),
                (model.manifest().name() + "@" + model.manifest().version()).length()).verify();
        HotSwapScorers scorers = new HotSwapScorers(model);
        ChallengerScorers challengers = new ChallengerScorers();
        ScoringApplication app = launch(config, scorers, challengers, budget, scorers::profile,
                model.manifest().referenceProfile());
        scorers.onSwap(next -> app.driftDetection(next.manifest().referenceProfile()));
        ModelStatus status = new ModelStatus(scorers::model, startup.origin(), config.modelRegistry().enabled());
        app.health.detail("model", status::json);
        LOG.info("scoring with model {}@{} ({} engine, from {})", model.manifest().name(), model.manifest().version(),
                model.engine(), startup.origin());
        if (config.modelRegistry().enabled()) {
            try {
                app.follower = ModelFollower.start(config, scorers, challengers, budget, app.registry, status,
                        startup);
            } catch (RuntimeException e) {
                app.close();
                throw e;
            }
        }
        return app;
    }

    /** Builds and starts the application with the given scorers and a verified budget. */
    public static ScoringApplication start(StreamsAppConfig config, Supplier<ReviewScorer> scorers,
                                           RecordBudget budget) throws IOException {
        return start(config, scorers, budget, null);
    }

    /**
     * Builds and starts the application with the given scorers and a verified budget, measuring
     * drift against {@code profile} ({@code null}: drift detection off).
     */
    public static ScoringApplication start(StreamsAppConfig config, Supplier<ReviewScorer> scorers,
                                           RecordBudget budget, ReferenceProfile profile) throws IOException {
        return launch(config, scorers, () -> null, budget, model -> profile, profile);
    }

    /** Builds and starts the application, drift measured per model version against {@code profiles}. */
    private static ScoringApplication launch(StreamsAppConfig config, Supplier<ReviewScorer> scorers,
            Supplier<ReviewScorer> challengers, RecordBudget budget, Function<ModelRef, ReferenceProfile> profiles,
            ReferenceProfile inService) throws IOException {
        ScoringApplication app = new ScoringApplication(config, scorers, challengers, budget, profiles);
        app.driftDetection(inService);
        app.streams.start();
        app.startedStreams.set(app.streams);
        app.applicationMetrics.start();
        LOG.info("scoring {} -> {}; {}; records at most {} bytes, an accepted review's at most {} (buffer),"
                        + " {} (scored), {} (dead letter); operations and the dashboard on http port {}",
                config.topics().reviews(), config.topics().scored(), config.reviewLimits(), budget.maxRecordBytes(),
                budget.bufferEntryBytes(), budget.scoredBytes(), budget.failedScoreBytes(), app.http.port());
        return app;
    }

    /** Says whether drift is measured for the model in service, whose reference profile is {@code profile}. */
    private void driftDetection(ReferenceProfile profile) {
        if (profile == null) {
            metrics.alarms().driftDetectionOff("the model bundle has no reference profile"
                    + " (trainer profile adds one)");
            LOG.info("drift detection off: the model bundle has no reference profile (`trainer profile --model"
                    + " BUNDLE --data ...` adds one); accuracy and calibration alarms stay on");
        } else {
            metrics.alarms().driftDetectionOn();
            LOG.info("drift detection on: reference profile of {} reviews ({})", profile.reviews(), profile.source());
        }
    }

    /** Waits until Kafka Streams stops (closed or failed) and returns its state then. */
    public KafkaStreams.State awaitTermination() throws InterruptedException {
        stopped.await();
        return health.state();
    }

    /** Waits at most {@code timeout} for the state to become RUNNING. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (health.ready()) {
                return true;
            }
            if (stopped.await(50, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        return health.ready();
    }

    /** Liveness and readiness. */
    public HealthState health() {
        return health;
    }

    /** The application's meters. */
    public ScoringMetrics metrics() {
        return metrics;
    }

    /** The Kafka Streams instance (for its metadata). */
    public KafkaStreams streams() {
        return streams;
    }

    private Map<MetricName, ? extends Metric> clientMetrics() {
        KafkaStreams started = startedStreams.get();
        return started == null ? Map.of() : started.metrics();
    }

    /** Port of the operations endpoints and the dashboard. */
    public int httpPort() {
        return http.port();
    }

    /** Closes Kafka Streams (waiting at most the shutdown timeout), then the HTTP server. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("shutting down (waiting at most {} ms for Kafka Streams)", config.shutdownTimeout().toMillis());
        ModelFollower following = follower;
        if (following != null) {
            following.close();
        }
        boolean clean = streams.close(config.shutdownTimeout());
        if (!clean) {
            LOG.warn("Kafka Streams did not close within {} ms", config.shutdownTimeout().toMillis());
        }
        streamsMetrics.close();
        applicationMetrics.close();
        http.close();
        registry.close();
        if (instanceId != null) {
            instanceId.close();
        }
        stopped.countDown();
        LOG.info("stopped");
    }
}
