package io.sentimentstream.streams;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.metrics.ScoringMetrics;
import io.sentimentstream.streams.ops.HealthState;
import io.sentimentstream.streams.ops.OpsHttpServer;
import io.sentimentstream.streams.scoring.PerThreadScorers;
import io.sentimentstream.streams.topology.ScoringTopology;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: the scoring topology in Kafka Streams, its meters and the operations
 * endpoints. Used by {@link StreamsApp} and, in process, by the integration tests.
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
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private ScoringApplication(StreamsAppConfig config, SentimentModel model) throws IOException {
        this.config = config;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = new ScoringMetrics(registry);
        this.health = new HealthState();
        // The port first: a port in use fails start-up before anything connects to Kafka.
        this.http = OpsHttpServer.start(config.httpBindAddress(), config.httpPort(), health, registry::scrape);
        try {
            Topology topology = new ScoringTopology(config, new PerThreadScorers(model), metrics).build();
            LOG.info("topology:\n{}", topology.describe());
            this.streams = new KafkaStreams(topology, config.streamsProperties());
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
        streams.setStateListener((newState, oldState) -> {
            health.onChange(newState, oldState);
            LOG.info("Kafka Streams state {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(error -> {
            // Scoring failures are not bad input (that goes to the dead-letter topic): they are the
            // model or the system failing. Stop, let exactly-once roll back, and let the operator
            // (or the orchestrator's restart) decide; nothing is lost.
            LOG.error("a stream thread failed; shutting down", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** Builds and starts the application with an already loaded (and checked) model. */
    public static ScoringApplication start(StreamsAppConfig config, SentimentModel model) throws IOException {
        ScoringApplication app = new ScoringApplication(config, model);
        app.streams.start();
        LOG.info("scoring {} -> {} with model {}@{} ({} engine); operations on http port {}",
                config.topics().reviews(), config.topics().scored(), model.manifest().name(),
                model.manifest().version(), model.engine(), app.http.port());
        return app;
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

    /** Port of the operations endpoints. */
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
        boolean clean = streams.close(config.shutdownTimeout());
        if (!clean) {
            LOG.warn("Kafka Streams did not close within {} ms", config.shutdownTimeout().toMillis());
        }
        streamsMetrics.close();
        http.close();
        registry.close();
        stopped.countDown();
        LOG.info("stopped");
    }
}
