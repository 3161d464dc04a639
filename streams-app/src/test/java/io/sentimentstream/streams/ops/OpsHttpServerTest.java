package io.sentimentstream.streams.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void healthFollowsTheStreamsStateAndMetricsServeTheScrape() throws Exception {
        HealthState health = new HealthState();
        try (OpsHttpServer server = OpsHttpServer.start(0, health, () -> "# TYPE x counter\nx_total 3.0\n")) {
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

    private HttpResponse<String> get(OpsHttpServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
