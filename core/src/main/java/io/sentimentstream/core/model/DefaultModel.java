package io.sentimentstream.core.model;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the committed default bundle lives, and how a command finds it when no model is given:
 * the {@code SENTIMENT_MODEL} environment variable, else {@code models/imdb-sentiment.bundle}
 * under the working directory or one of its parents (so commands work from a module folder too).
 */
public final class DefaultModel {

    /** The default bundle's path relative to the project root. */
    public static final String RELATIVE_PATH = "models/imdb-sentiment.bundle";

    private DefaultModel() {
    }

    /** The bundle to use when none is named. */
    public static Path locate() {
        String fromEnv = System.getenv("SENTIMENT_MODEL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(RELATIVE_PATH);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return Path.of(RELATIVE_PATH);
    }
}
