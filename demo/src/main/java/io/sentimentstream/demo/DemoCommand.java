package io.sentimentstream.demo;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.core.model.DefaultModel;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.streams.ScoringApplication;
import io.sentimentstream.streams.admin.TopicCreator;
import io.sentimentstream.streams.admin.TopicDefinitions;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.testkit.EmbeddedKafkaBroker;
import io.sentimentstream.tools.consume.ReadableLines;
import io.sentimentstream.tools.consume.TerminalText;
import io.sentimentstream.tools.produce.OutgoingReview;
import io.sentimentstream.tools.produce.ReviewProducer;
import io.sentimentstream.tools.produce.ReviewSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole pipeline in one process. Starts an in-process Kafka broker (or uses
 * the one given), creates the topics, starts the scoring topology with the bundled model, streams
 * sample reviews into it and prints each scored review and the rolling accuracy as they arrive.
 * Runs until Ctrl-C, or until {@code --reviews} reviews are scored, then shuts everything down.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run broker, topics, topology, producer and a live view in one process.")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-n", "--reviews"}, defaultValue = "0", description = "Stop after this many scored reviews; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
    private int reviews;

    @Option(names = "--rate", defaultValue = "20", description = "Reviews produced per second (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = {"-b", "--bootstrap-servers"}, description = "Use this broker instead of starting one in process.")
    private String bootstrapServers;

    @Option(names = "--model", paramLabel = "BUNDLE", description = "Model bundle (default: $SENTIMENT_MODEL or " + DefaultModel.RELATIVE_PATH + ").")
    private Path model;

    @Option(names = "--data", paramLabel = "PATH", description = "Reviews to stream (default: ../shared/data/imdb/train.csv.gz if present, else a built-in sample).")
    private Path data;

    @Option(names = "--batch-size", defaultValue = "16", description = "Micro-batch size (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--http-port", defaultValue = "0", description = "Port of the dashboard (and /health, /metrics); 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--quiet", description = "Print only metrics lines, not every scored review.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (reviews < 0 || rate <= 0 || batchSize < 1 || httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("--reviews must not be negative; --rate and --batch-size must be positive;"
                    + " --http-port must be a port number");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path modelPath = model != null ? model : DefaultModel.locate();
        SentimentModel scorer = SentimentModel.load(modelPath);
        SampleReviews.Loaded sample = SampleReviews.load(data, scorer.manifest());
        say(out, "model %s %s (%s engine) from %s", scorer.manifest().name(), scorer.manifest().version(),
                scorer.engine(), modelPath);
        say(out, "%,d reviews from %s", sample.reviews().size(), sample.source());

        EmbeddedKafkaBroker broker = null;
        Path stateDir = Files.createTempDirectory("sentiment-demo-state");
        ScoringApplication app = null;
        Thread producerThread = null;
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch finished = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            running.set(false);
            finished.countDown();
            try {
                cleanedUp.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String bootstrap = bootstrapServers;
            if (bootstrap == null) {
                say(out, "starting an in-process Kafka broker (KRaft)...");
                broker = EmbeddedKafkaBroker.startQuietly();
                bootstrap = broker.bootstrapServers();
            }
            say(out, "broker %s; creating topics", bootstrap);
            createTopics(bootstrap);
            String runId = UUID.randomUUID().toString().substring(0, 8);
            app = ScoringApplication.start(config(bootstrap, modelPath, stateDir, runId), scorer);
            if (!app.awaitRunning(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the topology did not start within 60 s (state " + app.health().state() + ")");
            }
            say(out, "dashboard: http://localhost:%d/", app.httpPort());
            say(out, "topology running; streaming reviews at %.0f/s%s (Ctrl-C to stop)", rate,
                    reviews > 0 ? ", stopping after " + reviews : "");

            Map<String, String> texts = new ConcurrentHashMap<>();
            String producerBootstrap = bootstrap;
            producerThread = new Thread(() -> produce(producerBootstrap, sample.reviews(), runId, texts, running),
                    "demo-producer");
            producerThread.setDaemon(true);
            producerThread.start();
            long scored = view(bootstrap, texts, running, out);
            say(out, "scored %,d reviews; shutting down", scored);
        } finally {
            running.set(false);
            if (producerThread != null) {
                producerThread.join(5_000);
            }
            if (app != null) {
                app.close();
            }
            if (broker != null) {
                broker.close();
            }
            deleteQuietly(stateDir);
            cleanedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // Ctrl-C: the hook is running and now sees the clean-up done
            }
        }
        return 0;
    }

    private StreamsAppConfig config(String bootstrap, Path modelPath, Path stateDir, String runId) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", bootstrap);
        // A fresh application id per run: against an external broker, a demo starts from now.
        settings.put("application.id", "sentiment-demo-" + runId);
        settings.put("model.path", modelPath.toString());
        settings.put("batch.size", Integer.toString(batchSize));
        settings.put("batch.max.wait.ms", "100");
        settings.put("http.port", Integer.toString(httpPort));
        settings.put("metrics.window.size.ms", "10000");
        settings.put("metrics.window.advance.ms", "10000");
        settings.put("metrics.window.grace.ms", "2000");
        settings.put("metrics.emit.interval.ms", "2000");
        settings.put("streams.state.dir", stateDir.toString());
        return StreamsAppConfig.from(settings);
    }

    private void createTopics(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            new TopicCreator(admin, Duration.ofSeconds(30)).createMissing(TopicDefinitions.bundled());
        }
    }

    private void produce(String bootstrap, List<Review> sample, String runId, Map<String, String> texts,
                         AtomicBoolean running) {
        try (ReviewProducer producer = new ReviewProducer(bootstrap, "reviews")) {
            List<OutgoingReview> batch = new ArrayList<>();
            int sent = 0;
            long start = System.nanoTime();
            while (running.get() && (reviews == 0 || sent < reviews)) {
                Review review = sample.get(sent % sample.size());
                // Ids unique per pass, so a second pass over a small sample is new reviews.
                String id = review.id() + "-" + runId + "-" + sent / sample.size();
                texts.put(id, review.text());
                Review renamed = new Review(id, review.text(), review.label(), review.rating());
                batch.add(new OutgoingReview(id, ReviewSource.eventJson(renamed)));
                producer.send(batch, 0, n -> { });
                batch.clear();
                sent++;
                long due = start + (long) (sent * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        } catch (RuntimeException e) {
            if (running.get()) {
                System.err.println("error: producer stopped: " + e.getMessage());
            }
        }
    }

    /** Prints scored reviews and cumulative metrics until done; returns the number scored. */
    private long view(String bootstrap, Map<String, String> texts, AtomicBoolean running, PrintWriter out) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "sentiment-demo-view-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Earliest, so the first outputs are not missed while the consumer joins; records of earlier
        // runs on an external broker are told apart by their ids and emission times.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        java.time.Instant since = java.time.Instant.now().minusSeconds(1);
        long scored = 0;
        boolean metricsAfterLast = false;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("reviews-scored", "sentiment-metrics"));
            while (running.get() && (reviews == 0 || scored < reviews || !metricsAfterLast)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.topic().equals("reviews-scored")) {
                        ScoredReview review = ScoredReview.fromJson(record.value());
                        if (texts.containsKey(review.id())) {
                            scored++;
                            metricsAfterLast = false;
                            if (!quiet) {
                                out.println(TerminalText.safe(ReadableLines.scored(review, texts.remove(review.id()))));
                            }
                        }
                    } else {
                        MetricsSnapshot snapshot = MetricsSnapshot.fromJson(record.value());
                        if (snapshot.kind() == MetricsSnapshot.Kind.CUMULATIVE && snapshot.emittedAt().isAfter(since)) {
                            out.println("── " + TerminalText.safe(ReadableLines.metrics(snapshot)));
                            metricsAfterLast = scored > 0;
                        }
                    }
                }
                out.flush();
            }
        }
        return scored;
    }

    private static void say(PrintWriter out, String format, Object... args) {
        out.printf(Locale.ROOT, "» " + format + "%n", args);
        out.flush();
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
