package io.sentimentstream.streams.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void everyKafkaPasswordIsSecretUnderAnyPrefix() {
        for (String key : new String[] {"ssl.keystore.key", "ssl.key.password", "ssl.truststore.password",
                "ssl.keystore.password", "sasl.jaas.config", "sasl.oauthbearer.client.credentials.client.secret",
                "sasl.oauthbearer.assertion.private.key.passphrase", "ssl.keystore.certificate.chain",
                "ssl.truststore.certificates", "producer.ssl.keystore.certificate.chain",
                "main.consumer.ssl.truststore.certificates", "listener.name.sasl_ssl.plain.sasl.jaas.config"}) {
            assertTrue(Secrets.isSecret(key), key);
        }
    }

    @Test
    void namesThatSaySecretAreSecret() {
        for (String key : new String[] {"schema.registry.basic.auth.password", "my.plugin.api.key", "vault.apiKey",
                "oauth.clientSecret", "auth.token", "aws.credentials.file", "custom.private.key.pem",
                "SSL.KEYSTORE.KEY"}) {
            assertTrue(Secrets.isSecret(key), key);
        }
    }

    @Test
    void ordinarySettingsStayVisible() {
        for (String key : new String[] {"bootstrap.servers", "commit.interval.ms", "default.key.serde",
                "key.serializer", "partitioner.ignore.keys", "ssl.keymanager.algorithm", "ssl.keystore.location",
                "ssl.keystore.type", "security.protocol", "sasl.mechanism", "batch.size"}) {
            assertFalse(Secrets.isSecret(key), key);
        }
        assertEquals("SASL_SSL", Secrets.mask("security.protocol", "SASL_SSL"));
        assertEquals(Secrets.HIDDEN, Secrets.mask("ssl.key.password", "changeit"));
    }

    @Test
    void theLoggedSettingsShowNoSecret() {
        Map<String, String> described = StreamsAppConfig.from(Map.of(
                "streams.ssl.keystore.key", "-----BEGIN PRIVATE KEY-----abc",
                "streams.producer.ssl.key.password", "pw1",
                "streams.sasl.oauthbearer.client.credentials.client.secret", "s3cr3t",
                "streams.security.protocol", "SASL_SSL")).describe();
        assertEquals(Secrets.HIDDEN, described.get("streams.ssl.keystore.key"));
        assertEquals(Secrets.HIDDEN, described.get("streams.producer.ssl.key.password"));
        assertEquals(Secrets.HIDDEN, described.get("streams.sasl.oauthbearer.client.credentials.client.secret"));
        assertEquals("SASL_SSL", described.get("streams.security.protocol"));
    }
}
