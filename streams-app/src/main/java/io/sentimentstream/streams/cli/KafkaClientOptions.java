package io.sentimentstream.streams.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * The options of every command that talks to Kafka, as a picocli {@code @Mixin}: where the
 * brokers are, and a file of client properties to reach them with (SASL, TLS), as Kafka's own
 * tools take it.
 */
public final class KafkaClientOptions {

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOSTS",
            defaultValue = "${env:SENTIMENT_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka brokers (default: $SENTIMENT_BOOTSTRAP_SERVERS or localhost:9092).")
    private String bootstrapServers;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Client properties for every Kafka client of the command, e.g. security.protocol, "
                    + "sasl.mechanism, sasl.jaas.config, ssl.truststore.location.")
    private Path commandConfig;

    /** The brokers. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * The client configuration: the {@code --command-config} properties, then the brokers.
     *
     * @throws IllegalArgumentException when the file cannot be read
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        if (commandConfig != null) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(commandConfig, StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --command-config " + commandConfig.toAbsolutePath()
                        + ": " + e.getMessage(), e);
            }
            props.stringPropertyNames().forEach(name -> config.put(name, props.getProperty(name)));
        }
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }
}
