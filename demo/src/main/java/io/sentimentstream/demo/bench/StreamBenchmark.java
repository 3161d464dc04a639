package io.sentimentstream.demo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.metrics.Percentiles;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.registry.BundleCopies;
import io.sentimentstream.registry.ModelRegistry;
import io.sentimentstream.registry.PublishedVersion;
import io.sentimentstream.registry.RegistryTopic;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Runs the real streams-app jar as a separate process against a broker and measures, per
 * {@link StreamScenario}: throughput while draining a backlog of reviews, end-to-end latency at a
 * steady rate below that throughput, lost and duplicated outputs (read_committed), and the
 * application's peak heap and RSS. The model's own throughput at the same batch size is measured
 * in this JVM just before, so the two can be compared within one run.
 */
public final class StreamBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchKafka kafka;
    private final AppLauncher launcher;
    private final Path model;
    private final List<Review> reviews;
    private final int backlog;
    private final int latencyReviews;
    private final int latencyWarmupSeconds;
    private final double latencyFraction;
    private final PrintWriter log;

    /**
     * @param bootstrapServers broker to use
     * @param appJar           the shaded streams-app jar
     * @param model            model bundle for the application and the model measurement
     * @param reviews          real reviews, cycled to make up the load
     * @param backlog          reviews in the throughput phase
     * @param partitions       partitions of the input and output topics
     * @param latencyReviews   reviews in the latency phase
     * @param latencyWarmupSeconds seconds at the latency phase's rate before it, not measured
     * @param latencyFraction  latency-phase rate as a fraction of the measured throughput
     * @param appCpus          CPUs to pin the application to ({@code taskset -c} syntax), so that it does
     *                         not share its cores with the broker and the clients; null for no pinning
     * @param log              progress lines
     */
    public StreamBenchmark(String bootstrapServers, Path appJar, Path model, List<Review> reviews, int backlog,
                           int partitions, int latencyReviews, int latencyWarmupSeconds, double latencyFraction,
                           String appCpus,
                           PrintWriter log) {
        this.kafka = new BenchKafka(bootstrapServers, partitions);
        this.launcher = new AppLauncher(bootstrapServers, appJar, model, appCpus, log);
        this.model = model;
        this.reviews = reviews;
        this.backlog = backlog;
        this.latencyReviews = latencyReviews;
        this.latencyWarmupSeconds = latencyWarmupSeconds;
        this.latencyFraction = latencyFraction;
        this.log = log;
    }

    /** Runs one scenario with fresh topics and a fresh application id. */
    public StreamResult run(StreamScenario scenario, int index) throws Exception {
        BenchTopics topics = BenchTopics.fresh("bench", index);
        String input = topics.reviews();
        String scored = topics.scored();
        kafka.createTopics(topics);

        ModelAlone alone = modelThroughput(scenario.batchSize());
        double modelRate = alone.perSecond();
        say("%s: model alone %.0f reviews/s, %.3f CPU ms/review at batch %d; producing %,d reviews", scenario.label(),
                modelRate, alone.cpuMsPerReview(), scenario.batchSize(), backlog);
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            for (int i = 0; i < backlog; i++) {
                String id = "b" + i;
                producer.send(new ProducerRecord<>(input, id,
                        BenchKafka.reviewJson(id, reviews.get(i % reviews.size()), 0)));
            }
            producer.flush();
        }

        List<String> settings = new ArrayList<>(List.of(
                "batch.size=" + scenario.batchSize(),
                "batch.max.wait.ms=" + scenario.maxWaitMs(),
                "stream.threads=" + scenario.streamThreads(),
                "streams.processing.guarantee=" + scenario.guarantee()));
        if (scenario.challenger()) {
            settings.addAll(challengerSettings(topics));
        }
        int port = AppLauncher.freePort();
        Process app = launcher.start(topics, port, scenario.label(), settings);
        MemorySampler memory = new MemorySampler(app, port);
        memory.start();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(scored, true)) {
            Outputs drained = collect(consumer, backlog, null, Duration.ofSeconds(Math.max(300, backlog / 20)),
                    () -> cpuNanos(app), app.pid(), () -> KafkaWaits.parse(memory.page()));
            double seconds = (drained.lastNanos - drained.firstNanos) / 1e9;
            double rate = (drained.distinct() - 1) / Math.max(1e-9, seconds);
            // The application's CPU time (all its threads: stream, producer, GC, JIT) per scored
            // review, whatever else runs on the cores; from the first quarter of the backlog on, so
            // that the JIT's warm-up (a third of the process's CPU in a short run) is left out.
            double appCpuMs = (drained.lastCpuNanos - drained.warmCpuNanos) / 1e6
                    / Math.max(1, drained.distinct() - drained.warmCount);
            int steadyReviews = Math.max(1, drained.distinct() - drained.halfCount);
            double steadyCpuMs = (drained.lastCpuNanos - drained.halfCpuNanos) / 1e6 / steadyReviews;
            say("%s: %,d scored at %.0f reviews/s, %.3f application CPU ms/review (%.3f over the second half: %s);"
                    + " now %,d at %.0f/s for latency", scenario.label(), drained.distinct(), rate, appCpuMs,
                    steadyCpuMs, ThreadCpu.perReview(drained.halfThreads, drained.lastThreads, steadyReviews),
                    latencyReviews, rate * latencyFraction);

            say("%s: the stream thread%s per review over the second half, ms: %s; this JVM (broker, producer,"
                    + " reader) %.3f ms CPU", scenario.label(), scenario.streamThreads() > 1 ? "s (together)" : "",
                    drained.streamTimes(scenario.streamThreads()), drained.benchCpuMs());

            if (scenario.challenger()) {
                say("%s: %,d of the %,d reviews were compared with the challenger", scenario.label(),
                        count(topics.challenger()), backlog);
            }

            // Half load means a steady state: the backlog's later stages (the label join, the metrics,
            // behind their repartition topics) finish first, or their catch-up is counted as latency.
            double caughtUpSeconds = awaitCaughtUp(topics.applicationId(), Duration.ofSeconds(120));
            say("%s: the application caught up on its internal topics %.1f s after the last scored review",
                    scenario.label(), caughtUpSeconds);

            double latencyRate = Math.max(1, rate * latencyFraction);
            // A paced stream runs other code than a backlog (batches ended by the wait, small
            // transactions and fetches): both JVMs' JIT compiled it during the first seconds at this
            // rate, on the same two cores, and that was counted as latency.
            int warmupReviews = (int) Math.round(latencyRate * latencyWarmupSeconds);
            Outputs warmup = new Outputs();
            if (warmupReviews > 0) {
                PacedProducer warming = new PacedProducer(kafka, input, reviews, "w", latencyRate, warmupReviews);
                warmup = collect(consumer, warmupReviews, "w", Duration.ofSeconds(Math.max(120,
                        latencyWarmupSeconds * 3L)), () -> 0L, -1, () -> KafkaWaits.NONE);
                warming.close();
            }
            PacedProducer paced = new PacedProducer(kafka, input, reviews, "l", latencyRate, latencyReviews);
            Outputs steady = collect(consumer, latencyReviews, "l", Duration.ofSeconds(Math.max(120,
                    (long) (latencyReviews / latencyRate) * 3)), () -> cpuNanos(app), app.pid(),
                    () -> KafkaWaits.parse(memory.page()));
            paced.close();
            double[] latencies = steady.latenciesMs();
            Path stagesFile = Files.createTempFile("streams-bench-", ".latency.csv");
            Files.write(stagesFile, steady.stageLines());
            say("%s: per review sent_at_ms, read, scored and received (ms since epoch) in %s", scenario.label(),
                    stagesFile);
            say("%s: the stream thread%s per review over the second half of the latency phase, ms: %s; this JVM"
                    + " (broker, producer, reader) %.3f ms CPU; the application %.3f ms CPU",
                    scenario.label(), scenario.streamThreads() > 1 ? "s (together)" : "",
                    steady.streamTimes(scenario.streamThreads()), steady.benchCpuMs(),
                    (steady.lastCpuNanos - steady.halfCpuNanos) / 1e6 / Math.max(1, steady.distinct() - steady.halfCount));
            say("%s: latency by stage, p50 / p99 ms: sent to read by the application %s, read to scored %s,"
                    + " scored to read by the consumer (commit) %s", scenario.label(), steady.stage(0),
                    steady.stage(1), steady.stage(2));
            long lost = (backlog - drained.distinct()) + (warmupReviews - warmup.distinct())
                    + (latencyReviews - steady.distinct());
            long duplicates = drained.duplicates + warmup.duplicates + steady.duplicates;
            memory.stop();
            Path metricsFile = Files.createTempFile("streams-bench-", ".metrics");
            Files.writeString(metricsFile, memory.lastMetrics());
            say("%s: the application's last /metrics page %s", scenario.label(), metricsFile);
            return new StreamResult(scenario, backlog, rate, modelRate, latencyRate, Percentiles.percentile(latencies, 50),
                    Percentiles.percentile(latencies, 95), Percentiles.percentile(latencies, 99), lost, duplicates,
                    memory.peakHeapBytes() / 1e6, memory.peakRssKb() / 1e3, appCpuMs, alone.cpuMsPerReview(),
                    steadyCpuMs);
        } finally {
            memory.stop();
            app.destroy();
            if (!app.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /**
     * Publishes the bundle as the champion and a copy under another version as the challenger, in a
     * registry of the scenario's own, and returns the settings that make the application follow it.
     */
    private List<String> challengerSettings(BenchTopics topics) throws Exception {
        kafka.createRegistryTopics(topics);
        Path copy = BundleCopies.withVersion(model, "bench-challenger", Files.createTempFile("challenger-", ".bundle"));
        try (ModelRegistry registry = ModelRegistry.connect(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new RegistryTopic(topics.models()), ModelRegistry.DEFAULT_MAX_BUNDLE_BYTES, Duration.ofSeconds(60))) {
            PublishedVersion champion = registry.publish(model, "bench");
            registry.promote(champion.version(), champion.name(), "bench");
            PublishedVersion challenger = registry.publish(copy, "bench");
            registry.challenge(challenger.version(), challenger.name(), "bench");
        } finally {
            Files.deleteIfExists(copy);
        }
        return List.of("model.registry.enabled=true", "model.registry.topic=" + topics.models(),
                "model.registry.challenger.topic=" + topics.challenger());
    }

    /**
     * Waits until the application has committed everything in every partition it reads; the
     * seconds waited ({@code timeout} when it had not, with a line saying so).
     */
    private double awaitCaughtUp(String applicationId, Duration timeout) throws Exception {
        long start = System.nanoTime();
        try (Admin admin = kafka.admin()) {
            long lag = BenchKafka.committedLag(admin, applicationId);
            while (lag > 0 && System.nanoTime() - start < timeout.toNanos()) {
                Thread.sleep(200);
                lag = BenchKafka.committedLag(admin, applicationId);
            }
            if (lag > 0) {
                say("the application still had %,d records to commit after %s", lag, timeout);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Records in {@code topic} (committed ones), read until none comes for two seconds. */
    private long count(String topic) {
        long count = 0;
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(topic, true)) {
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < 2_000_000_000L) {
                int read = consumer.poll(Duration.ofMillis(200)).count();
                if (read > 0) {
                    count += read;
                    quietSince = System.nanoTime();
                }
            }
        }
        return count;
    }

    /** The model's throughput in this JVM and its CPU time per review (the measuring thread's). */
    private record ModelAlone(double perSecond, double cpuMsPerReview) {
    }

    private ModelAlone modelThroughput(int batchSize) {
        SentimentModel scorer = SentimentModel.load(model);
        List<String> texts = reviews.stream().map(Review::text).toList();
        long end = System.nanoTime() + 2_000_000_000L;
        int offset = 0;
        while (System.nanoTime() < end) {
            scorer.predict(texts.subList(offset, Math.min(texts.size(), offset + batchSize)));
            offset = (offset + batchSize) % texts.size();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] rates = new double[5];
        double[] cpuMs = new double[5];
        for (int r = 0; r < rates.length; r++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long scoredCount = 0;
            while (System.nanoTime() - start < 2_000_000_000L) {
                int to = Math.min(texts.size(), offset + batchSize);
                scorer.predict(texts.subList(offset, to));
                scoredCount += to - offset;
                offset = to >= texts.size() ? 0 : to;
            }
            rates[r] = scoredCount / ((System.nanoTime() - start) / 1e9);
            cpuMs[r] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / scoredCount;
        }
        return new ModelAlone(Percentiles.percentile(rates, 50), Percentiles.percentile(cpuMs, 50));
    }

    /** The CPU time of this JVM so far: its in-process broker, producers and consumers. */
    private static long benchCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The CPU time of the application process so far (all threads), or 0 when unknown. */
    private static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** Scored outputs seen for one phase. */
    private static final class Outputs {
        final Map<String, Integer> seen = new HashMap<>();
        final List<Long> latencies = new ArrayList<>();
        /**
         * Per review, ms: sent to read by the application, read to scored, scored to read by the
         * consumer, and the send time (epoch ms) the first three start from.
         */
        final List<long[]> stages = new ArrayList<>();
        long firstNanos;
        long lastNanos;
        long warmCpuNanos;
        int warmCount;
        long lastCpuNanos;
        long halfBenchCpuNanos;
        long lastBenchCpuNanos;
        int halfCount;
        long halfCpuNanos;
        Map<String, Double> halfThreads = Map.of();
        Map<String, Double> lastThreads = Map.of();
        long halfNanos;
        KafkaWaits halfWaits = KafkaWaits.NONE;
        KafkaWaits lastWaits = KafkaWaits.NONE;
        long duplicates;

        int distinct() {
            return seen.size();
        }

        /** This JVM's CPU time per review over the second half: the broker, the producer and this reader. */
        double benchCpuMs() {
            return (lastBenchCpuNanos - halfBenchCpuNanos) / 1e6 / Math.max(1, distinct() - halfCount);
        }

        /** The stream threads' wall time per review over the second half, split (see {@link KafkaWaits}). */
        String streamTimes(int streamThreads) {
            int reviews = Math.max(1, distinct() - halfCount);
            double streamCpuMs = (lastThreads.getOrDefault(ThreadCpu.STREAM, 0.0)
                    - halfThreads.getOrDefault(ThreadCpu.STREAM, 0.0)) * 1000 / reviews;
            double wallMs = (lastNanos - halfNanos) / 1e6 / reviews * streamThreads;
            return lastWaits.perReview(halfWaits, reviews, streamCpuMs, wallMs);
        }

        List<String> stageLines() {
            List<String> lines = new ArrayList<>(List.of("sent_at_ms,read_ms,scored_ms,received_ms"));
            for (long[] stage : stages) {
                long read = stage[3] + stage[0];
                long scoredAt = read + stage[1];
                lines.add(stage[3] + "," + read + "," + scoredAt + "," + (scoredAt + stage[2]));
            }
            return lines;
        }

        String stage(int index) {
            double[] values = stages.stream().mapToDouble(stage -> stage[index]).toArray();
            return String.format(Locale.ROOT, "%.0f / %.0f", Percentiles.percentile(values, 50),
                    Percentiles.percentile(values, 99));
        }

        double[] latenciesMs() {
            return latencies.stream().mapToDouble(Long::doubleValue).toArray();
        }
    }

    private Outputs collect(KafkaConsumer<String, byte[]> consumer, int expected, String latencyPrefix,
                            Duration timeout, LongSupplier cpuNanos, long pid, Supplier<KafkaWaits> waits)
            throws IOException {
        Outputs outputs = new Outputs();
        long deadline = System.nanoTime() + timeout.toNanos();
        String prefix = latencyPrefix == null ? "b" : latencyPrefix;
        while (outputs.distinct() < expected && System.nanoTime() < deadline) {
            long lastBefore = outputs.lastNanos;
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                long now = System.currentTimeMillis();
                String id = record.key();
                if (id == null || !id.startsWith(prefix)) {
                    continue;
                }
                if (outputs.seen.merge(id, 1, Integer::sum) > 1) {
                    outputs.duplicates++;
                    continue;
                }
                if (outputs.distinct() == 1) {
                    outputs.firstNanos = System.nanoTime();
                }
                if (outputs.warmCount == 0 && outputs.distinct() >= Math.max(1, expected / 4)) {
                    outputs.warmCount = outputs.distinct();
                    outputs.warmCpuNanos = cpuNanos.getAsLong();
                }
                if (outputs.halfCount == 0 && outputs.distinct() >= Math.max(1, expected / 2)) {
                    outputs.halfCount = outputs.distinct();
                    outputs.halfCpuNanos = cpuNanos.getAsLong();
                    outputs.halfBenchCpuNanos = benchCpuNanos();
                    outputs.halfThreads = pid < 0 ? Map.of() : ThreadCpu.snapshot(pid);
                    outputs.halfWaits = waits.get();
                    outputs.halfNanos = System.nanoTime();
                }
                outputs.lastNanos = System.nanoTime();
                if (latencyPrefix != null) {
                    JsonNode scoredReview = JSON.readTree(record.value());
                    long sentAt = scoredReview.path("sent_at_ms").asLong();
                    long scoredAt = Instant.parse(scoredReview.path("scored_at").asText()).toEpochMilli();
                    long waited = scoredReview.path("latency_ms").asLong();
                    outputs.latencies.add(now - sentAt);
                    outputs.stages.add(new long[] {scoredAt - waited - sentAt, waited, now - scoredAt, sentAt});
                }
            }
            if (outputs.lastNanos != lastBefore) {
                outputs.lastCpuNanos = cpuNanos.getAsLong(); // once per poll: reading /proc is not free
                outputs.lastBenchCpuNanos = benchCpuNanos();
            }
        }
        if (pid >= 0) {
            outputs.lastThreads = ThreadCpu.snapshot(pid);
            outputs.lastWaits = waits.get();
        }
        return outputs;
    }

    /** Samples the application's heap from /metrics and reads its peak RSS from /proc. */
    private static final class MemorySampler {
        private final Process process;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        private final URI metrics;
        private final AtomicLong peakHeap = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile long peakRssKb;
        private volatile String lastMetrics = "";
        private Thread thread;

        MemorySampler(Process process, int port) {
            this.process = process;
            this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
        }

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    sample();
                    try {
                        // Each scrape of /metrics (every Kafka client metric as Prometheus text) cost the
                        // application ~8 MB of garbage and 5-6 % of its CPU when taken every 500 ms;
                        // VmHWM is a high-water mark anyway, only the heap peak is sampled.
                        Thread.sleep(2000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        /** The application's {@code /metrics} page now; empty when it cannot be read. */
        String page() {
            try {
                return http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException | RuntimeException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        private void sample() {
            String body = page();
            if (!body.isEmpty()) { // empty: not up yet, or shutting down
                lastMetrics = body;
                try {
                    long heap = 0;
                    for (String line : body.split("\n")) {
                        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                            heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        }
                    }
                    peakHeap.accumulateAndGet(heap, Math::max);
                } catch (RuntimeException e) {
                    // a page cut short by a shutdown
                }
            }
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        peakRssKb = Math.max(peakRssKb, Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process has ended
            }
        }

        void stop() {
            if (running.getAndSet(false)) {
                sample();
            }
        }

        long peakHeapBytes() {
            return peakHeap.get();
        }

        long peakRssKb() {
            return peakRssKb;
        }

        /** The application's last {@code /metrics} page (its Kafka clients' commit and transaction times). */
        String lastMetrics() {
            return lastMetrics;
        }
    }

    private void say(String format, Object... args) {
        log.printf(Locale.ROOT, format + "%n", args);
        log.flush();
    }
}
