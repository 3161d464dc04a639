package io.sentimentstream.demo.bench;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.testkit.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench-startup}: how long a fresh streams-app takes from launch to ready, and to score its
 * first batch. Per run: fresh topics, the jar launched as its own process with the given bundle,
 * the time to {@code /health/live} and {@code /health/ready}, then one batch of reviews produced at
 * once and the time until every one of them is read back (read_committed) from the scored topic.
 * {@code --app-jar} and {@code --model} take another build's jar and bundle, to compare builds on
 * the same machine and broker.
 */
@Command(name = "bench-startup", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the streams-app's start-up to ready and its first batch's latency.")
public final class BenchStartupCommand implements Callable<Integer> {

    private static final String PREFIX = "s";

    @Spec
    private CommandSpec spec;

    @Option(names = "--runs", defaultValue = "3", description = "Launches (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--first-batch", defaultValue = "32", description = "Reviews produced at once once the application is ready (default: ${DEFAULT-VALUE}).")
    int firstBatch;

    @Option(names = "--timeout-seconds", defaultValue = "120", description = "Longest wait for each step (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    BenchOptions options;

    private record Run(double liveSeconds, double readySeconds, double firstResultMs, double batchMs) {
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || firstBatch < 1 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("--runs, --first-batch and --timeout-seconds must be at least 1");
        }
        Path appJar = options.appJar();
        Path bundle = options.model();
        List<Review> reviews = options.reviews();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EmbeddedKafkaBroker broker = options.startBroker();
        String bootstrap = options.bootstrapServers(broker);
        out.printf(Locale.ROOT, "# Start-up benchmark%n%n%s, app %s (%,d bytes), model %s (%,d bytes), broker %s, "
                        + "%d partitions, first batch %d reviews, %d cores, load average %.1f%n%n",
                Instant.now(), appJar, Files.size(appJar), bundle, Files.size(bundle),
                broker != null ? "in-process KRaft" : bootstrap, options.partitions, firstBatch,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        out.flush();
        List<Run> results = new ArrayList<>();
        try {
            BenchKafka kafka = new BenchKafka(bootstrap, options.partitions);
            for (int r = 0; r < runs; r++) {
                results.add(run(kafka, appJar, bundle, reviews, r, err));
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        out.println("| run | launch → ops port up (s) | launch → ready (s) | first result (ms) | whole first batch (ms) |");
        out.println("|---|---|---|---|---|");
        for (int r = 0; r < results.size(); r++) {
            Run run = results.get(r);
            out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.0f | %.0f |%n", r + 1, run.liveSeconds(), run.readySeconds(),
                    run.firstResultMs(), run.batchMs());
        }
        out.printf(Locale.ROOT, "| median | %.2f | %.2f | %.0f | %.0f |%n",
                median(results.stream().mapToDouble(Run::liveSeconds).toArray()),
                median(results.stream().mapToDouble(Run::readySeconds).toArray()),
                median(results.stream().mapToDouble(Run::firstResultMs).toArray()),
                median(results.stream().mapToDouble(Run::batchMs).toArray()));
        out.printf(Locale.ROOT, "%n%s, load average %.1f%n", Instant.now(), loadAverage());
        out.flush();
        return 0;
    }

    private Run run(BenchKafka kafka, Path appJar, Path bundle, List<Review> reviews, int index, PrintWriter err)
            throws Exception {
        BenchTopics topics = BenchTopics.fresh("startup", index);
        kafka.createTopics(topics);
        int port = AppLauncher.freePort();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long launched = System.nanoTime();
        Process app = new AppLauncher(kafka.bootstrapServers(), appJar, bundle, err)
                .start(topics, port, "run " + (index + 1), List.of());
        try {
            HealthProbe probe = new HealthProbe(port);
            long live = probe.await("/health/live", deadline);
            long ready = probe.await("/health/ready", deadline);
            if (live == 0 || ready == 0) {
                throw new IllegalStateException("the application was not ready within " + timeoutSeconds + " s");
            }
            try (KafkaConsumer<String, byte[]> scored = kafka.consumer(topics.scored(), true);
                 KafkaProducer<String, String> producer = kafka.producer()) {
                long sent = System.nanoTime();
                for (int i = 0; i < firstBatch; i++) {
                    String id = PREFIX + i;
                    producer.send(new ProducerRecord<>(topics.reviews(), id,
                            BenchKafka.reviewJson(id, reviews.get(i % reviews.size()), System.currentTimeMillis())));
                }
                producer.flush();
                Set<String> seen = new HashSet<>();
                long first = 0;
                long last = 0;
                while (seen.size() < firstBatch && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> record : scored.poll(Duration.ofMillis(10))) {
                        if (record.key() != null && record.key().startsWith(PREFIX) && seen.add(record.key())) {
                            last = System.nanoTime();
                            first = first == 0 ? last : first;
                        }
                    }
                }
                if (seen.size() < firstBatch) {
                    throw new IllegalStateException("only " + seen.size() + " of the first batch scored within "
                            + timeoutSeconds + " s");
                }
                return new Run((live - launched) / 1e9, (ready - launched) / 1e9, (first - sent) / 1e6,
                        (last - sent) / 1e6);
            }
        } finally {
            app.destroy();
            if (!app.waitFor(40, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
