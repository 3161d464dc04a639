package io.sentimentstream.streams.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {

    private static final String LOOPBACK = "127.0.0.1";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void healthFollowsTheStreamsStateAndMetricsServeTheScrape() throws Exception {
        HealthState health = new HealthState();
        try (OpsHttpServer server = OpsHttpServer.start(LOOPBACK, 0, health, () -> "# TYPE x counter\nx_total 3.0\n")) {
            assertTrue(server.port() > 0);
            assertEquals(503, get(server, "/health").statusCode(), "not ready before running");
            assertEquals(200, get(server, "/health/live").statusCode());

            health.onChange(State.REBALANCING, State.CREATED);
            health.onChange(State.RUNNING, State.REBALANCING);
            HttpResponse<String> running = get(server, "/health");
            assertEquals(200, running.statusCode());
            assertTrue(running.body().contains("\"state\":\"RUNNING\""), running.body());
            assertEquals(200, get(server, "/health/ready").statusCode());

            health.onChange(State.PENDING_ERROR, State.RUNNING);
            health.onChange(State.ERROR, State.PENDING_ERROR);
            assertEquals(503, get(server, "/health/live").statusCode());
            assertEquals(503, get(server, "/health/ready").statusCode());

            HttpResponse<String> metrics = get(server, "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertEquals("# TYPE x counter\nx_total 3.0\n", metrics.body());
            assertEquals(404, get(server, "/nothing").statusCode());
            assertEquals(404, get(server, "/healthz").statusCode());
        }
    }

    @Test
    void anAlarmMakesHealthDegradedWithoutFailingAProbe() throws Exception {
        io.sentimentstream.streams.drift.AlarmBoard alarms = new io.sentimentstream.streams.drift.AlarmBoard();
        HealthState health = new HealthState();
        alarms.reportTo(health);
        alarms.driftDetectionOff("the model bundle has no reference profile");
        try (OpsHttpServer server = OpsHttpServer.start(LOOPBACK, 0, health, () -> "")) {
            health.onChange(State.RUNNING, State.REBALANCING);
            HttpResponse<String> fine = get(server, "/health");
            assertTrue(fine.body().contains("\"degraded\":false"), fine.body());
            assertTrue(fine.body().contains("\"drift_detection\":\"off: the model bundle has no reference profile\""),
                    fine.body());

            alarms.update(new io.sentimentstream.core.event.AlertEvent("accuracy", true,
                    new io.sentimentstream.core.event.ModelRef("m", "1"), 0.5, 0.8, null, null, "accuracy raised",
                    java.time.Instant.EPOCH));
            HttpResponse<String> degraded = get(server, "/health");
            assertEquals(200, degraded.statusCode(), "degraded is not down");
            assertEquals(200, get(server, "/health/live").statusCode());
            assertEquals(200, get(server, "/health/ready").statusCode());
            assertTrue(degraded.body().contains("\"degraded\":true"), degraded.body());
            assertTrue(degraded.body().contains("\"alarm\":\"accuracy\""), degraded.body());
        }
    }

    @Test
    void onlyExactPathsAnswer() throws Exception {
        try (OpsHttpServer server = OpsHttpServer.start(LOOPBACK, 0, new HealthState(), () -> "")) {
            for (String path : List.of("/metricsfoo", "/metrics/", "/metrics/x", "/health/livexyz", "/health/live/",
                    "/health/readyz", "/healthy", "/", "/health/")) {
                assertEquals(404, get(server, path).statusCode(), path);
            }
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri(server, "/health/live"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
        }
    }

    @Test
    void idleConnectionsWithHalfARequestLineDoNotBlockTheProbes() throws Exception {
        try (OpsHttpServer server = OpsHttpServer.start(LOOPBACK, 0, new HealthState(), () -> "")) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket socket = new Socket(LOOPBACK, server.port());
                    socket.getOutputStream().write("GET /heal".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    slow.add(socket);
                }
                assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
                    for (int i = 0; i < 5; i++) {
                        assertEquals(200, get(server, "/health/live").statusCode());
                    }
                });
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aConnectionThatStopsSendingIsClosedAfterTheIdleTimeout() throws Exception {
        try (OpsHttpServer server = OpsHttpServer.start(LOOPBACK, 0, new HealthState(), () -> "", Duration.ofMillis(300));
             Socket socket = new Socket(LOOPBACK, server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health/live HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();
            byte[] answer = in.readAllBytes();
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMs < 4_000, "closed after " + waitedMs + " ms");
            String text = new String(answer, StandardCharsets.US_ASCII);
            assertTrue(text.isEmpty() || text.startsWith("HTTP/1.1 408") || text.startsWith("HTTP/1.1 400"), text);
        }
    }

    @Test
    void listensOnTheConfiguredAddressOnly() throws Exception {
        try (OpsHttpServer server = OpsHttpServer.start(LOOPBACK, 0, new HealthState(), () -> "")) {
            assertEquals(InetAddress.getByName(LOOPBACK), server.address().getAddress());
        }
    }

    private HttpResponse<String> get(OpsHttpServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(server, path)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(OpsHttpServer server, String path) {
        return URI.create("http://" + LOOPBACK + ":" + server.port() + path);
    }
}
