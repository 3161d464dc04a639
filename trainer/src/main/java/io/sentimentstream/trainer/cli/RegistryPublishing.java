package io.sentimentstream.trainer.cli;

import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.registry.ModelRegistry;
import io.sentimentstream.registry.PublishedVersion;
import io.sentimentstream.registry.RegistryTopic;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where {@code publish} and {@code train --publish} put a bundle: the model registry on Kafka
 * (brokers, client properties, topic). The same options as {@code sentiment-tools models}.
 */
public final class RegistryPublishing {

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOSTS",
            defaultValue = "${env:SENTIMENT_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka brokers of the model registry (default: $SENTIMENT_BOOTSTRAP_SERVERS or localhost:9092).")
    private String bootstrapServers;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Client properties for Kafka (security.protocol, sasl.*, ssl.*).")
    private Path commandConfig;

    @Option(names = "--registry-topic", paramLabel = "TOPIC", defaultValue = RegistryTopic.DEFAULT_NAME,
            description = "The registry topic (default: ${DEFAULT-VALUE}).")
    private String topic;

    /**
     * Verifies and publishes {@code bundle}.
     *
     * @throws io.sentimentstream.registry.RegistryException with one line when it is refused
     */
    PublishedVersion publish(Path bundle) {
        try (ModelRegistry registry = ModelRegistry.connect(clientConfig(), new RegistryTopic(topic),
                ModelRegistry.DEFAULT_MAX_BUNDLE_BYTES, Duration.ofSeconds(30), SentimentModel::load)) {
            return registry.publish(bundle, null);
        }
    }

    private Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        if (commandConfig != null) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(commandConfig, StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --command-config " + commandConfig + ": "
                        + e.getMessage(), e);
            }
            props.stringPropertyNames().forEach(name -> config.put(name, props.getProperty(name)));
        }
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }
}
