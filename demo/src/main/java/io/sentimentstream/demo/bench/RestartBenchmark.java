package io.sentimentstream.demo.bench;

import io.sentimentstream.core.data.Review;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionState;

/**
 * Restarts the real streams-app process under a steady load and measures how long the restarted
 * instance takes to be ready and to score again, per {@link RestartScenario}: for each run it waits
 * until scoring is steady, stops the process (SIGKILL or SIGTERM), starts it again with the same
 * settings and state directory (so with the same kept instance id) and times the restart.
 */
public final class RestartBenchmark {

    private static final String PREFIX = "r";

    private final BenchKafka kafka;
    private final AppLauncher launcher;
    private final List<Review> reviews;
    private final double rate;
    private final long steadyMillis;
    private final long timeoutNanos;
    private final PrintWriter log;

    /**
     * @param bootstrapServers broker to use
     * @param appJar           the shaded streams-app jar
     * @param model            model bundle for the application
     * @param reviews          real reviews, cycled to make up the load
     * @param partitions       partitions of the input and output topics
     * @param rate             reviews produced per second, throughout
     * @param steadySeconds    how long scoring runs steadily before each stop
     * @param timeoutSeconds   longest wait for a restarted instance to score
     * @param log              progress lines
     */
    public RestartBenchmark(String bootstrapServers, Path appJar, Path model, List<Review> reviews, int partitions,
                            double rate, int steadySeconds, int timeoutSeconds, PrintWriter log) {
        this.kafka = new BenchKafka(bootstrapServers, partitions);
        this.launcher = new AppLauncher(bootstrapServers, appJar, model, log);
        this.reviews = reviews;
        this.rate = rate;
        this.steadyMillis = TimeUnit.SECONDS.toMillis(steadySeconds);
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        this.log = log;
    }

    /** Runs one scenario, {@code runs} restarts, with fresh topics, application id and state directory. */
    public RestartResult run(RestartScenario scenario, int index, int runs) throws Exception {
        BenchTopics topics = BenchTopics.fresh("restart", index);
        kafka.createTopics(topics);
        Path stateDir = Files.createTempDirectory("streams-restart-");
        List<String> settings = new ArrayList<>(scenario.settings());
        settings.add("streams.state.dir=" + stateDir);
        Instance app = new Instance(scenario.label(), topics, AppLauncher.freePort(), settings);
        try (Admin admin = kafka.admin();
             ScoredWatcher scored = new ScoredWatcher(kafka.consumer(topics.scored(), true), PREFIX);
             PacedProducer load = new PacedProducer(kafka, topics.reviews(), reviews, PREFIX, rate, Long.MAX_VALUE)) {
            app.start();
            List<RestartRun> results = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                awaitSteady(app, scored, load);
                RestartRun run = restart(scenario, app, admin, scored, load);
                results.add(run);
                say("%s run %d: stop %.1f s; from the restart: live %.1f s, ready %.1f s, first new result %.1f s, "
                        + "old transactions ended %.1f s", scenario.label(), r, run.stopSeconds(), run.liveSeconds(),
                        run.readySeconds(), run.firstResultSeconds(), run.abortSeconds());
            }
            load.close();
            long produced = load.sent();
            // Every review must come out exactly once, or the restarts were not the ones we meant.
            long deadline = System.nanoTime() + timeoutNanos;
            while (scored.missingBelow(produced, load.failed()) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            return new RestartResult(scenario, results, produced, load.failed().size(),
                    scored.missingBelow(produced, load.failed()), scored.duplicates());
        } finally {
            app.stop(false);
            deleteRecursively(stateDir);
        }
    }

    /** Waits until the instance is ready and scores what is produced now, then lets it run a while. */
    private void awaitSteady(Instance app, ScoredWatcher scored, PacedProducer load) throws Exception {
        long deadline = System.nanoTime() + timeoutNanos;
        if (app.probe.await("/health/ready", deadline) == 0) {
            throw new IllegalStateException(app.label + ": the application was not ready in time; see its log");
        }
        scored.watchFrom(load.sent());
        if (scored.awaitFirst(deadline) == 0) {
            throw new IllegalStateException(app.label + ": the application did not score in time; see its log");
        }
        Thread.sleep(steadyMillis);
    }

    private RestartRun restart(RestartScenario scenario, Instance app, Admin admin, ScoredWatcher scored,
                               PacedProducer load) throws Exception {
        double stopSeconds = app.stop(scenario.kill());
        // Reviews from here on can only be scored by the restarted instance.
        scored.watchFrom(load.sent());
        Map<String, TransactionState> transactions = OpenTransactions.states(admin, app.topics.applicationId());
        say("%s: transactions after the stop %s", app.label, transactions);
        List<String> open = OpenTransactions.open(transactions);
        long restart = System.nanoTime();
        long deadline = restart + timeoutNanos;
        if (scenario.fence() && !open.isEmpty()) {
            OpenTransactions.fence(admin, open);
        }
        app.start();
        CompletableFuture<Long> ended = open.isEmpty() ? CompletableFuture.completedFuture(0L)
                : CompletableFuture.supplyAsync(() -> {
                    try {
                        return OpenTransactions.awaitEnd(admin, open, deadline);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                });
        long live = app.probe.await("/health/live", deadline);
        long ready = app.probe.await("/health/ready", deadline);
        long first = scored.awaitFirst(deadline);
        return new RestartRun(stopSeconds, since(restart, live), since(restart, ready), since(restart, first),
                since(restart, ended.join()));
    }

    private static double since(long startNanos, long nanos) {
        return nanos == 0 ? Double.NaN : (nanos - startNanos) / 1e9;
    }

    /** The application process of one scenario: same topics, port, settings and state directory each start. */
    private final class Instance {
        final String label;
        final BenchTopics topics;
        final HealthProbe probe;
        private final int port;
        private final List<String> settings;
        private Process process;

        Instance(String label, BenchTopics topics, int port, List<String> settings) {
            this.label = label;
            this.topics = topics;
            this.port = port;
            this.settings = settings;
            this.probe = new HealthProbe(port);
        }

        void start() throws IOException {
            process = launcher.start(topics, port, label, settings);
        }

        /** Stops the process (SIGKILL, or SIGTERM and its clean shutdown) and returns the seconds it took. */
        double stop(boolean kill) throws InterruptedException {
            long start = System.nanoTime();
            if (process != null) {
                if (kill) {
                    process.destroyForcibly();
                } else {
                    process.destroy();
                }
                if (!process.waitFor(timeoutNanos, TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly().waitFor();
                }
                process = null;
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void say(String format, Object... args) {
        log.printf(Locale.ROOT, format + "%n", args);
        log.flush();
    }
}
