package io.sentimentstream.demo.bench;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.registry.BundleCheck;
import io.sentimentstream.registry.BundleCopies;
import io.sentimentstream.registry.ModelRegistry;
import io.sentimentstream.registry.PublishedVersion;
import io.sentimentstream.registry.RegistryTopic;
import io.sentimentstream.testkit.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench-swap}: the hot swap. The streams-app jar runs as its own process, following the
 * registry, under a steady load; the benchmark publishes and promotes new versions of the bundle
 * (copies under other version names) and measures, per promotion, the time from the promote to the
 * first result scored by the new version, and the longest gap between two results around it against
 * the longest before. It also times publishing and fetching the bundle in chunks against one record
 * in a topic whose record limit was raised.
 */
@Command(name = "bench-swap", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the hot swap: promote to first result of the new version, gaps, publish/fetch times.")
public final class BenchSwapCommand implements Callable<Integer> {


    @Spec
    private CommandSpec spec;

    @Option(names = "--swaps", defaultValue = "5", description = "Promotions (default: ${DEFAULT-VALUE}).")
    private int swaps;

    @Option(names = "--rate", defaultValue = "200", description = "Reviews per second throughout (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--steady-seconds", defaultValue = "10", description = "Steady scoring before each promotion (default: ${DEFAULT-VALUE}).")
    private int steadySeconds;

    @Mixin
    private BenchOptions options;

    @Override
    public Integer call() throws Exception {
        Path appJar = options.appJar();
        Path bundle = options.model();
        List<Review> reviews = options.reviews();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter log = spec.commandLine().getErr();
        EmbeddedKafkaBroker broker = options.startBroker();
        String bootstrap = options.bootstrapServers(broker);
        Path work = Files.createTempDirectory("bench-swap-");
        out.printf(Locale.ROOT, "# Hot swap benchmark%n%n%s, broker %s (%s), %.0f reviews/s, %d promotions after %d s"
                        + " of steady scoring each, %d partitions, model %s (%,d bytes), %d cores, load average %.1f%n%n",
                Instant.now(), bootstrap, broker != null ? "in-process KRaft" : "external", rate, swaps, steadySeconds,
                options.partitions, bundle, Files.size(bundle), Runtime.getRuntime().availableProcessors(), loadAverage());
        out.flush();
        try {
            BenchKafka kafka = new BenchKafka(bootstrap, options.partitions);
            transfer(kafka, bundle, work, out);
            swapUnderLoad(kafka, appJar, bundle, reviews, work, out, log);
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        return 0;
    }

    /** Publish and fetch through the registry (chunks) against one record in a topic with a raised limit. */
    private void transfer(BenchKafka kafka, Path bundle, Path work, PrintWriter out) throws Exception {
        String registryTopic = "sentiment-models-transfer";
        String singleTopic = "sentiment-models-single-record";
        byte[] bytes = Files.readAllBytes(bundle);
        int limit = bytes.length + 1024 * 1024;
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(
                    new NewTopic(registryTopic, RegistryTopic.PARTITIONS, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(singleTopic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact",
                            "max.message.bytes", String.valueOf(limit))))).all().get();
        }
        double publish;
        double fetch;
        // What publishing spends on verifying (load and smoke test), timed alone once the JVM has loaded a bundle.
        BundleCheck.smokeTest(SentimentModel.load(bundle));
        long verifyStart = System.nanoTime();
        BundleCheck.smokeTest(SentimentModel.load(bundle));
        double verify = seconds(verifyStart);
        try (ModelRegistry registry = registry(kafka, registryTopic)) {
            long start = System.nanoTime();
            PublishedVersion version = registry.publish(bundle, "bench");
            publish = seconds(start);
            start = System.nanoTime();
            registry.fetch(version, work.resolve("fetched.bundle"));
            fetch = seconds(start);
        }
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producerProps.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(limit));
        producerProps.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(2L * limit));
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(singleTopic, 0, "bundle".getBytes(), bytes)).get();
        }
        double singlePublish = seconds(start);
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        consumerProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(limit));
        consumerProps.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(limit));
        start = System.nanoTime();
        int received = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(singleTopic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (received == 0 && seconds(start) < 60) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    received = record.value().length;
                }
            }
        }
        double singleFetch = seconds(start);
        out.printf(Locale.ROOT, "## Moving the bundle (%,d bytes)%n%n| how | publish | fetch | settings needed |%n"
                        + "|---|---|---|---|%n| registry: %d chunks of %d KiB, one transaction, every chunk checked | %.2f s"
                        + " (%.2f s of it verifying the bundle) | %.2f s | none (Kafka's defaults) |%n| one record, raised"
                        + " limits (no verification) | %.2f s | %.2f s | topic"
                        + " max.message.bytes, producer max.request.size and buffer.memory, every reader's"
                        + " max.partition.fetch.bytes and fetch.max.bytes ≥ %,d |%n%n",
                bytes.length, (bytes.length + RegistryTopic.CHUNK_BYTES - 1) / RegistryTopic.CHUNK_BYTES,
                RegistryTopic.CHUNK_BYTES / 1024, publish, verify, fetch, singlePublish, singleFetch, limit);
        out.flush();
    }

    private void swapUnderLoad(BenchKafka kafka, Path appJar, Path bundle, List<Review> reviews, Path work,
                               PrintWriter out, PrintWriter log) throws Exception {
        BenchTopics topics = BenchTopics.fresh("swap", 0);
        String registryTopic = "sentiment-models" + topics.suffix();
        kafka.createTopics(topics);
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(registryTopic, RegistryTopic.PARTITIONS, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        List<Row> rows = new ArrayList<>();
        double loadSeconds;
        try (ModelRegistry registry = registry(kafka, registryTopic)) {
            registry.publish(BundleCopies.withVersion(bundle, "swap-0", work.resolve("swap-0.bundle")), "bench");
            registry.promote("swap-0", null, "bench");
            int port = AppLauncher.freePort();
            Process app = new AppLauncher(kafka.bootstrapServers(), appJar, bundle, log).start(topics, port, "swap",
                    List.of("model.registry.enabled=true", "model.registry.topic=" + registryTopic));
            try (Results results = new Results(kafka.consumer(topics.scored(), true))) {
                if (new HealthProbe(port).await("/health/ready", System.nanoTime() + Duration.ofMinutes(3).toNanos()) == 0) {
                    throw new IllegalStateException("the application did not become ready in 3 minutes");
                }
                try (PacedProducer producer = new PacedProducer(kafka, topics.reviews(), reviews, "swap-", rate,
                        Long.MAX_VALUE)) {
                    Thread.sleep(steadySeconds * 1000L);
                    for (int i = 1; i <= swaps; i++) {
                        String version = "swap-" + i;
                        Path copy = BundleCopies.withVersion(bundle, version, work.resolve(version + ".bundle"));
                        long publishStart = System.nanoTime();
                        registry.publish(copy, "bench");
                        double publishSeconds = seconds(publishStart);
                        Thread.sleep(steadySeconds * 1000L);
                        long promotedMs = System.currentTimeMillis();
                        registry.promote(version, null, "bench");
                        Results.Result first = results.awaitFirst(version, Duration.ofMinutes(2));
                        if (first == null) {
                            throw new IllegalStateException(version + " produced no result within 2 minutes");
                        }
                        Thread.sleep(1000);
                        rows.add(new Row(version, publishSeconds, first.scoredAtMs() - promotedMs,
                                first.seenAtMs() - promotedMs,
                                results.longestGap(promotedMs, first.scoredAtMs() + 1000),
                                results.longestGap(promotedMs - steadySeconds * 1000L, promotedMs)));
                        log.printf(Locale.ROOT, "%s: first result scored %d ms after the promote%n", version,
                                first.scoredAtMs() - promotedMs);
                        log.flush();
                        Files.delete(copy);
                    }
                }
                loadSeconds = metric(port, "sentiment_model_load_seconds_sum")
                        / Math.max(1, metric(port, "sentiment_model_load_seconds_count"));
            } finally {
                app.destroy();
                app.waitFor();
            }
        }
        out.println("## Promote to the first result of the new version");
        out.println();
        out.println("One streams-app process (its own JVM, default settings) following the registry, reviews"
                + " produced throughout. Promote → first new result: from the promote command's start to the scoring"
                + " (`scored_at`) of the first result that names the new version, and to its arrival at a read_committed"
                + " consumer. Longest gap: the longest time between two consecutive results (by `scored_at`) from the"
                + " promote to a second after the first new result, and in the steady seconds before the promote.");
        out.println();
        out.println("| promotion | publish | promote → first new result scored | → seen (read_committed) "
                + "| longest gap around the swap | longest gap before |");
        out.println("|---|---|---|---|---|---|");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "| %s | %.2f s | %d ms | %d ms | %d ms | %d ms |%n", row.version, row.publishSeconds,
                    row.scoredMs, row.seenMs, row.swapGapMs, row.steadyGapMs);
        }
        List<Long> latencies = rows.stream().map(r -> r.scoredMs).sorted().toList();
        if (!latencies.isEmpty()) {
            out.printf(Locale.ROOT, "%nmedian promote → first new result scored %d ms (min %d, max %d); the"
                            + " application's mean time to assemble, load and verify a version"
                            + " (sentiment_model_load_seconds) %.2f s%n", latencies.get(latencies.size() / 2),
                    latencies.get(0), latencies.get(latencies.size() - 1), loadSeconds);
        }
        out.flush();
    }

    private record Row(String version, double publishSeconds, long scoredMs, long seenMs, long swapGapMs,
                       long steadyGapMs) {
    }

    /** Reads every result on a thread of its own: when it was scored, when it was seen, by which version. */
    private static final class Results implements AutoCloseable {
        record Result(long scoredAtMs, long seenAtMs, String version) {
        }

        private final List<Result> all = java.util.Collections.synchronizedList(new ArrayList<>());
        private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        private final Thread thread;

        Results(KafkaConsumer<String, byte[]> consumer) {
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                            ScoredReview review = ScoredReview.fromJson(record.value());
                            all.add(new Result(review.scoredAt().toEpochMilli(), System.currentTimeMillis(),
                                    review.model().version()));
                        }
                    }
                }
            }, "bench-swap-results");
            thread.start();
        }

        /** The first result of {@code version} seen, or {@code null} after {@code timeout}. */
        Result awaitFirst(String version, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (all) {
                    Result first = all.stream().filter(r -> r.version().equals(version))
                            .min(java.util.Comparator.comparingLong(Result::scoredAtMs)).orElse(null);
                    if (first != null) {
                        return first;
                    }
                }
                Thread.sleep(10);
            }
            return null;
        }

        /** The longest time between consecutive results scored from {@code fromMs} to {@code toMs}, the last one before included. */
        long longestGap(long fromMs, long toMs) {
            List<Long> times;
            synchronized (all) {
                times = all.stream().map(Result::scoredAtMs).sorted().toList();
            }
            long longest = 0;
            Long previous = null;
            for (long time : times) {
                if (time > toMs) {
                    break;
                }
                if (time >= fromMs && previous != null) {
                    longest = Math.max(longest, time - previous);
                }
                previous = time;
            }
            return longest;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    private static double metric(int port, String name) {
        try {
            String text = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static ModelRegistry registry(BenchKafka kafka, String topic) {
        return ModelRegistry.connect(Map.of("bootstrap.servers", kafka.bootstrapServers()), new RegistryTopic(topic),
                ModelRegistry.DEFAULT_MAX_BUNDLE_BYTES, Duration.ofSeconds(60));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
