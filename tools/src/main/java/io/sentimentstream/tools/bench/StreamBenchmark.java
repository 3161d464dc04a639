package io.sentimentstream.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.metrics.Percentiles;
import io.sentimentstream.core.model.SentimentModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs the real streams-app jar as a separate process against a broker and measures, per
 * {@link StreamScenario}: throughput while draining a backlog of reviews, end-to-end latency at a
 * steady rate below that throughput, lost and duplicated outputs (read_committed), and the
 * application's peak heap and RSS. The model's own throughput at the same batch size is measured
 * in this JVM just before, so the two can be compared within one run.
 */
public final class StreamBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final Path appJar;
    private final Path model;
    private final List<Review> reviews;
    private final int backlog;
    private final int partitions;
    private final int latencyReviews;
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
     * @param latencyFraction  latency-phase rate as a fraction of the measured throughput
     * @param log              progress lines
     */
    public StreamBenchmark(String bootstrapServers, Path appJar, Path model, List<Review> reviews, int backlog,
                           int partitions, int latencyReviews, double latencyFraction, PrintWriter log) {
        this.bootstrapServers = bootstrapServers;
        this.appJar = appJar;
        this.model = model;
        this.reviews = reviews;
        this.backlog = backlog;
        this.partitions = partitions;
        this.latencyReviews = latencyReviews;
        this.latencyFraction = latencyFraction;
        this.log = log;
    }

    /** Runs one scenario with fresh topics and a fresh application id. */
    public StreamResult run(StreamScenario scenario, int index) throws Exception {
        String suffix = "-bench" + index + "-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        String input = "reviews" + suffix;
        String scored = "reviews-scored" + suffix;
        createTopics(input, scored, "reviews-dlq" + suffix, "sentiment-metrics" + suffix);

        double modelRate = modelThroughput(scenario.batchSize());
        say("%s: model alone %.0f reviews/s at batch %d; producing %,d reviews", scenario.label(), modelRate,
                scenario.batchSize(), backlog);
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < backlog; i++) {
                String id = "b" + i;
                producer.send(new ProducerRecord<>(input, id, value(id, reviews.get(i % reviews.size()), 0)));
            }
            producer.flush();
        }

        int port = freePort();
        Process app = startApp(scenario, suffix, input, scored, port);
        MemorySampler memory = new MemorySampler(app, port);
        memory.start();
        try (KafkaConsumer<String, byte[]> consumer = consumer(scored)) {
            Outputs drained = collect(consumer, backlog, null, Duration.ofSeconds(Math.max(300, backlog / 20)));
            double seconds = (drained.lastNanos - drained.firstNanos) / 1e9;
            double rate = (drained.distinct() - 1) / Math.max(1e-9, seconds);
            say("%s: %,d scored at %.0f reviews/s; now %,d at %.0f/s for latency", scenario.label(),
                    drained.distinct(), rate, latencyReviews, rate * latencyFraction);

            double latencyRate = Math.max(1, rate * latencyFraction);
            AtomicBoolean producing = new AtomicBoolean(true);
            Thread paced = new Thread(() -> producePaced(input, latencyRate, producing), "paced-producer");
            paced.start();
            Outputs steady = collect(consumer, latencyReviews, "l", Duration.ofSeconds(Math.max(120,
                    (long) (latencyReviews / latencyRate) * 3)));
            producing.set(false);
            paced.join();
            double[] latencies = steady.latenciesMs();
            long lost = (backlog - drained.distinct()) + (latencyReviews - steady.distinct());
            long duplicates = drained.duplicates + steady.duplicates;
            memory.stop();
            return new StreamResult(scenario, backlog, rate, modelRate, latencyRate, Percentiles.percentile(latencies, 50),
                    Percentiles.percentile(latencies, 95), Percentiles.percentile(latencies, 99), lost, duplicates,
                    memory.peakHeapBytes() / 1e6, memory.peakRssKb() / 1e3);
        } finally {
            memory.stop();
            app.destroy();
            if (!app.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private double modelThroughput(int batchSize) {
        SentimentModel scorer = SentimentModel.load(model);
        List<String> texts = reviews.stream().map(Review::text).toList();
        long end = System.nanoTime() + 2_000_000_000L;
        int offset = 0;
        while (System.nanoTime() < end) {
            scorer.predict(texts.subList(offset, Math.min(texts.size(), offset + batchSize)));
            offset = (offset + batchSize) % texts.size();
        }
        double[] rates = new double[5];
        for (int r = 0; r < rates.length; r++) {
            long start = System.nanoTime();
            long scoredCount = 0;
            while (System.nanoTime() - start < 2_000_000_000L) {
                int to = Math.min(texts.size(), offset + batchSize);
                scorer.predict(texts.subList(offset, to));
                scoredCount += to - offset;
                offset = to >= texts.size() ? 0 : to;
            }
            rates[r] = scoredCount / ((System.nanoTime() - start) / 1e9);
        }
        return Percentiles.percentile(rates, 50);
    }

    private void producePaced(String topic, double perSecond, AtomicBoolean producing) {
        try (KafkaProducer<String, String> producer = producer()) {
            long start = System.nanoTime();
            for (int i = 0; i < latencyReviews && producing.get(); i++) {
                long due = start + (long) (i * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                String id = "l" + i;
                producer.send(new ProducerRecord<>(topic, id, value(id, reviews.get(i % reviews.size()),
                        System.currentTimeMillis())));
            }
            producer.flush();
        }
    }

    private String value(String id, Review review, long sentAtMs) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("text", review.text());
        if (review.label() != null) {
            node.put("label", review.label().label());
        }
        node.put("sent_at_ms", sentAtMs);
        return node.toString();
    }

    /** Scored outputs seen for one phase. */
    private static final class Outputs {
        final Map<String, Integer> seen = new HashMap<>();
        final List<Long> latencies = new ArrayList<>();
        long firstNanos;
        long lastNanos;
        long duplicates;

        int distinct() {
            return seen.size();
        }

        double[] latenciesMs() {
            return latencies.stream().mapToDouble(Long::doubleValue).toArray();
        }
    }

    private Outputs collect(KafkaConsumer<String, byte[]> consumer, int expected, String latencyPrefix,
                            Duration timeout) throws IOException {
        Outputs outputs = new Outputs();
        long deadline = System.nanoTime() + timeout.toNanos();
        String prefix = latencyPrefix == null ? "b" : latencyPrefix;
        while (outputs.distinct() < expected && System.nanoTime() < deadline) {
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
                outputs.lastNanos = System.nanoTime();
                if (latencyPrefix != null) {
                    JsonNode scoredReview = JSON.readTree(record.value());
                    outputs.latencies.add(now - scoredReview.path("sent_at_ms").asLong());
                }
            }
        }
        return outputs;
    }

    private Process startApp(StreamScenario s, String suffix, String input, String scored, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "--add-modules", "jdk.incubator.vector"));
        // e.g. BENCH_APP_JAVA_OPTS="-XX:StartFlightRecording=filename=app.jfr" to profile the application
        String extra = System.getenv("BENCH_APP_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", appJar.toString(),
                "--set", "bootstrap.servers=" + bootstrapServers,
                "--set", "application.id=sentiment-bench" + suffix,
                "--set", "topic.reviews=" + input,
                "--set", "topic.scored=" + scored,
                "--set", "topic.dlq=reviews-dlq" + suffix,
                "--set", "topic.metrics=sentiment-metrics" + suffix,
                "--set", "batch.size=" + s.batchSize(),
                "--set", "batch.max.wait.ms=" + s.maxWaitMs(),
                "--set", "stream.threads=" + s.streamThreads(),
                "--set", "model.path=" + model.toAbsolutePath(),
                "--set", "http.port=" + port,
                "--set", "streams.processing.guarantee=" + s.guarantee(),
                "--set", "streams.replication.factor=1"));
        Path logFile = Files.createTempFile("streams-bench-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        say("%s: application log %s", s.label(), logFile);
        return builder.start();
    }

    /** Samples the application's heap from /metrics and reads its peak RSS from /proc. */
    private static final class MemorySampler {
        private final Process process;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        private final URI metrics;
        private final AtomicLong peakHeap = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile long peakRssKb;
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
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            try {
                String body = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                long heap = 0;
                for (String line : body.split("\n")) {
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
                peakHeap.accumulateAndGet(heap, Math::max);
            } catch (IOException | RuntimeException e) {
                // not up yet, or shutting down
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
    }

    private void createTopics(String... names) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = new ArrayList<>();
            topics.add(new NewTopic(names[0], partitions, (short) 1));
            topics.add(new NewTopic(names[1], partitions, (short) 1));
            topics.add(new NewTopic(names[2], 1, (short) 1));
            topics.add(new NewTopic(names[3], 1, (short) 1));
            admin.createTopics(topics).all().get();
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, byte[]> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + topic);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> assigned = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assigned.add(new TopicPartition(topic, p));
        }
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        return consumer;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void say(String format, Object... args) {
        log.printf(Locale.ROOT, format + "%n", args);
        log.flush();
    }
}
