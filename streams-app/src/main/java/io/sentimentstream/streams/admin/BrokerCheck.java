package io.sentimentstream.streams.admin;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;

/**
 * Start-up check that the brokers answer and the topics exist, so that a wrong address or a
 * forgotten {@code create-topics} is one clear line instead of Kafka Streams retrying in the logs.
 */
public final class BrokerCheck {

    /** The brokers cannot be reached or a topic is missing; the message says which. */
    public static final class FailedException extends Exception {
        private static final long serialVersionUID = 1L;

        FailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private BrokerCheck() {
    }

    /**
     * Checks the cluster.
     *
     * @param adminConfig client settings (bootstrap servers, security)
     * @param topics      topics that must exist
     * @param timeout     how long to wait for the brokers
     * @return the number of brokers
     */
    public static int verify(Map<String, Object> adminConfig, Collection<String> topics, Duration timeout)
            throws FailedException {
        String bootstrap = String.valueOf(adminConfig.get("bootstrap.servers"));
        Admin client;
        try {
            client = Admin.create(adminConfig);
        } catch (KafkaException e) {
            throw new FailedException("cannot reach Kafka at " + bootstrap + " (" + e.getMessage() + ")", e);
        }
        try (Admin admin = client) {
            Collection<Node> nodes;
            Set<String> existing;
            try {
                nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                        .nodes().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                existing = admin.listTopics(new ListTopicsOptions().timeoutMs((int) timeout.toMillis()))
                        .names().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                throw new FailedException("cannot reach Kafka at " + bootstrap + " within " + timeout.toSeconds()
                        + " s (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")", cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FailedException("interrupted while checking Kafka at " + bootstrap, e);
            }
            Set<String> missing = new TreeSet<>(topics);
            missing.removeAll(existing);
            if (!missing.isEmpty()) {
                throw new FailedException("topic(s) " + List.copyOf(missing) + " do not exist on " + bootstrap
                        + "; create them with: java -jar streams-app.jar create-topics --bootstrap-servers "
                        + bootstrap, null);
            }
            return nodes.size();
        }
    }

    /**
     * The smallest {@code max.message.bytes} of the given topics (the largest record all of them
     * take), or empty when the brokers do not say (e.g. no permission to describe configs).
     */
    public static OptionalInt smallestMaxMessageBytes(Map<String, Object> adminConfig, Collection<String> topics,
                                                      Duration timeout) {
        try (Admin admin = Admin.create(adminConfig)) {
            List<ConfigResource> resources = topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources)
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return configs.values().stream()
                    .map(config -> config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG))
                    .filter(entry -> entry != null && entry.value() != null)
                    .mapToInt(entry -> Integer.parseInt(entry.value()))
                    .min();
        } catch (ExecutionException | TimeoutException | KafkaException | NumberFormatException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
