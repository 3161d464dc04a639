package io.sentimentstream.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Which model produced a score or a metric.
 *
 * @param name    the bundle's model name
 * @param version the bundle's model version
 */
public record ModelRef(@JsonProperty("name") String name, @JsonProperty("version") String version) {

    /** Both parts are required. */
    public ModelRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /** {@code name@version}, e.g. for keys and logs. */
    @Override
    public String toString() {
        return name + "@" + version;
    }
}
