package io.sentimentstream.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.streams.StreamsApp;
import io.sentimentstream.streams.testing.SharedKafka;
import io.sentimentstream.streams.testing.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Start-up problems end the command with one error line and a non-zero exit code. */
@ExtendWith(SharedKafka.class)
class StartupErrorsTest {

    @TempDir
    Path dir;

    private record Run(int code, List<String> errors) {
    }

    @BeforeAll
    static void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("startup-reviews", 1, (short) 1)))
                    .all().get();
        }
    }

    private Run run(String... args) {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = new CommandLine(new StreamsApp()).execute(args);
        } finally {
            System.setErr(originalErr);
        }
        List<String> errors = err.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("sentiment-streams: error:")).toList();
        return new Run(code, errors);
    }

    private static void assertOneError(Run run, int code, String containing) {
        assertEquals(code, run.code());
        assertEquals(1, run.errors().size(), run.errors().toString());
        assertTrue(run.errors().get(0).contains(containing), run.errors().get(0));
    }

    @Test
    void aMissingModelIsOneLine() {
        assertOneError(run("--set", "model.path=" + dir.resolve("none.bundle")), 1, "model bundle not found");
    }

    @Test
    void aCorruptModelIsOneLine() throws Exception {
        Path corrupt = Files.write(dir.resolve("corrupt.bundle"), new byte[] {1, 2, 3, 4});
        assertOneError(run("--set", "model.path=" + corrupt), 1, "cannot load the model bundle");
    }

    @Test
    void anUnreachableBrokerIsOneLine() throws Exception {
        Path model = TestModels.writeTiny(dir);
        assertOneError(run("--set", "model.path=" + model, "--set", "bootstrap.servers=127.0.0.1:1",
                "--set", "startup.timeout.ms=2000"), 1, "cannot reach Kafka at 127.0.0.1:1");
    }

    @Test
    void missingTopicsAreOneLineNamingTheFix() throws Exception {
        Path model = TestModels.writeTiny(dir);
        assertOneError(run("--set", "model.path=" + model, "--set", "bootstrap.servers=" + SharedKafka.bootstrapServers(),
                "--set", "topic.reviews=no-such-topic"), 1, "create-topics");
    }

    @Test
    void aTakenHttpPortIsOneLine() throws Exception {
        Path model = TestModels.writeTiny(dir);
        try (ServerSocket taken = new ServerSocket(0)) {
            assertOneError(run("--set", "model.path=" + model, "--set", "bootstrap.servers=" + SharedKafka.bootstrapServers(),
                    "--set", "topic.reviews=startup-reviews", "--set", "topic.scored=startup-reviews",
                    "--set", "topic.dlq=startup-reviews", "--set", "topic.metrics=startup-reviews",
                    "--set", "topic.labels=startup-reviews", "--set", "topic.alerts=startup-reviews",
                    "--set", "http.port=" + taken.getLocalPort()), 1, "port " + taken.getLocalPort());
        }
    }

    @Test
    void aBadSettingIsOneLineWithUsageExitCode() {
        assertOneError(run("--set", "batch.size=-3"), 2, "batch.size");
        assertOneError(run("--config", dir.resolve("missing.properties").toString()), 2, "not found");
    }
}
