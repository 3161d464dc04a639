package io.sentimentstream.tools.models;

import io.sentimentstream.registry.ModelRegistry;
import io.sentimentstream.registry.RegistryTopic;
import io.sentimentstream.tools.BrokerConnectionOptions;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the registry is: the brokers ({@code --bootstrap-servers}, {@code --command-config}) and the topic. */
public final class RegistryOptions {

    @Mixin
    private BrokerConnectionOptions broker;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = RegistryTopic.DEFAULT_NAME,
            description = "The registry topic (default: ${DEFAULT-VALUE}).")
    private String topic;

    @Option(names = "--max-bundle-bytes", paramLabel = "BYTES", defaultValue = "268435456",
            description = "Largest bundle published or read (default: ${DEFAULT-VALUE}).")
    private long maxBundleBytes;

    /** A registry client; checks first, in seconds, that the brokers answer and the topic exists. */
    public ModelRegistry open() throws Exception {
        broker.verify(List.of(topic));
        return ModelRegistry.connect(broker.clientConfig(), new RegistryTopic(topic), maxBundleBytes,
                Duration.ofSeconds(60));
    }
}
