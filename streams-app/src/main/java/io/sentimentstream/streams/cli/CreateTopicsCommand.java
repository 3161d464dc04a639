package io.sentimentstream.streams.cli;

import io.sentimentstream.streams.admin.TopicCreator;
import io.sentimentstream.streams.admin.TopicDefinition;
import io.sentimentstream.streams.admin.TopicDefinitions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code create-topics}: creates the topics of a definitions file that do not exist yet. */
@Command(name = "create-topics", mixinStandardHelpOptions = true,
        description = "Creates the topics defined in topics/topics.json (bundled in the jar) that do not exist yet.")
public final class CreateTopicsCommand implements Callable<Integer> {

    @Mixin
    private KafkaClientOptions kafka;

    @Option(names = "--file", paramLabel = "FILE", description = "topic definitions (default: the bundled topics.json)")
    private Path file;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "replication factor for every topic, overriding the file (e.g. 1 on a one-broker cluster)")
    private Integer replicationFactor;

    @Option(names = "--timeout-ms", defaultValue = "30000", description = "per-request timeout (default ${DEFAULT-VALUE})")
    private long timeoutMs;

    @Option(names = "--dry-run", description = "print the definitions without contacting Kafka")
    private boolean dryRun;

    @Override
    public Integer call() {
        List<TopicDefinition> topics;
        try {
            topics = new ArrayList<>(file == null ? TopicDefinitions.bundled() : TopicDefinitions.read(file));
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        if (replicationFactor != null) {
            topics.replaceAll(topic -> topic.withReplicationFactor(replicationFactor));
        }
        if (dryRun) {
            for (TopicDefinition topic : topics) {
                System.out.printf("%s: %d partition(s), replication %s, config %s%n", topic.name(), topic.partitions(),
                        topic.replicationFactor() == -1 ? "broker default" : topic.replicationFactor(), topic.config());
            }
            return 0;
        }
        String bootstrapServers = kafka.bootstrapServers();
        Map<String, Object> clientConfig;
        try {
            clientConfig = kafka.clientConfig();
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        clientConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        try (Admin admin = Admin.create(clientConfig)) {
            for (TopicCreator.Result result : new TopicCreator(admin, Duration.ofMillis(timeoutMs)).createMissing(topics)) {
                System.out.printf("%-20s %-16s %s%n", result.topic(), result.status(), result.detail());
            }
            return 0;
        } catch (ExecutionException e) {
            return fail("cannot create the topics on " + bootstrapServers + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return fail("Kafka at " + bootstrapServers + " did not answer within " + timeoutMs + " ms");
        } catch (KafkaException e) {
            return fail("cannot reach Kafka at " + bootstrapServers + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    private static int fail(String message) {
        System.err.println("create-topics: error: " + message);
        return 1;
    }
}
