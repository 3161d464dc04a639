package io.sentimentstream.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.core.model.TestBundles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it, in its own JVM with its own in-process broker, stopped by a signal
 * (SIGTERM, which runs the same shutdown hook as Ctrl-C) while reviews are flowing: it stops the
 * producer, the topology and the broker and exits without a stack trace.
 */
class DemoShutdownTest {

    @TempDir
    Path dir;

    @Test
    void signalStopsTheDemoCleanly() throws Exception {
        Path bundle = dir.resolve("tiny.bundle");
        ModelBundleFile.write(TestBundles.tiny(), bundle);
        StringBuilder csv = new StringBuilder("id,rating,label,text\n");
        for (int i = 0; i < 10; i++) {
            csv.append("sig-").append(i).append(i % 2 == 0 ? ",9,pos,\"A wonderful film\"\n" : ",1,neg,\"Dreadful\"\n");
        }
        Path data = Files.writeString(dir.resolve("reviews.csv"), csv);
        Path errors = dir.resolve("stderr.txt");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + dir,
                "-cp", System.getProperty("java.class.path"), SentimentDemo.class.getName(),
                "demo", "--model", bundle.toString(), "--data", data.toString(), "--rate", "50")
                .redirectError(errors.toFile()).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int scored = 0;
            String dashboard = null;
            // Runs until Ctrl-C: stop it once a few reviews have come back scored.
            while (scored < 5 && (line = reader.readLine()) != null) {
                out.add(line);
                if (line.matches("[✔✘·] (pos|neg) .*")) {
                    scored++;
                } else if (line.startsWith("» dashboard: ")) {
                    dashboard = line.substring("» dashboard: ".length());
                }
            }
            assertTrue(demo.isAlive(), "the demo stopped by itself:\n" + String.join("\n", out)
                    + "\n" + Files.readString(errors));
            assertDashboardServed(dashboard);
            // SIGTERM through the handle: Process.destroy() would also close our end of its output.
            demo.toHandle().destroy();
            while ((line = reader.readLine()) != null) {
                out.add(line);
            }
        } finally {
            if (!demo.waitFor(60, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
        String stdout = String.join("\n", out);
        String stderr = Files.readString(errors);
        assertFalse(demo.isAlive(), "the demo did not stop within 60 s of SIGTERM");
        assertTrue(stdout.contains("shutting down"), stdout);
        assertFalse(stderr.contains("\tat ") || stderr.contains("Exception"), stderr);
        // The JVM's own exit code for a process ended by SIGTERM (128 + 15), not a crash's 1.
        assertEquals(143, demo.exitValue(), stderr);
        // The broker's log directories and the topology's state (temporary, under java.io.tmpdir) are gone.
        try (var left = Files.list(dir)) {
            List<String> leftOver = left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("sentiment-"))
                    .toList();
            assertTrue(leftOver.isEmpty(), "left behind: " + leftOver);
        }
    }

    /** The address the demo printed serves the dashboard and its chart library from the jar. */
    private static void assertDashboardServed(String address) throws Exception {
        assertTrue(address != null && address.matches("http://localhost:\\d+/"), "dashboard address: " + address);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(address)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>sentiment-stream"), page.body());
        HttpResponse<String> charts = client.send(HttpRequest.newBuilder(URI.create(address + "assets/uPlot.min.js"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, charts.statusCode());
        assertTrue(charts.body().contains("uPlot"), "uPlot");
    }
}
