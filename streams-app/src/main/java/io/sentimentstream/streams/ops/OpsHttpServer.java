package io.sentimentstream.streams.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The operations endpoints: {@code GET /health} (state, live, ready; 200 when ready, else 503),
 * {@code /health/live} and {@code /health/ready} (200 or 503, for probes) and {@code /metrics}
 * (Prometheus text format); with a dashboard, also the page at {@code /}, its files under
 * {@code /assets/} and its live feed at {@code /events} (server-sent events, {@link DashboardEvents}).
 * Exactly these paths answer, anything else is 404; methods other than GET and HEAD are 405.
 *
 * <p>Slow or idle clients cannot starve the probes: Jetty reads requests without holding a
 * thread (the JDK's {@code HttpServer} blocks a pool thread per connection until its request line
 * is complete, so two half-sent requests stopped a pool of two), a connection that sends nothing
 * for {@link #IDLE_TIMEOUT} is closed, at most {@link #MAX_CONNECTIONS} are open at once (at the
 * limit, idle ones are closed after a second), and request headers are capped at 8 KiB.
 */
public final class OpsHttpServer implements AutoCloseable {

    /** How long a connection may send nothing (mid-request or between requests) before it is closed. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** Open connections at most; probes and scrapes need a handful. */
    public static final int MAX_CONNECTIONS = 64;

    private static final Duration IDLE_TIMEOUT_AT_LIMIT = Duration.ofSeconds(1);
    private static final int MAX_THREADS = 8;
    private static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON_TYPE = "application/json";

    /**
     * What the page may load and run: only our own files (no inline script, so even text that
     * slipped into the page as HTML could not run), no frames.
     */
    private static final String PAGE_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Server server;
    private final ServerConnector connector;
    private final DashboardEvents events;

    private OpsHttpServer(Server server, ServerConnector connector, DashboardEvents events) {
        this.server = server;
        this.connector = connector;
        this.events = events;
    }

    /**
     * Starts serving.
     *
     * @param host    the address to listen on ({@code 0.0.0.0} for all interfaces)
     * @param port    the port, 0 for any free one
     * @param health  liveness and readiness
     * @param scrape  the Prometheus text of all metrics
     * @throws IOException when the address cannot be bound (e.g. the port is taken)
     */
    public static OpsHttpServer start(String host, int port, HealthState health, Supplier<String> scrape)
            throws IOException {
        return start(host, port, health, scrape, null, IDLE_TIMEOUT);
    }

    /**
     * Starts serving, with the dashboard.
     *
     * @param dashboard the dashboard's state as one line of JSON, taken once a second
     * @see #start(String, int, HealthState, Supplier)
     */
    public static OpsHttpServer start(String host, int port, HealthState health, Supplier<String> scrape,
            Supplier<byte[]> dashboard) throws IOException {
        return start(host, port, health, scrape, Objects.requireNonNull(dashboard, "dashboard"), IDLE_TIMEOUT);
    }

    static OpsHttpServer start(String host, int port, HealthState health, Supplier<String> scrape,
            Duration idleTimeout) throws IOException {
        return start(host, port, health, scrape, null, idleTimeout);
    }

    static OpsHttpServer start(String host, int port, HealthState health, Supplier<String> scrape,
            Supplier<byte[]> dashboard, Duration idleTimeout) throws IOException {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(scrape, "scrape");
        DashboardAssets assets = dashboard == null ? null : DashboardAssets.load();
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("ops-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);
        NetworkConnectionLimit limit = new NetworkConnectionLimit(MAX_CONNECTIONS, connector);
        limit.setEndPointIdleTimeout(Math.min(idleTimeout.toMillis(), IDLE_TIMEOUT_AT_LIMIT.toMillis()));
        server.addBean(limit);
        DashboardEvents events = dashboard == null ? null : new DashboardEvents(dashboard);
        server.setHandler(new Endpoints(health, scrape, assets, events));
        server.setStopTimeout(1000);
        try {
            server.start();
        } catch (Exception e) {
            if (events != null) {
                events.close();
            }
            stopQuietly(server);
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot start the operations server on " + host + ":" + port + ": " + e, e);
        }
        return new OpsHttpServer(server, connector, events);
    }

    /** The address and port actually bound. */
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the operations server is not listening", e);
        }
    }

    /** The port actually bound. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Dashboard event streams open now. */
    int openEventStreams() {
        return events == null ? 0 : events.open();
    }

    /** Stops serving (waiting at most a second for exchanges in progress). */
    @Override
    public void close() {
        if (events != null) {
            // Open event streams never end by themselves: end them, or stopping waits for them.
            events.close();
        }
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // Closing on shutdown: nothing left to do about a failure to stop.
        }
    }

    /** The endpoints, matched exactly. */
    private static final class Endpoints extends Handler.Abstract {

        private final HealthState health;
        private final Supplier<String> scrape;
        private final DashboardAssets assets;
        private final DashboardEvents events;

        Endpoints(HealthState health, Supplier<String> scrape, DashboardAssets assets, DashboardEvents events) {
            this.health = health;
            this.scrape = scrape;
            this.assets = assets;
            this.events = events;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            boolean head = HttpMethod.HEAD.is(request.getMethod());
            if (!head && !HttpMethod.GET.is(request.getMethod())) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                return reply(response, callback, 405, "text/plain", "method not allowed\n", head);
            }
            return switch (request.getHttpURI().getPath()) {
                case "/health" -> reply(response, callback, health.ready() ? 200 : 503, JSON_TYPE, status(), head);
                case "/health/live" -> reply(response, callback, health.live() ? 200 : 503, JSON_TYPE, status(), head);
                case "/health/ready" -> reply(response, callback, health.ready() ? 200 : 503, JSON_TYPE, status(), head);
                case "/metrics" -> reply(response, callback, 200, PROMETHEUS_TYPE, scrape.get(), head);
                default -> dashboard(request, response, callback, head);
            };
        }

        private boolean dashboard(Request request, Response response, Callback callback, boolean head) {
            String path = request.getHttpURI().getPath();
            if (events != null && path.equals("/events")) {
                return events.open(request, response, callback, head);
            }
            DashboardAssets.Asset asset = assets == null ? null : assets.at(path);
            if (asset == null) {
                return reply(response, callback, 404, "text/plain", "not found\n", head);
            }
            response.getHeaders().put("Content-Security-Policy", PAGE_POLICY);
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            return reply(response, callback, 200, asset.type(), asset.bytes(), head);
        }

        private String status() {
            StringBuilder details = new StringBuilder();
            health.details().forEach((name, json) -> details.append(",\"").append(name).append("\":").append(json.get()));
            return "{\"state\":\"" + health.state() + "\",\"live\":" + health.live() + ",\"ready\":" + health.ready()
                    + details + "}\n";
        }

    }

    /** Answers with a whole body (none for HEAD). */
    static boolean reply(Response response, Callback callback, int code, String type, String body, boolean head) {
        return reply(response, callback, code, type, body.getBytes(StandardCharsets.UTF_8), head);
    }

    private static boolean reply(Response response, Callback callback, int code, String type, byte[] body,
            boolean head) {
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
        return true;
    }
}
