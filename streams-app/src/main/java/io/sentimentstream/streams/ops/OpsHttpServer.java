package io.sentimentstream.streams.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The operations endpoints: {@code GET /health} (state, live, ready; 200 when ready, else 503),
 * {@code /health/live} and {@code /health/ready} (200 or 503, for probes) and {@code /metrics}
 * (Prometheus text format).
 */
public final class OpsHttpServer implements AutoCloseable {

    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving on all interfaces.
     *
     * @param port    the port, 0 for any free one
     * @param health  liveness and readiness
     * @param scrape  the Prometheus text of all metrics
     */
    public static OpsHttpServer start(int port, HealthState health, Supplier<String> scrape) throws IOException {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(scrape, "scrape");
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/health/live", exchange -> respond(exchange, health.live() ? 200 : 503,
                "application/json", status(health)));
        server.createContext("/health/ready", exchange -> respond(exchange, health.ready() ? 200 : 503,
                "application/json", status(health)));
        server.createContext("/health", exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/health")) {
                respond(exchange, 404, "text/plain", "not found\n");
                return;
            }
            respond(exchange, health.ready() ? 200 : 503, "application/json", status(health));
        });
        server.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TYPE, scrape.get()));
        server.createContext("/", exchange -> respond(exchange, 404, "text/plain", "not found\n"));
        // Two threads: a slow scrape must not block the probes.
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "ops-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new OpsHttpServer(server, executor);
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving (waiting at most a second for exchanges in progress). */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private static String status(HealthState health) {
        return "{\"state\":\"" + health.state() + "\",\"live\":" + health.live() + ",\"ready\":" + health.ready()
                + "}\n";
    }

    private static void respond(HttpExchange exchange, int code, String type, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
