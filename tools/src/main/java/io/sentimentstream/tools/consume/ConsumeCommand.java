package io.sentimentstream.tools.consume;

import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.streams.admin.BrokerCheck;
import io.sentimentstream.tools.BrokerConnectionOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code consume}: prints scored reviews, dead letters or metrics as readable lines or raw JSON.
 * Reads with {@code isolation.level=read_committed}, so it sees exactly what exactly-once wrote.
 * Every line is made {@link TerminalText#safe safe for the terminal}: the raw JSON too, which is
 * whatever a producer wrote (Jackson leaves DEL and C1 controls unescaped).
 */
@Command(name = "consume", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print scored reviews, dead letters or metrics.")
public final class ConsumeCommand implements Callable<Integer> {

    /** Which output to read. */
    public enum What {
        /** reviews-scored. */
        SCORED,
        /** reviews-dlq. */
        DLQ,
        /** sentiment-metrics. */
        METRICS
    }

    @Spec
    private CommandSpec spec;

    @Option(names = {"-w", "--what"}, defaultValue = "scored", description = "scored, dlq or metrics (default: ${DEFAULT-VALUE}).")
    private What what;

    @Option(names = {"-t", "--topic"}, description = "Topic to read (default: reviews-scored, reviews-dlq or sentiment-metrics).")
    private String topic;

    @Option(names = "--json", description = "Print the raw JSON values.")
    private boolean json;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest.")
    private boolean fromBeginning;

    @Option(names = "--max", defaultValue = "0", description = "Stop after this many records, 0 for no limit (default: ${DEFAULT-VALUE}).")
    private int max;

    @Option(names = "--timeout", defaultValue = "0", description = "Stop after this many seconds without a record, 0 to wait forever (default: ${DEFAULT-VALUE}).")
    private double timeoutSeconds;

    @Mixin
    private BrokerConnectionOptions broker;

    @Override
    public Integer call() throws BrokerCheck.FailedException {
        if (max < 0 || timeoutSeconds < 0) {
            throw new IllegalArgumentException("--max and --timeout must not be negative");
        }
        String name = topic != null ? topic : switch (what) {
            case SCORED -> "reviews-scored";
            case DLQ -> "reviews-dlq";
            case METRICS -> "sentiment-metrics";
        };
        // A consumer polls an absent broker or topic silently forever; say so in seconds instead.
        broker.verify(List.of(name));
        PrintWriter out = spec.commandLine().getOut();
        int printed = 0;
        long idleSince = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(name));
            while (max == 0 || printed < max) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    if (timeoutSeconds > 0 && System.nanoTime() - idleSince > timeoutSeconds * 1e9) {
                        break;
                    }
                    continue;
                }
                idleSince = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    out.println(TerminalText.safe(format(record)));
                    if (++printed == max) {
                        break;
                    }
                }
                out.flush();
            }
        }
        spec.commandLine().getErr().printf(Locale.ROOT, "read %d record(s) from %s%n", printed, name);
        spec.commandLine().getErr().flush();
        return 0;
    }

    private String format(ConsumerRecord<String, byte[]> record) {
        if (json && what != What.DLQ) {
            return record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8);
        }
        try {
            return switch (what) {
                case SCORED -> ReadableLines.scored(ScoredReview.fromJson(record.value()), null);
                case METRICS -> ReadableLines.metrics(MetricsSnapshot.fromJson(record.value()));
                case DLQ -> ReadableLines.deadLetter(record.key(), record.value(), record.headers());
            };
        } catch (RuntimeException e) {
            // Another producer's record on the topic: show it raw rather than stop.
            return "unreadable record at offset " + record.offset() + ": "
                    + (record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8));
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.putAll(broker.clientConfig());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "sentiment-tools-consume-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
