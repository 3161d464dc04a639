package io.sentimentstream.demo;

import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.model.BundleManifest;
import io.sentimentstream.tools.data.HeldOutReviews;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The reviews the demo streams: a file the user names, else the shared IMDB training data when it
 * is beside the project ({@code ../shared/data/imdb/train.csv.gz}, looked up from the working
 * directory upwards), else a small hand-written sample inside the jar. Which of a file's reviews
 * are streamed is {@link HeldOutReviews}' choice (the model's held-out part where it has one),
 * shared with {@code produce --held-out-of}. Shuffled with a fixed seed, because the IMDB file
 * lists all negative reviews first.
 */
public final class SampleReviews {

    /** The bundled sample (40 hand-written, labelled reviews). */
    static final String BUILT_IN = "/sample-reviews.csv";
    private static final String SHARED = "shared/data/imdb/train.csv.gz";

    private SampleReviews() {
    }

    /**
     * The reviews and a word on where they came from.
     *
     * @param reviews labelled reviews, shuffled
     * @param source  the path or "built-in sample"
     */
    public record Loaded(List<Review> reviews, String source) {
    }

    /** Loads {@code file} if given, else the shared data if found, else the built-in sample. */
    public static Loaded load(Path file, BundleManifest manifest) throws IOException {
        Path source = file != null ? file : findShared().orElse(null);
        List<Review> reviews;
        String description;
        if (source != null) {
            HeldOutReviews.Selection selection = HeldOutReviews.select(new DatasetReader(
                    ReadOptions.unlabelled().withSkipBadRecords(true)).read(source).reviews(), source, manifest);
            reviews = new ArrayList<>(selection.reviews());
            description = source + selection.note();
        } else {
            Path copy = Files.createTempFile("sample-reviews", ".csv");
            try (InputStream in = SampleReviews.class.getResourceAsStream(BUILT_IN)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            reviews = new ArrayList<>(new DatasetReader(ReadOptions.labelled()).read(copy).reviews());
            Files.deleteIfExists(copy);
            description = "built-in sample";
        }
        if (reviews.isEmpty()) {
            throw new IllegalArgumentException(description + " holds no reviews");
        }
        if (source == null) {
            Collections.shuffle(reviews, new Random(7));
        }
        return new Loaded(List.copyOf(reviews), description);
    }

    private static Optional<Path> findShared() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            for (Path candidate : new Path[] {dir.resolve(SHARED), dir.resolve("..").resolve(SHARED)}) {
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate.normalize());
                }
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }
}
