package io.sentimentstream.tools.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.registry.RegistryTopic;
import io.sentimentstream.registry.TestBundleFiles;
import io.sentimentstream.testkit.EmbeddedKafkaBroker;
import io.sentimentstream.tools.SentimentTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sentiment-tools models ...} as an operator runs it, against the in-process broker. */
class ModelsCommandTest {

    private static EmbeddedKafkaBroker broker;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.startQuietly();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(RegistryTopic.DEFAULT_NAME, RegistryTopic.PARTITIONS, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void publishListPromoteRollBackAndDelete() throws Exception {
        Path v1 = TestBundleFiles.withVersion(TestBundleFiles.defaultBundle(), "1.0.0", dir.resolve("v1.bundle"));
        Path v2 = TestBundleFiles.withVersion(v1, "1.1.0", dir.resolve("v2.bundle"));

        Result published = run("publish", "--model", v1.toString(), "--promote");
        assertEquals(0, published.code, published.err);
        assertTrue(published.out.contains("published imdb-lstm@1.0.0"), published.out);
        assertTrue(published.out.contains("champion: imdb-lstm@1.0.0"), published.out);
        assertEquals(0, run("publish", "--model", v2.toString()).code);

        Result promoted = run("promote", "1.1.0");
        assertEquals(0, promoted.code, promoted.err);
        assertTrue(promoted.out.contains("champion: imdb-lstm@1.1.0 (rollback returns to imdb-lstm@1.0.0)"), promoted.out);

        Result listed = run("list");
        assertEquals(0, listed.code, listed.err);
        List<String> lines = listed.out.lines().toList();
        assertEquals(3, lines.size(), listed.out);
        assertTrue(lines.get(1).startsWith("previous") && lines.get(1).contains("1.0.0"), listed.out);
        assertTrue(lines.get(2).startsWith("champion") && lines.get(2).contains("1.1.0"), listed.out);
        assertTrue(lines.get(2).matches(".* 0\\.\\d{4} +0\\.\\d{4} +0\\.\\d{4} .*"), "accuracy, F1, AUC: " + lines.get(2));

        Result refused = run("delete", "1.1.0");
        assertEquals(SentimentTools.EXIT_ERROR, refused.code);
        assertEquals(1, refused.err.lines().count(), refused.err);
        assertTrue(refused.err.contains("is the champion"), refused.err);

        Result rolledBack = run("rollback");
        assertTrue(rolledBack.out.contains("champion: imdb-lstm@1.0.0"), rolledBack.out + rolledBack.err);
        Result deleted = run("delete", "1.1.0");
        assertEquals(0, deleted.code, deleted.err);
        assertEquals(2, run("list").out.lines().count(), "one version left");
    }

    @Test
    void aChallengerIsNamedThenClearedAndTheChampionStays() throws Exception {
        String topic = "challenger-models";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, RegistryTopic.PARTITIONS, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        Path v1 = TestBundleFiles.withVersion(TestBundleFiles.defaultBundle(), "3.0.0", dir.resolve("c1.bundle"));
        Path v2 = TestBundleFiles.withVersion(v1, "3.1.0", dir.resolve("c2.bundle"));
        assertEquals(0, run("publish", "--topic", topic, "--model", v1.toString(), "--promote").code);
        assertEquals(0, run("publish", "--topic", topic, "--model", v2.toString()).code);

        Result none = run("clear-challenger", "--topic", topic);
        assertEquals(SentimentTools.EXIT_ERROR, none.code, none.out);
        assertEquals("error: there is no challenger to clear", none.err.strip());

        Result named = run("promote", "3.1.0", "--challenger", "--topic", topic);
        assertEquals(0, named.code, named.err);
        assertTrue(run("list", "--topic", topic).out.lines().anyMatch(l -> l.startsWith("challenger") && l.contains("3.1.0")));

        Result cleared = run("clear-challenger", "--topic", topic);
        assertEquals(0, cleared.code, cleared.err);
        assertEquals("challenger cleared: imdb-lstm@3.1.0 (champion imdb-lstm@3.0.0 keeps serving)", cleared.out.strip());
        List<String> lines = run("list", "--topic", topic).out.lines().toList();
        assertTrue(lines.get(1).startsWith("champion") && lines.get(1).contains("3.0.0"), lines.toString());
        assertTrue(lines.get(2).startsWith("-") && lines.get(2).contains("3.1.0"), "no role any more: " + lines);
        assertEquals(0, run("delete", "3.1.0", "--topic", topic).code, "no longer protected as the challenger");
    }

    @Test
    void aBundleThatDoesNotLoadIsRefusedWithOneLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.bundle"), "PK not really a zip");
        Result refused = run("publish", "--model", bad.toString());
        assertEquals(SentimentTools.EXIT_ERROR, refused.code);
        assertEquals(1, refused.err.lines().count(), refused.err);
        assertTrue(refused.err.startsWith("error: refused " + bad), refused.err);
        assertEquals("", refused.out);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 3];
        full[0] = "models";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--bootstrap-servers";
        full[args.length + 2] = broker.bootstrapServers();
        int code = SentimentTools.run(new PrintWriter(out, true), new PrintWriter(err, true), full);
        return new Result(code, out.toString(), err.toString());
    }
}
