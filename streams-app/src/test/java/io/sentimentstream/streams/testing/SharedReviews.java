package io.sentimentstream.streams.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Reviews from the shared IMDB data ({@code shared.data.dir}/imdb/train.csv.gz). Where the file is
 * missing a test is skipped, except on CI ({@code CI=true}) where it fails.
 */
public final class SharedReviews {

    private static List<Review> all;

    private SharedReviews() {
    }

    /** {@code count} labelled reviews, spread evenly over the file (deterministic). */
    public static synchronized List<Review> sample(int count) {
        if (all == null) {
            all = new DatasetReader(ReadOptions.labelled()).read(file()).reviews();
        }
        if (count > all.size()) {
            throw new IllegalArgumentException("only " + all.size() + " reviews");
        }
        List<Review> sample = new ArrayList<>(count);
        double step = (double) all.size() / count;
        for (int i = 0; i < count; i++) {
            sample.add(all.get((int) (i * step)));
        }
        return sample;
    }

    private static Path file() {
        Path file = Path.of(System.getProperty("shared.data.dir", "../shared/data"), "imdb", "train.csv.gz");
        if (!Files.isRegularFile(file)) {
            String message = "shared IMDB data not found at " + file.toAbsolutePath();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (required on CI)");
            }
            Assumptions.abort(message);
        }
        return file;
    }
}
