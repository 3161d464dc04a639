package io.sentimentstream.streams.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Which setting values are secrets, and the one function that hides them wherever settings are
 * logged or listed.
 *
 * <p>A key is secret when Kafka's own client or Streams configuration declares it a
 * {@link ConfigDef.Type#PASSWORD} (under any prefix: {@code producer.}, {@code main.consumer.},
 * {@code listener.name.x.}), or when its name says so: it contains {@code password},
 * {@code passphrase}, {@code secret}, {@code token}, {@code credential}, {@code jaas} or
 * {@code private}, or its last word ends in {@code key} ({@code ssl.keystore.key},
 * {@code api.key}, {@code apiKey}). The name rules catch settings Kafka does not know (a custom
 * login module's, a plugin's); they may hide a harmless value too, which costs less than
 * printing a secret.
 */
public final class Secrets {

    /** What a secret value is replaced with. */
    public static final String HIDDEN = "[hidden]";

    private static final List<String> SECRET_WORDS =
            List.of("password", "passwd", "passphrase", "secret", "token", "credential", "jaas", "private");

    private static final Set<String> KAFKA_PASSWORDS = kafkaPasswords();

    private Secrets() {
    }

    /** Whether the value of this setting must never be shown. */
    public static boolean isSecret(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (name.contains(word)) {
                return true;
            }
        }
        String[] words = name.split("[^a-z0-9]+");
        if (words.length > 0 && words[words.length - 1].endsWith("key")) {
            return true;
        }
        // Kafka's names under any prefix: producer.ssl.key.password, main.consumer.sasl.jaas.config
        for (String suffix = name; ; suffix = suffix.substring(suffix.indexOf('.') + 1)) {
            if (KAFKA_PASSWORDS.contains(suffix)) {
                return true;
            }
            if (suffix.indexOf('.') < 0) {
                return false;
            }
        }
    }

    /** The value as it may be logged or listed: {@link #HIDDEN} for a secret, unchanged otherwise. */
    public static String mask(String key, String value) {
        return isSecret(key) ? HIDDEN : value;
    }

    private static Set<String> kafkaPasswords() {
        Set<String> keys = new HashSet<>();
        for (ConfigDef def : List.of(StreamsConfig.configDef(), ProducerConfig.configDef(),
                ConsumerConfig.configDef(), AdminClientConfig.configDef())) {
            def.configKeys().values().stream().filter(k -> k.type == ConfigDef.Type.PASSWORD)
                    .forEach(k -> keys.add(k.name));
        }
        return Set.copyOf(keys);
    }
}
