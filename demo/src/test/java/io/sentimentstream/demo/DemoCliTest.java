package io.sentimentstream.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.core.model.TestBundles;
import io.sentimentstream.testkit.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo against a real in-process broker: it runs to completion on its own; bad flags get one line. */
class DemoCliTest {

    @TempDir
    static Path dir;
    static EmbeddedKafkaBroker broker;
    static Path bundle;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.startQuietly();
        bundle = dir.resolve("tiny.bundle");
        ModelBundleFile.write(TestBundles.tiny(), bundle);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SentimentDemo.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void negativeReviewCountIsOneLine() {
        Result negative = run("demo", "--reviews", "-5");
        assertEquals(SentimentDemo.EXIT_ERROR, negative.exit());
        assertTrue(negative.err().contains("--reviews must not be negative"), negative.err());
    }

    @Test
    void demoRunsToCompletionAndShowsScoresAndAccuracy() throws IOException {
        StringBuilder csv = new StringBuilder("id,rating,label,text\n");
        for (int i = 0; i < 10; i++) {
            csv.append("demo-").append(i).append(i % 2 == 0 ? ",9,pos,\"A wonderful film\"\n" : ",1,neg,\"Dreadful\"\n");
        }
        Result demo = run("demo", "--reviews", "30", "--rate", "60", "--model", bundle.toString(),
                "--data", write("demo.csv", csv.toString()).toString(),
                "--bootstrap-servers", broker.bootstrapServers());
        assertEquals(0, demo.exit(), demo.err());
        long scoredLines = demo.out().lines().filter(l -> l.matches("[✔✘·] (pos|neg) .*")).count();
        assertEquals(30, scoredLines, demo.out());
        assertTrue(demo.out().lines().anyMatch(l -> l.startsWith("── accuracy ") && l.contains("labelled")), demo.out());
        assertTrue(demo.out().contains("scored 30 reviews"), demo.out());
    }
}
