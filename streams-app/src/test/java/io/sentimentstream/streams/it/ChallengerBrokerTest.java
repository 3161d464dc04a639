package io.sentimentstream.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.registry.ModelRegistry;
import io.sentimentstream.registry.RegistryTopic;
import io.sentimentstream.registry.TestBundleFiles;
import io.sentimentstream.streams.ScoringApplication;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.model.StartupModel;
import io.sentimentstream.streams.serde.EventSerdes;
import io.sentimentstream.streams.testing.OpsProbe;
import io.sentimentstream.streams.testing.ScoringScenario;
import io.sentimentstream.streams.testing.SharedKafka;
import io.sentimentstream.streams.testing.TestModels;
import io.sentimentstream.streams.testing.TopicReader;
import io.sentimentstream.streams.topology.ChallengerComparison;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A challenger named in the registry on a real broker: comparisons appear on the challenger topic,
 * the scored topic keeps the champion's verdicts only, and promoting the challenger ends them.
 */
@ExtendWith(SharedKafka.class)
class ChallengerBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path workDir;

    @Test
    void promoteChallengerThenSeeComparisonsThenPromoteItAndTheyStop() throws Exception {
        try (Running running = startWithChallenger("challenger-")) {
            ScoringScenario scenario = running.scenario();
            ScoringApplication app = running.app();
            scenario.producePlainText(texts(0, 40));
            List<ChallengerComparison> compared = running.comparisons().readUntil(records -> records.size() >= 40, WAIT)
                    .stream().map(ChallengerBrokerTest::comparison).toList();
            assertEquals(scenario.sent().keySet(), compared.stream().map(ChallengerComparison::id)
                    .collect(Collectors.toSet()), "one comparison per review");
            ScoringScenario.Outputs outputs = scenario.awaitOutputs(WAIT);
            Map<String, Double> championProbability = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : outputs.scored()) {
                ScoredReview scored = ScoredReview.fromJson(record.value());
                assertEquals("1.0.0", scored.model().version(), "only the champion writes reviews-scored");
                championProbability.put(scored.id(), scored.probability());
            }
            for (ChallengerComparison c : compared) {
                assertEquals("test-model@1.0.0", c.champion().model());
                assertEquals("test-model@2.0.0", c.challenger().model());
                // Version 2 is version 1's network under another name: the same verdicts.
                assertTrue(c.agree(), c.toString());
                assertEquals(championProbability.get(c.id()), c.challenger().probability(), 0);
            }
            String metrics = get(app, "/metrics");
            assertTrue(metrics.contains("sentiment_challenger_agreement 1.0"), "agreement in /metrics");
            assertTrue(metrics.contains("sentiment_challenger_compared 40.0"), "compared in /metrics");

            // Promote the challenger: it serves, and the comparisons stop.
            running.registry().promote("2.0.0", null, "test");
            await(() -> health(app).path("model").path("serving").asText().equals("test-model@2.0.0")
                    && registryHealth(app).path("challenger").isNull(), "the challenger promoted and dropped");
            assertNoComparisonsFrom(40, running, "2.0.0");
        }
    }

    @Test
    void clearingTheChallengerStopsItsComparisonsWithoutARestartAndTheChampionStays() throws Exception {
        try (Running running = startWithChallenger("cleared-")) {
            running.scenario().producePlainText(texts(0, 20));
            assertEquals(20, running.comparisons().readUntil(records -> records.size() >= 20, WAIT).size());

            // what `models clear-challenger` does
            running.registry().clearChallenger("test");
            ScoringApplication app = running.app();
            await(() -> registryHealth(app).path("challenger").isNull(), "the challenger dropped");
            assertEquals("test-model@1.0.0", health(app).path("model").path("serving").asText(), "the champion stays");
            assertNoComparisonsFrom(20, running, "1.0.0");
            assertTrue(get(app, "/metrics").contains("sentiment_challenger_compared 20.0"), "nothing compared since");
            assertTrue(app.health().live(), "no restart");
        }
    }

    /** Sends 40 more reviews from number {@code from}: all scored by {@code version}, none compared. */
    private static void assertNoComparisonsFrom(int from, Running running, String version) throws Exception {
        ScoringScenario scenario = running.scenario();
        scenario.producePlainText(texts(from, 40));
        ScoringScenario.Outputs outputs = scenario.awaitOutputs(WAIT);
        Set<String> after = outputs.scored().stream().map(r -> ScoredReview.fromJson(r.value()))
                .filter(r -> number(r.id()) >= from).map(r -> r.model().version()).collect(Collectors.toSet());
        assertEquals(Set.of(version), after);
        List<ConsumerRecord<byte[], byte[]>> more = running.comparisons().readFor(Duration.ofSeconds(3));
        assertEquals(List.of(), more.stream().map(r -> comparison(r).id()).filter(id -> number(id) >= from)
                .toList(), "no comparisons without a challenger");
    }

    /** An application following a registry whose champion is 1.0.0 and challenger 2.0.0, the challenger loaded. */
    private Running startWithChallenger(String prefix) throws Exception {
        Path v1 = TestBundleFiles.withVersion(TestModels.writeTiny(workDir), "1.0.0", workDir.resolve("v1.bundle"));
        Path v2 = TestBundleFiles.withVersion(v1, "2.0.0", workDir.resolve("v2.bundle"));
        String registryTopic = prefix + "sentiment-models";
        String challengerTopic = prefix + "reviews-challenger";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(registryTopic, RegistryTopic.PARTITIONS, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")), new NewTopic(challengerTopic, 1, (short) 1)))
                    .all().get();
        }
        Map<String, Object> client = Map.of("bootstrap.servers", SharedKafka.bootstrapServers());
        ScoringScenario scenario = new ScoringScenario(SharedKafka.bootstrapServers(), prefix, workDir);
        ModelRegistry registry = ModelRegistry.connect(client, new RegistryTopic(registryTopic),
                ModelRegistry.DEFAULT_MAX_BUNDLE_BYTES, Duration.ofSeconds(30));
        scenario.createTopics(2);
        registry.publish(v1, "test");
        registry.promote("1.0.0", null, "test");
        registry.publish(v2, "test");
        registry.challenge("2.0.0", null, "test"); // what `models promote 2.0.0 --challenger` does

        Map<String, String> settings = new HashMap<>(scenario.settings(prefix + "app", workDir.resolve("no.bundle")));
        settings.put("streams.state.dir", workDir.resolve("state").toString());
        settings.put("model.registry.enabled", "true");
        settings.put("model.registry.topic", registryTopic);
        settings.put("model.registry.challenger.topic", challengerTopic);
        StreamsAppConfig config = StreamsAppConfig.from(settings);
        ScoringApplication app = ScoringApplication.start(config, StartupModel.choose(config), Integer.MAX_VALUE);
        Running running = new Running(scenario, registry, app,
                new TopicReader(SharedKafka.bootstrapServers(), challengerTopic));
        try {
            await(() -> app.health().ready()
                    && registryHealth(app).path("challenger").asText().equals("test-model@2.0.0"), "the challenger loaded");
        } catch (Throwable t) {
            running.close();
            throw t;
        }
        return running;
    }

    /** What {@link #startWithChallenger} started, closed in reverse. */
    private record Running(ScoringScenario scenario, ModelRegistry registry, ScoringApplication app,
                           TopicReader comparisons) implements AutoCloseable {
        @Override
        public void close() {
            comparisons.close();
            app.close();
            registry.close();
            scenario.close();
        }
    }

    @Test
    void aChallengerWithoutItsTopicIsRefusedAndTheChampionKeepsScoring() throws Exception {
        Path v1 = TestBundleFiles.withVersion(TestModels.writeTiny(workDir), "1.0.0", workDir.resolve("v1.bundle"));
        Path v2 = TestBundleFiles.withVersion(v1, "2.0.0", workDir.resolve("v2.bundle"));
        String registryTopic = "nochallenger-sentiment-models";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(registryTopic, RegistryTopic.PARTITIONS, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        Map<String, Object> client = Map.of("bootstrap.servers", SharedKafka.bootstrapServers());
        try (ScoringScenario scenario = new ScoringScenario(SharedKafka.bootstrapServers(), "nochallenger-", workDir);
             ModelRegistry registry = ModelRegistry.connect(client, new RegistryTopic(registryTopic),
                     ModelRegistry.DEFAULT_MAX_BUNDLE_BYTES, Duration.ofSeconds(30))) {
            scenario.createTopics(2);
            registry.publish(v1, "test");
            registry.promote("1.0.0", null, "test");
            registry.publish(v2, "test");
            registry.challenge("2.0.0", null, "test");

            Map<String, String> settings = new HashMap<>(scenario.settings("nochallenger-app", workDir.resolve("no.bundle")));
            settings.put("streams.state.dir", workDir.resolve("state").toString());
            settings.put("model.registry.enabled", "true");
            settings.put("model.registry.topic", registryTopic);
            settings.put("model.registry.challenger.topic", "nochallenger-missing-topic");
            StreamsAppConfig config = StreamsAppConfig.from(settings);
            try (ScoringApplication app = ScoringApplication.start(config, StartupModel.choose(config), Integer.MAX_VALUE)) {
                await(() -> app.health().ready() && registryHealth(app).path("last_failure").path("reason").asText()
                        .contains("does not exist"), "the challenger refused for its missing topic");
                assertTrue(registryHealth(app).path("challenger").isNull(), registryHealth(app).toString());

                scenario.producePlainText(texts(0, 20));
                ScoringScenario.Outputs outputs = scenario.awaitOutputs(WAIT);
                assertEquals(scenario.sent().keySet(), outputs.scored().stream()
                        .map(r -> ScoredReview.fromJson(r.value()).id()).collect(Collectors.toSet()),
                        "the champion scores every review");
                assertTrue(app.health().live(), "still running");
            }
        }
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring("plain-".length()));
    }

    private static ChallengerComparison comparison(ConsumerRecord<byte[], byte[]> record) {
        return EventSerdes.internal(ChallengerComparison.class).deserializer().deserialize(record.topic(),
                record.value());
    }

    private static List<String> texts(int from, int count) {
        String[] words = {"the movie was great", "awful plot and boring acting", "not good", "loved it !"};
        List<String> texts = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            texts.add(words[i % words.length] + " " + i);
        }
        return texts;
    }

    private static JsonNode registryHealth(ScoringApplication app) {
        return health(app).path("model").path("registry");
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
