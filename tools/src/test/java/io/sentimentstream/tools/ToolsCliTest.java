package io.sentimentstream.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.core.model.TestBundles;
import io.sentimentstream.streams.ScoringApplication;
import io.sentimentstream.streams.admin.TopicCreator;
import io.sentimentstream.streams.admin.TopicDefinition;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.testkit.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tools against a real in-process KRaft broker with the scoring topology running: a file
 * produced comes back scored exactly once through {@code consume}; bad files and bad flags get
 * clear messages and non-zero exits; {@code predict} prints results and nothing else.
 */
class ToolsCliTest {

    private static final String INPUT = "cli-reviews";
    private static final String SCORED = "cli-reviews-scored";

    @TempDir
    static Path dir;
    static EmbeddedKafkaBroker broker;
    static ScoringApplication app;
    static Path bundle;

    @BeforeAll
    static void startBrokerAndTopology() throws Exception {
        broker = EmbeddedKafkaBroker.startQuietly();
        bundle = dir.resolve("tiny.bundle");
        ModelBundleFile.write(TestBundles.tiny(), bundle);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            new TopicCreator(admin, Duration.ofSeconds(30)).createMissing(List.of(
                    new TopicDefinition(INPUT, "input", 3, -1, Map.of()),
                    new TopicDefinition(SCORED, "scored", 3, -1, Map.of()),
                    new TopicDefinition("cli-dlq", "dead letters", 1, -1, Map.of()),
                    new TopicDefinition("cli-metrics", "metrics", 1, -1, Map.of()),
                    new TopicDefinition("cli-labels", "labels", 3, -1, Map.of()),
                    new TopicDefinition("cli-alerts", "alerts", 1, -1, Map.of())));
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("bootstrap.servers", broker.bootstrapServers());
        settings.put("application.id", "tools-cli-test");
        settings.put("topic.reviews", INPUT);
        settings.put("topic.scored", SCORED);
        settings.put("topic.dlq", "cli-dlq");
        settings.put("topic.metrics", "cli-metrics");
        settings.put("topic.labels", "cli-labels");
        settings.put("topic.alerts", "cli-alerts");
        settings.put("http.port", "0");
        settings.put("batch.max.wait.ms", "50");
        settings.put("model.path", bundle.toString());
        settings.put("streams.state.dir", dir.resolve("state").toString());
        app = ScoringApplication.start(StreamsAppConfig.from(settings), new SentimentModel(TestBundles.tiny()));
        assertTrue(app.awaitRunning(Duration.ofSeconds(60)), "topology did not start");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SentimentTools.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void producedFileComesBackScoredExactlyOnce() throws IOException {
        StringBuilder csv = new StringBuilder("id,rating,label,text\n");
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
            String id = "cli-" + i;
            ids.add(id);
            csv.append(id).append(i % 2 == 0 ? ",9,pos,\"Great movie, loved it " : ",2,neg,\"Awful boring plot ")
                    .append(i).append("\"\n");
        }
        Result produced = run("produce", "--file", write("reviews.csv", csv.toString()).toString(),
                "--bootstrap-servers", broker.bootstrapServers(), "--topic", INPUT, "--no-progress");
        assertEquals(0, produced.exit(), produced.err());
        assertTrue(produced.err().contains("sent 12 review(s)"), produced.err());

        // Read until the topic stays quiet, so that a duplicate would be seen too; other tests'
        // reviews share the topic and are told apart by their ids.
        Result consumed = run("consume", "--json", "--from-beginning", "--timeout", "6",
                "--bootstrap-servers", broker.bootstrapServers(), "--topic", SCORED);
        assertEquals(0, consumed.exit(), consumed.err());
        List<String> lines = consumed.out().strip().lines().toList();
        Set<String> seen = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            if (!node.get("id").asText().startsWith("cli-")) {
                continue;
            }
            assertTrue(seen.add(node.get("id").asText()), "scored twice: " + line);
            assertTrue(node.has("probability") && node.has("sentiment") && node.has("correct"), line);
        }
        assertEquals(ids, seen);

        Result readable = run("consume", "--from-beginning", "--max", "1", "--timeout", "10",
                "--bootstrap-servers", broker.bootstrapServers(), "--topic", SCORED);
        assertTrue(readable.out().matches("(?s)[✔✘·] (pos|neg) \\d\\.\\d\\d (\\[(pos|neg)\\]| {5}) \\S+.*"), readable.out());
    }

    @Test
    void jsonLinesAndPlainTextAreProduced() throws IOException {
        Path jsonl = write("reviews.jsonl", "{\"id\":\"j1\",\"text\":\"fine film\",\"label\":\"pos\",\"source\":\"x\"}\n\n"
                + "{\"text\":\"no id here\"}\n");
        Result json = run("produce", "--file", jsonl.toString(), "--bootstrap-servers", broker.bootstrapServers(),
                "--topic", INPUT, "--no-progress");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.err().contains("sent 2 review(s)"), json.err());

        Result text = run("produce", "--file", write("reviews.txt", "first review\nsecond review\n").toString(),
                "--bootstrap-servers", broker.bootstrapServers(), "--topic", INPUT, "--no-progress");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.err().contains("sent 2 review(s)"), text.err());
    }

    @Test
    void badFilesGetClearMessages() throws IOException {
        Result missing = run("produce", "--file", dir.resolve("absent.csv").toString(), "--bootstrap-servers",
                broker.bootstrapServers());
        assertEquals(SentimentTools.EXIT_ERROR, missing.exit());
        assertTrue(missing.err().contains("not found"), missing.err());
        assertFalse(missing.err().contains("\tat "), missing.err());

        Path badJson = write("bad.jsonl", "{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\": broken\n");
        Result malformed = run("produce", "--file", badJson.toString(), "--bootstrap-servers", broker.bootstrapServers());
        assertEquals(SentimentTools.EXIT_ERROR, malformed.exit());
        assertTrue(malformed.err().contains("line 2") && malformed.err().contains("not valid JSON"), malformed.err());

        Result skipped = run("produce", "--file", badJson.toString(), "--skip-bad-records", "--no-progress",
                "--bootstrap-servers", broker.bootstrapServers(), "--topic", INPUT);
        assertEquals(0, skipped.exit(), skipped.err());
        assertTrue(skipped.err().contains("skipped 1 bad record"), skipped.err());

        Path header = write("header.csv", "title,score\nx,1\n");
        Result unknownHeader = run("produce", "--file", header.toString(), "--bootstrap-servers", broker.bootstrapServers());
        assertEquals(SentimentTools.EXIT_ERROR, unknownHeader.exit());
        assertTrue(unknownHeader.err().contains("unknown CSV header"), unknownHeader.err());
    }

    @Test
    void missingTopicIsOneLine() throws IOException {
        Result consume = run("consume", "--topic", "no-such-topic", "--bootstrap-servers", broker.bootstrapServers());
        assertEquals(SentimentTools.EXIT_ERROR, consume.exit());
        assertTrue(consume.err().contains("[no-such-topic] do not exist"), consume.err());

        Result produce = run("produce", "--file", write("one.txt", "a review\n").toString(), "--topic", "no-such-topic", "--no-progress",
                "--bootstrap-servers", broker.bootstrapServers());
        assertEquals(SentimentTools.EXIT_ERROR, produce.exit());
        assertTrue(produce.err().contains("[no-such-topic] do not exist"), produce.err());
        assertFalse(produce.err().contains("sent "), produce.err());
    }

    @Test
    void consumePrintsNoTerminalControlCharacters() throws Exception {
        String topic = "cli-terminal";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new TopicCreator(admin, Duration.ofSeconds(30)).createMissing(
                    List.of(new TopicDefinition(topic, "terminal escapes", 1, -1, Map.of())));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, "key\u001b]0;pwned\u0007",
                    "{\"id\":\"x\u009b2J\",\"text\":\"\u001b[2J evil\u007f\u202e\"}");
            record.headers().add("sentiment.errors.reason", "\u001b[31mred\u0085".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
        for (String[] mode : new String[][] {{"--what", "dlq"}, {"--what", "scored", "--json"}, {"--what", "scored"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("consume", "--topic", topic, "--from-beginning",
                    "--max", "1", "--timeout", "10", "--bootstrap-servers", broker.bootstrapServers()));
            args.addAll(List.of(mode));
            Result consumed = run(args.toArray(String[]::new));
            assertEquals(0, consumed.exit(), consumed.err());
            String out = consumed.out().strip();
            assertTrue(out.contains("\\u001b"), "escapes are shown, not sent: " + out);
            assertFalse(out.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL || c == '\u202e'),
                    List.of(mode) + ": " + out);
        }
    }

    @Test
    void produceAndConsumeTakeClientPropertiesFromCommandConfig() throws IOException {
        Path plain = write("plain.properties", "client.id=cli-command-config\n");
        Result produced = run("produce", "--file", write("cc.txt", "a review\n").toString(), "--topic", INPUT,
                "--no-progress", "--command-config", plain.toString(), "--bootstrap-servers", broker.bootstrapServers());
        assertEquals(0, produced.exit(), produced.err());
        Result consumed = run("consume", "--topic", SCORED, "--max", "1", "--from-beginning", "--timeout", "10",
                "--command-config", plain.toString(), "--bootstrap-servers", broker.bootstrapServers());
        assertEquals(0, consumed.exit(), consumed.err());

        // The broker speaks PLAINTEXT: a client configured for SASL cannot talk to it, which shows
        // the file's settings reach the clients.
        Path sasl = write("sasl.properties", "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"u\" password=\"p\";\n");
        for (String command : List.of("produce", "consume")) {
            List<String> args = new java.util.ArrayList<>(List.of(command, "--topic", INPUT, "--connect-timeout", "2",
                    "--command-config", sasl.toString(), "--bootstrap-servers", broker.bootstrapServers()));
            if (command.equals("produce")) {
                args.addAll(List.of("--file", dir.resolve("cc.txt").toString(), "--no-progress"));
            }
            Result failed = run(args.toArray(String[]::new));
            assertEquals(SentimentTools.EXIT_ERROR, failed.exit(), command + ": " + failed.err());
            assertTrue(failed.err().contains("cannot reach Kafka"), failed.err());
        }

        Result missing = run("consume", "--command-config", dir.resolve("absent.properties").toString(),
                "--bootstrap-servers", broker.bootstrapServers());
        assertEquals(SentimentTools.EXIT_ERROR, missing.exit());
        assertTrue(missing.err().contains("cannot read --command-config"), missing.err());
    }

    @Test
    void badFlagsAreUsageErrors() {
        Result unknown = run("produce", "--file", "x.csv", "--no-such-flag");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("Unknown option"), unknown.err());

        Result notANumber = run("produce", "--file", "x.csv", "--rate", "fast");
        assertEquals(2, notANumber.exit());
        assertTrue(notANumber.err().contains("--rate"), notANumber.err());

        Result what = run("consume", "--what", "everything");
        assertEquals(2, what.exit());
        assertTrue(what.err().contains("--what"), what.err());
    }

    @Test
    void predictPrintsResultsOnStdoutAndNothingOnStderr() {
        Result r = run("predict", "--model", bundle.toString(), "great movie", "awful movie");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].matches("(pos|neg)\t[01]\\.\\d{4}\tgreat movie"), lines[0]);
        assertEquals("", r.err());
    }

    @Test
    void predictWithAMissingModelIsOneClearLine() {
        Result r = run("predict", "--model", dir.resolve("none.bundle").toString(), "text");
        assertEquals(SentimentTools.EXIT_ERROR, r.exit());
        assertTrue(r.err().contains("model bundle not found"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
