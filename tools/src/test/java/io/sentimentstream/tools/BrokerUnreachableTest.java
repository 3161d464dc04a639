package io.sentimentstream.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no broker at the address, {@code produce} and {@code consume} say so in one line and exit
 * non-zero, instead of reporting reviews as sent or waiting silently.
 */
class BrokerUnreachableTest {

    @TempDir
    Path dir;

    private static String closedPort() throws IOException {
        // A port that was free a moment ago: nothing listens there.
        try (ServerSocket socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static int run(StringWriter err, String... args) {
        return SentimentTools.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    @Test
    void produceToAnAbsentBrokerFails() throws IOException {
        Path reviews = Files.writeString(dir.resolve("reviews.txt"), "a fine film\n");
        String address = closedPort();
        StringWriter err = new StringWriter();
        int exit = run(err, "produce", "--file", reviews.toString(), "--no-progress", "--connect-timeout", "1",
                "--bootstrap-servers", address);
        assertEquals(SentimentTools.EXIT_ERROR, exit, err.toString());
        assertTrue(err.toString().contains("cannot reach Kafka at " + address), err.toString());
        assertFalse(err.toString().contains("sent "), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
    }

    @Test
    void consumeFromAnAbsentBrokerFails() throws IOException {
        String address = closedPort();
        StringWriter err = new StringWriter();
        int exit = run(err, "consume", "--connect-timeout", "1", "--bootstrap-servers", address);
        assertEquals(SentimentTools.EXIT_ERROR, exit, err.toString());
        assertTrue(err.toString().contains("cannot reach Kafka at " + address), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
    }

    @Test
    void badConnectTimeoutIsRejected() {
        StringWriter err = new StringWriter();
        assertEquals(SentimentTools.EXIT_ERROR, run(err, "consume", "--connect-timeout", "0"));
        assertTrue(err.toString().contains("--connect-timeout must be positive"), err.toString());
    }
}
