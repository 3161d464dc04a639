package io.sentimentstream.streams.model;

import io.sentimentstream.core.model.InvalidModelBundleException;
import io.sentimentstream.core.model.ScoringEngine;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.registry.BundleCheck;
import io.sentimentstream.registry.ModelRegistry;
import io.sentimentstream.registry.PublishedVersion;
import io.sentimentstream.registry.RegistryException;
import io.sentimentstream.registry.RegistryTopic;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.topology.RecordBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Takes a version from the registry and makes it a model ready to serve: assembles its bundle
 * (every chunk checked), loads it (the bundle's own checksums), checks it is the version it claims,
 * runs the smoke test, and, when a record budget is given, checks that the model's window and
 * token count still fit the records the application writes.
 */
final class RegistryModels implements AutoCloseable {

    private final ModelRegistry registry;
    private final ScoringEngine engine;

    RegistryModels(StreamsAppConfig config) {
        StreamsAppConfig.ModelRegistry settings = config.modelRegistry();
        this.registry = ModelRegistry.connect(clientConfig(config), new RegistryTopic(settings.topic()),
                settings.maxBundleBytes(), config.startupTimeout());
        this.engine = config.modelEngine();
    }

    /**
     * The Kafka client settings of the registry's readers: the application's own (brokers,
     * security), as its restore consumer has them.
     */
    static Map<String, Object> clientConfig(StreamsAppConfig config) {
        return new StreamsConfig(config.streamsProperties()).getRestoreConsumerConfigs("sentiment-models");
    }

    ModelRegistry registry() {
        return registry;
    }

    /**
     * The model of {@code version}, verified.
     *
     * @param budget the budget the application verified at start-up, or {@code null} at start-up
     * @throws RegistryException saying in one line why the version cannot serve
     */
    SentimentModel load(PublishedVersion version, RecordBudget budget) {
        Path bundle = null;
        try {
            bundle = Files.createTempFile("sentiment-model-", ".bundle");
            registry.fetch(version, bundle);
            SentimentModel model;
            try {
                model = SentimentModel.load(bundle, engine);
            } catch (InvalidModelBundleException | IllegalArgumentException e) {
                throw new RegistryException("version " + version.ref() + " does not load: " + e.getMessage(), e);
            }
            if (!HotSwapScorers.refOf(model).equals(version.ref())) {
                throw new RegistryException("version " + version.ref() + " holds a bundle of "
                        + HotSwapScorers.refOf(model));
            }
            BundleCheck.smokeTest(model);
            if (budget != null) {
                try {
                    new RecordBudget(budget.limits(), budget.maxRecordBytes(), model.windowChars(), model.maxTokens(),
                            version.ref().toString().length()).verify();
                } catch (IllegalArgumentException e) {
                    throw new RegistryException("version " + version.ref() + " does not fit the record budget: "
                            + e.getMessage(), e);
                }
            }
            return model;
        } catch (IOException e) {
            throw new RegistryException("cannot stage version " + version.ref() + ": " + e.getMessage(), e);
        } finally {
            if (bundle != null) {
                try {
                    Files.deleteIfExists(bundle);
                } catch (IOException e) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    @Override
    public void close() {
        registry.close();
    }
}
