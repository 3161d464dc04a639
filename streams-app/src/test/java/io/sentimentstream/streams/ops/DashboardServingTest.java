package io.sentimentstream.streams.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The dashboard on the operations server: its files from the jar, the live feed, and the bounds
 * that keep the probes answering (streams at most {@link DashboardEvents#MAX_STREAMS}, a reader
 * that stops reading dropped instead of holding anything).
 */
class DashboardServingTest {

    private static final String LOOPBACK = "127.0.0.1";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger states = new AtomicInteger();
    private final Supplier<byte[]> numbered =
            () -> ("{\"n\":" + states.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8);

    @Test
    void servesThePageAndItsFilesFromTheJarWithAPolicyAgainstInjectedScript() throws Exception {
        try (OpsHttpServer server = OpsHttpServer.start(LOOPBACK, 0, new HealthState(), () -> "", numbered)) {
            HttpResponse<String> page = get(server, "/");
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
            assertTrue(page.body().contains("src=\"/assets/dashboard.js\""), page.body());
            String policy = page.headers().firstValue("content-security-policy").orElse("");
            assertTrue(policy.contains("default-src 'self'") && !policy.contains("script-src"), policy);
            for (String asset : List.of("/assets/dashboard.js", "/assets/dashboard.css", "/assets/uPlot.min.js",
                    "/assets/uPlot.min.css")) {
                HttpResponse<String> file = get(server, asset);
                assertEquals(200, file.statusCode(), asset);
                assertTrue(file.body().length() > 500, asset);
            }
            for (String missing : List.of("/assets/", "/assets/../pom.xml", "/index.html", "/assets/uPlot.iife.js")) {
                assertEquals(404, get(server, missing).statusCode(), missing);
            }
            assertEquals(200, get(server, "/health/live").statusCode());
        }
    }

    @Test
    void streamsANewStateEverySecond() throws Exception {
        try (OpsHttpServer server = OpsHttpServer.start(LOOPBACK, 0, new HealthState(), () -> "", numbered);
             Socket socket = openStream(server)) {
            String received = readUntil(socket.getInputStream(), 3);
            assertTrue(received.startsWith("HTTP/1.1 200"), received);
            assertTrue(received.contains("Content-Type: text/event-stream"), received);
            List<Integer> numbers = new ArrayList<>();
            for (String line : received.split("\n")) {
                if (line.startsWith("data: {\"n\":")) {
                    numbers.add(Integer.parseInt(line.replaceAll("\\D", "")));
                }
            }
            assertTrue(numbers.size() >= 3 && numbers.get(2) > numbers.get(0), received);
        }
    }

    @Test
    void refusesStreamsOverTheLimitWhileTheProbesStillAnswer() throws Exception {
        List<Socket> open = new ArrayList<>();
        try (OpsHttpServer server = OpsHttpServer.start(LOOPBACK, 0, new HealthState(), () -> "", numbered)) {
            for (int i = 0; i < DashboardEvents.MAX_STREAMS; i++) {
                open.add(openStream(server));
            }
            awaitOpenStreams(server, DashboardEvents.MAX_STREAMS);
            assertEquals(503, get(server, "/events").statusCode(), "one stream too many");
            assertEquals(200, get(server, "/health/live").statusCode());
            assertEquals(200, get(server, "/metrics").statusCode());
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    @Test
    void dropsAReaderThatStopsReadingWithoutHoldingUpTheOthers() throws Exception {
        // States of 1 MB fill a reader's small window at once; the write then waits on it.
        Supplier<byte[]> large = () -> ("{\"pad\":\"" + "x".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
        try (OpsHttpServer server = OpsHttpServer.start(LOOPBACK, 0, new HealthState(), () -> "", large,
                Duration.ofSeconds(2));
             Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress(LOOPBACK, server.port()));
            request(stalled);
            try (Socket reading = openStream(server)) {
                awaitOpenStreams(server, 2);
                long start = System.nanoTime();
                while (server.openEventStreams() > 1 && System.nanoTime() - start < 15_000_000_000L) {
                    assertEquals(200, get(server, "/health/live").statusCode(), "probes answer meanwhile");
                    reading.getInputStream().readNBytes(1 << 20);
                }
                assertEquals(1, server.openEventStreams(), "the stalled reader was dropped, the other kept");
            }
        }
    }

    private static Socket openStream(OpsHttpServer server) throws Exception {
        Socket socket = new Socket(LOOPBACK, server.port());
        socket.setSoTimeout(10_000);
        request(socket);
        return socket;
    }

    private static void request(Socket socket) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write("GET /events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads until {@code states} states have arrived. */
    private static String readUntil(InputStream in, int states) throws Exception {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (text.toString().split("event: state", -1).length <= states) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static void awaitOpenStreams(OpsHttpServer server, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.openEventStreams() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(count, server.openEventStreams());
    }

    private HttpResponse<String> get(OpsHttpServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + server.port() + path))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
