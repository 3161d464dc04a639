package io.sentimentstream.streams.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.model.ScoringEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsAppConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsComeFromTheSettings() {
        StreamsAppConfig config = StreamsAppConfig.from(Map.of("model.path", "m.bundle"));
        for (Setting setting : Setting.values()) {
            assertTrue(!setting.description().isBlank() && setting.envName().startsWith("SENTIMENT_"));
        }
        assertEquals(Setting.BOOTSTRAP_SERVERS.defaultValue(), config.bootstrapServers());
        assertEquals(Integer.parseInt(Setting.BATCH_SIZE.defaultValue()), config.batchSize());
        assertEquals(Duration.ofMillis(Long.parseLong(Setting.BATCH_MAX_WAIT_MS.defaultValue())), config.batchMaxWait());
        assertEquals(Setting.TOPIC_DLQ.defaultValue(), config.topics().dlq());
        assertEquals(ScoringEngine.AUTO, config.modelEngine());
        assertEquals(Path.of("m.bundle"), config.modelPath());
    }

    @Test
    void fileThenEnvironmentThenCommandLineWin() throws IOException {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "batch.size=8\nbatch.max.wait.ms=50\napplication.id=from-file\n"
                + "streams.commit.interval.ms=250\nstreams.num.standby.replicas=1\n");
        Map<String, String> env = Map.of(
                "SENTIMENT_BATCH_SIZE", "16",
                "SENTIMENT_APPLICATION_ID", "from-env",
                "KAFKA_STREAMS_COMMIT_INTERVAL_MS", "500",
                "KAFKA_STREAMS_CONSUMER_SESSION_TIMEOUT_MS", "12000",
                "UNRELATED", "x");
        StreamsAppConfig config = StreamsAppConfig.load(file, env, Map.of("application.id", "from-cli"));

        assertEquals(16, config.batchSize(), "environment over file");
        assertEquals(Duration.ofMillis(50), config.batchMaxWait(), "file over default");
        assertEquals("from-cli", config.applicationId(), "command line over environment");
        Properties streams = config.streamsProperties();
        assertEquals("500", streams.get("commit.interval.ms"), "KAFKA_STREAMS_* over streams.* in the file");
        assertEquals("1", streams.get("num.standby.replicas"));
        assertEquals("12000", streams.get("consumer.session.timeout.ms"));
        assertEquals("from-cli", streams.get(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    @Test
    void streamsDefaultsAreExactlyOnceWithDeadLettersAndCanBeOverridden() {
        Properties defaults = StreamsAppConfig.from(Map.of("stream.threads", "3")).streamsProperties();
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, defaults.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("3", defaults.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
        assertEquals("reviews-dlq", defaults.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
        assertEquals("-1", defaults.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG), "never waits on the labels topic");
        assertEquals("50", defaults.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG),
                "exactly-once results wait for the commit: a shorter interval than Kafka Streams' 100 ms");
        assertEquals(Duration.ofMillis(25), StreamsAppConfig.from(Map.of()).batchMaxWait());
        // Kafka Streams accepts the result as a whole.
        assertEquals(50L, new StreamsConfig(defaults).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));

        Properties overridden = StreamsAppConfig.from(Map.of("streams.processing.guarantee", "at_least_once"))
                .streamsProperties();
        assertEquals("at_least_once", overridden.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals(30_000L, new StreamsConfig(overridden).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG),
                "at-least-once results are visible when sent: Kafka Streams' own default");
        Properties chosen = StreamsAppConfig.from(Map.of("streams.commit.interval.ms", "200")).streamsProperties();
        assertEquals("200", chosen.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG), "an explicit interval wins");
    }

    @Test
    void mistakesAreReportedWithTheSettingsName() {
        assertMessage("batch.size", Map.of("batch.size", "0"));
        assertMessage("batch.size", Map.of("batch.size", "many"));
        assertMessage("batch.max.wait.ms", Map.of("batch.max.wait.ms", "0"));
        assertMessage("http.port", Map.of("http.port", "70000"));
        assertMessage("metrics.window.advance.ms", Map.of("metrics.window.size.ms", "1000",
                "metrics.window.advance.ms", "2000"));
        assertMessage("model.engine", Map.of("model.engine", "gpu"));
        assertMessage("bacth.size", Map.of("bacth.size", "4"));
        assertMessage("application.id", Map.of("application.id", " "));
        assertThrows(InvalidConfigException.class,
                () -> StreamsAppConfig.load(dir.resolve("missing.properties"), Map.of(), Map.of()));
    }

    private static void assertMessage(String expected, Map<String, String> settings) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> StreamsAppConfig.from(settings));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
