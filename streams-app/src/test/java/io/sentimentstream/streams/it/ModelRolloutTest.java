package io.sentimentstream.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.registry.ModelRegistry;
import io.sentimentstream.registry.RegistryTopic;
import io.sentimentstream.registry.TestBundleFiles;
import io.sentimentstream.streams.ScoringApplication;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.model.ModelStatus;
import io.sentimentstream.streams.model.StartupModel;
import io.sentimentstream.streams.testing.OpsProbe;
import io.sentimentstream.streams.testing.ScoringScenario;
import io.sentimentstream.streams.testing.SharedKafka;
import io.sentimentstream.streams.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rolling out a model through the registry while two instances score a steady stream: every
 * review gets exactly one result, per partition the version changes once (old to new), a
 * roll-back returns to the old version, and a broken version leaves the old one serving.
 */
@ExtendWith(SharedKafka.class)
class ModelRolloutTest {

    private static final int PARTITIONS = 4;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path workDir;

    @Test
    void promoteRollBackAndABrokenVersionUnderLoadWithTwoInstances() throws Exception {
        Path v1 = TestBundleFiles.withVersion(TestModels.writeTiny(workDir), "1.0.0", workDir.resolve("v1.bundle"));
        Path v2 = TestBundleFiles.withVersion(v1, "2.0.0", workDir.resolve("v2.bundle"));
        Path v3 = TestBundleFiles.withVersion(v1, "3.0.0", workDir.resolve("v3.bundle"));
        // Version 3's bytes do not load (a checksum of the manifest does not match its entry).
        Path broken = TestBundleFiles.withManifest(v3, workDir.resolve("broken.bundle"),
                manifest -> ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("checksums"))
                        .put("vocabulary.txt", "0".repeat(64)));
        String registryTopic = "rollout-sentiment-models";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(registryTopic, RegistryTopic.PARTITIONS, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        Map<String, Object> client = Map.of("bootstrap.servers", SharedKafka.bootstrapServers());
        try (ScoringScenario scenario = new ScoringScenario(SharedKafka.bootstrapServers(), "rollout-", workDir);
             ModelRegistry registry = ModelRegistry.connect(client, new RegistryTopic(registryTopic),
                     ModelRegistry.DEFAULT_MAX_BUNDLE_BYTES, Duration.ofSeconds(30))) {
            scenario.createTopics(PARTITIONS);
            registry.publish(v1, "test");
            registry.promote("1.0.0", null, "test");

            StreamsAppConfig configA = config(scenario, registryTopic, "a");
            StartupModel startup = StartupModel.choose(configA);
            assertEquals(ModelStatus.Origin.REGISTRY, startup.origin(), "the champion wins over model.path");
            try (ScoringApplication a = ScoringApplication.start(configA, startup, Integer.MAX_VALUE);
                 ScoringApplication b = ScoringApplication.start(config(scenario, registryTopic, "b"),
                         StartupModel.choose(config(scenario, registryTopic, "b")), Integer.MAX_VALUE)) {
                List<ScoringApplication> apps = List.of(a, b);
                await(() -> a.health().ready() && b.health().ready(), "both instances running");

                // 1. Promote under load: every review once, per partition 1.0.0 then 2.0.0.
                try (Load load = new Load(scenario)) {
                    scenario.awaitScoredAtLeast(200, WAIT);
                    registry.publish(v2, "test");
                    registry.promote("2.0.0", null, "test");
                    awaitServing(apps, "test-model@2.0.0");
                    int sent = scenario.sent().size();
                    scenario.awaitScoredAtLeast(sent + 200, WAIT);
                }
                scenario.awaitOutputs(WAIT);
                ScoringScenario.Outputs outputs = scenario.settle(Duration.ofSeconds(2));
                scenario.assertEveryReviewScoredExactlyOnce(outputs);
                Map<Integer, List<String>> runs = versionRuns(outputs.scored());
                assertEquals(PARTITIONS, runs.size(), "every partition scored: " + runs);
                runs.forEach((partition, versions) -> assertEquals(List.of("1.0.0", "2.0.0"), versions,
                        "partition " + partition + ": the version changes once, old to new"));
                assertTrue(a.metrics().scoredCount() > 0 && b.metrics().scoredCount() > 0,
                        "both instances scored: " + a.metrics().scoredCount() + " and " + b.metrics().scoredCount());

                // 2. Roll back: 1.0.0 serves again.
                assertEquals("1.0.0", registry.rollBack("test").champion().version());
                awaitServing(apps, "test-model@1.0.0");
                int before = scenario.sent().size();
                scenario.producePlainText(texts(before, 100));
                outputs = awaitAll(scenario);
                assertEquals(List.of("1.0.0"), versionsAfter(outputs.scored(), before), "after the roll-back");

                // 3. A broken version: reported, never served; the old one keeps scoring.
                try (ModelRegistry lenient = ModelRegistry.connect(client, new RegistryTopic(registryTopic),
                        ModelRegistry.DEFAULT_MAX_BUNDLE_BYTES, Duration.ofSeconds(30),
                        path -> SentimentModel.load(v3))) { // a publisher whose check passed the broken file
                    lenient.publish(broken, "test");
                }
                registry.promote("3.0.0", null, "test");
                for (ScoringApplication app : apps) {
                    await(() -> health(app).path("model").path("registry").path("last_failure").path("version")
                            .asText().equals("test-model@3.0.0"), "the failure is reported in /health");
                    JsonNode health = health(app);
                    assertTrue(health.path("live").asBoolean(), "a failed load does not fail liveness: " + health);
                    assertEquals("test-model@1.0.0", health.path("model").path("serving").asText());
                    assertTrue(get(app, "/metrics").contains("sentiment_model_load_failures_total 1.0"),
                            "the failure is counted");
                }
                before = scenario.sent().size();
                scenario.producePlainText(texts(before, 100));
                outputs = awaitAll(scenario);
                assertEquals(List.of("1.0.0"), versionsAfter(outputs.scored(), before), "the old model still serves");
                scenario.assertEveryReviewScoredExactlyOnce(outputs);
                Thread.sleep(2000);
                for (ScoringApplication app : apps) {
                    assertTrue(get(app, "/metrics").contains("sentiment_model_load_failures_total 1.0"),
                            "not tried again while nothing new is published");
                }

                // 4. A good version published after it is taken up.
                Path v4 = TestBundleFiles.withVersion(v1, "4.0.0", workDir.resolve("v4.bundle"));
                registry.publish(v4, "test");
                registry.promote("4.0.0", null, "test");
                awaitServing(apps, "test-model@4.0.0");
            }
        }
    }

    /** Produces plain-text reviews in small bursts until closed. */
    private static final class Load implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile Exception failure;

        Load(ScoringScenario scenario) {
            thread = new Thread(() -> {
                try {
                    while (running.get()) {
                        scenario.producePlainText(texts(scenario.sent().size(), 20));
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    failure = e;
                }
            }, "rollout-load");
            thread.start();
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            thread.join();
            if (failure != null) {
                throw failure;
            }
        }
    }

    private StreamsAppConfig config(ScoringScenario scenario, String registryTopic, String instance) {
        // model.path names no file: the registry's champion must be what the instance starts with.
        Map<String, String> settings = new HashMap<>(scenario.settings("rollout-app", workDir.resolve("no.bundle")));
        settings.put("streams.state.dir", workDir.resolve("state-" + instance).toString());
        settings.put("model.registry.enabled", "true");
        settings.put("model.registry.topic", registryTopic);
        return StreamsAppConfig.from(settings);
    }

    private static List<String> texts(int from, int count) {
        String[] words = {"the movie was great", "awful plot and boring acting", "not good", "loved it !",
                "brilliant acting", "hated the plot"};
        List<String> texts = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            texts.add(words[i % words.length] + " " + i);
        }
        return texts;
    }

    /** Per input partition, the versions of its results in order with repeats collapsed. */
    private static Map<Integer, List<String>> versionRuns(List<ConsumerRecord<byte[], byte[]>> scored) {
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new TreeMap<>();
        scored.forEach(r -> byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r));
        Map<Integer, List<String>> runs = new LinkedHashMap<>();
        byPartition.forEach((partition, records) -> {
            List<String> versions = new ArrayList<>();
            records.stream().sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset)).forEach(r -> {
                String version = ScoredReview.fromJson(r.value()).model().version();
                if (versions.isEmpty() || !versions.get(versions.size() - 1).equals(version)) {
                    versions.add(version);
                }
            });
            runs.put(partition, versions);
        });
        return runs;
    }

    /** The distinct versions of the results of reviews sent from number {@code from} on ("plain-N" ids). */
    private static List<String> versionsAfter(List<ConsumerRecord<byte[], byte[]>> scored, int from) {
        return scored.stream().map(r -> ScoredReview.fromJson(r.value()))
                .filter(r -> Integer.parseInt(r.id().substring("plain-".length())) >= from)
                .map(r -> r.model().version()).distinct().toList();
    }

    private static ScoringScenario.Outputs awaitAll(ScoringScenario scenario) {
        scenario.awaitOutputs(WAIT);
        return scenario.settle(Duration.ofSeconds(1));
    }

    private static void awaitServing(List<ScoringApplication> apps, String model) throws Exception {
        for (ScoringApplication app : apps) {
            await(() -> health(app).path("model").path("serving").asText().equals(model), model + " in service");
        }
    }

    private static JsonNode health(ScoringApplication app) {
        return OpsProbe.health(app);
    }

    private static String get(ScoringApplication app, String path) {
        return OpsProbe.get(app, path);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        OpsProbe.await(condition, what, WAIT);
    }
}
