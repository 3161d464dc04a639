package io.sentimentstream.streams.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentimentstream.streams.ScoringApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Reads an in-process application's operations endpoints and waits for conditions on them. */
public final class OpsProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpsProbe() {
    }

    /** The body of {@code path} on the application's operations port. */
    public static String get(ScoringApplication app, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + app.httpPort() + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code /health} as JSON. */
    public static JsonNode health(ScoringApplication app) {
        try {
            return JSON.readTree(get(app, "/health"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} every 100 ms; fails naming {@code what} after {@code timeout}. */
    public static void await(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(100);
        }
    }
}
