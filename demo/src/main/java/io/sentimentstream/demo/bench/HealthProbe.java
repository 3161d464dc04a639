package io.sentimentstream.demo.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks the application's operations endpoints what a probe of an orchestrator would ask. */
final class HealthProbe {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final int port;

    HealthProbe(int port) {
        this.port = port;
    }

    /** Whether {@code path} (e.g. /health/ready) answers 200 now; false while the port is closed. */
    boolean ok(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(1)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** When (System.nanoTime) {@code path} first answered 200, polling every 20 ms; 0 if not by the deadline. */
    long await(String path, long deadlineNanos) throws InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            if (ok(path)) {
                return System.nanoTime();
            }
            Thread.sleep(20);
        }
        return 0;
    }
}
