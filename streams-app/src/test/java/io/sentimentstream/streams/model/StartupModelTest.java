package io.sentimentstream.streams.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.registry.ModelRegistry;
import io.sentimentstream.registry.RegistryTopic;
import io.sentimentstream.registry.TestBundleFiles;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.testing.SharedKafka;
import io.sentimentstream.streams.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Which model an instance starts with when it follows the registry. */
@ExtendWith(SharedKafka.class)
class StartupModelTest {

    @TempDir
    Path dir;

    @Test
    void theChampionWinsOverModelPathWhichServesWhenThereIsNone() throws Exception {
        String topic = registryTopic();
        Path file = TestModels.writeTiny(dir);
        StartupModel noChampion = StartupModel.choose(config(topic, file));
        assertEquals(ModelStatus.Origin.FILE, noChampion.origin());
        assertNull(noChampion.failure());

        Path champion = TestBundleFiles.withVersion(file, "7.0.0", dir.resolve("champion.bundle"));
        try (ModelRegistry registry = registry(topic, null)) {
            registry.publish(champion, "test");
            registry.promote("7.0.0", null, "test");
        }
        StartupModel started = StartupModel.choose(config(topic, dir.resolve("missing.bundle")));
        assertEquals(ModelStatus.Origin.REGISTRY, started.origin());
        assertEquals(new ModelRef("test-model", "7.0.0"), HotSwapScorers.refOf(started.model()));
    }

    @Test
    void aChampionThatDoesNotLoadFallsBackToModelPathAndIsReported() throws Exception {
        String topic = registryTopic();
        Path file = TestModels.writeTiny(dir);
        Path good = TestBundleFiles.withVersion(file, "8.0.0", dir.resolve("good.bundle"));
        Path broken = TestBundleFiles.withManifest(good, dir.resolve("broken.bundle"),
                manifest -> ((ObjectNode) manifest.get("checksums")).put("vocabulary.txt", "0".repeat(64)));
        try (ModelRegistry registry = registry(topic, good)) {
            registry.publish(broken, "test");
            registry.promote("8.0.0", null, "test");
        }
        StartupModel started = StartupModel.choose(config(topic, file));
        assertEquals(ModelStatus.Origin.FILE, started.origin());
        assertEquals(new ModelRef("test-model", "0.0.1"), HotSwapScorers.refOf(started.model()));
        assertEquals(new ModelRef("test-model", "8.0.0"), started.failure().version());
        assertTrue(started.failure().reason().contains("does not load"), started.failure().reason());

        StartupModel.FailedException nothing = assertThrows(StartupModel.FailedException.class,
                () -> StartupModel.choose(config(topic, dir.resolve("missing.bundle"))));
        assertTrue(nothing.getMessage().startsWith("model bundle not found"), nothing.getMessage());
    }

    @Test
    void aMissingRegistryTopicFailsStartUpWithOneLine() {
        StartupModel.FailedException missing = assertThrows(StartupModel.FailedException.class,
                () -> StartupModel.choose(config("no-such-registry-" + UUID.randomUUID(), dir.resolve("x.bundle"))));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    private static StreamsAppConfig config(String topic, Path modelPath) {
        return StreamsAppConfig.from(Map.of("bootstrap.servers", SharedKafka.bootstrapServers(),
                "model.path", modelPath.toString(), "model.registry.enabled", "true", "model.registry.topic", topic,
                "startup.timeout.ms", "20000"));
    }

    /** A registry client; with {@code passing}, one whose publish-time check passes any file (a faulty publisher). */
    private static ModelRegistry registry(String topic, Path passing) {
        Map<String, Object> client = Map.of("bootstrap.servers", SharedKafka.bootstrapServers());
        return passing == null
                ? ModelRegistry.connect(client, new RegistryTopic(topic), ModelRegistry.DEFAULT_MAX_BUNDLE_BYTES,
                        Duration.ofSeconds(30))
                : ModelRegistry.connect(client, new RegistryTopic(topic), ModelRegistry.DEFAULT_MAX_BUNDLE_BYTES,
                        Duration.ofSeconds(30), path -> SentimentModel.load(passing));
    }

    private static String registryTopic() throws Exception {
        String topic = "startup-models-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, RegistryTopic.PARTITIONS, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        return topic;
    }
}
