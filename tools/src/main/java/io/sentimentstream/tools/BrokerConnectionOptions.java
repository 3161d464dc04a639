package io.sentimentstream.tools;

import io.sentimentstream.streams.admin.BrokerCheck;
import io.sentimentstream.streams.cli.KafkaClientOptions;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options {@code produce} and {@code consume} share, as a picocli {@code @Mixin}: the Kafka
 * client options ({@code --bootstrap-servers}, {@code --command-config}) and how long to wait for
 * the brokers.
 */
public final class BrokerConnectionOptions {

    @Mixin
    private KafkaClientOptions client;

    @Option(names = "--connect-timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "How long to wait for the brokers before giving up (default: ${DEFAULT-VALUE}).")
    private int connectTimeoutSeconds;

    /** The client configuration: the {@code --command-config} properties and the brokers. */
    public Map<String, Object> clientConfig() {
        return client.clientConfig();
    }

    /**
     * Fails in seconds, with one line, when the brokers cannot be reached or a topic is missing;
     * a client alone would block, retry and log for a minute.
     */
    public void verify(Collection<String> topics) throws BrokerCheck.FailedException {
        if (connectTimeoutSeconds < 1) {
            throw new IllegalArgumentException("--connect-timeout must be positive");
        }
        BrokerCheck.verify(clientConfig(), topics, Duration.ofSeconds(connectTimeoutSeconds));
    }
}
