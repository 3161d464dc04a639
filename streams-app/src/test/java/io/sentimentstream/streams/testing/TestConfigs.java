package io.sentimentstream.streams.testing;

import io.sentimentstream.streams.config.StreamsAppConfig;
import java.util.HashMap;
import java.util.Map;

/** Configurations for tests: defaults plus the given settings, as key/value pairs. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** Defaults overridden by {@code keyValues} (key, value, key, value, ...). */
    public static StreamsAppConfig of(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("model.path", "unused.bundle");
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return StreamsAppConfig.from(settings);
    }
}
