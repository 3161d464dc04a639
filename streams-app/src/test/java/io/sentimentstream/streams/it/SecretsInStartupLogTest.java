package io.sentimentstream.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.streams.testing.AppProcess;
import io.sentimentstream.streams.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole start-up log of a real application process shows none of the secret values it was
 * given (Kafka's own configuration dumps, at INFO, hide its PASSWORD settings likewise).
 */
class SecretsInStartupLogTest {

    private static final Map<String, String> SECRETS = Map.of(
            "ssl.keystore.key", "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
            "sasl.oauthbearer.client.credentials.client.secret", "client-secret-4711",
            "sasl.oauthbearer.assertion.private.key.passphrase", "passphrase-0815",
            "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + "username=\"alice\" password=\"jaas-pw-1234\";",
            "ssl.truststore.password", "truststore-pw-9876");

    @TempDir
    Path dir;

    @Test
    void noSecretValueReachesTheLog() throws Exception {
        List<String> args = new ArrayList<>(List.of("--set", "model.path=" + TestModels.writeTiny(dir),
                "--set", "bootstrap.servers=127.0.0.1:1", "--set", "startup.timeout.ms=2000"));
        SECRETS.forEach((key, value) -> args.addAll(List.of("--set", "streams." + key + "=" + value)));
        try (AppProcess app = AppProcess.start(dir.resolve("app.log"), args.toArray(String[]::new))) {
            assertEquals(1, app.awaitExit(Duration.ofSeconds(60)), app.logTail(20));
            String log = app.log();
            assertTrue(log.contains("streams.ssl.keystore.key=[hidden]"), "the settings line is logged: " + log);
            SECRETS.forEach((key, value) -> {
                assertFalse(log.contains(value), key + "'s value is in the log");
            });
            assertFalse(log.contains("jaas-pw-1234"));
        }
    }
}
