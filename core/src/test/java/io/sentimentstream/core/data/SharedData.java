package io.sentimentstream.core.data;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared IMDB data for tests ({@code ../shared/data} beside the project, or the
 * {@code shared.data.dir} system property). A missing file skips the test on a developer machine
 * and fails it in CI ({@code CI=true}), where the data must be present.
 */
public final class SharedData {

    private SharedData() {
    }

    /** {@code imdb/train.csv.gz}: the 25,000 labelled training reviews. */
    public static Path trainCsv() {
        return require("imdb/train.csv.gz");
    }

    /** {@code imdb/unsup.csv.gz}: the 50,000 unlabelled reviews. */
    public static Path unsupCsv() {
        return require("imdb/unsup.csv.gz");
    }

    /** A file under the shared data folder, or a skip/failure as described above. */
    public static Path require(String relative) {
        String configured = System.getProperty("shared.data.dir");
        Path base = configured != null ? Path.of(configured) : Path.of("..", "shared", "data");
        Path file = base.resolve(relative).normalize();
        if (!Files.isRegularFile(file)) {
            String message = "shared data file missing: " + file.toAbsolutePath();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true: the data must be present)");
            }
            assumeTrue(false, message);
        }
        return file;
    }
}
