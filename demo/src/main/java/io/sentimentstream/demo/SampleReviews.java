package io.sentimentstream.demo;

import io.sentimentstream.core.data.DataFingerprints;
import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.ReviewMovies;
import io.sentimentstream.core.data.SplitProvenance;
import io.sentimentstream.core.data.StratifiedSplit;
import io.sentimentstream.core.model.BundleManifest;
import io.sentimentstream.core.model.DataFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The reviews the demo streams: a file the user names, else the shared IMDB training data when it
 * is beside the project ({@code ../shared/data/imdb/train.csv.gz}, looked up from the working
 * directory upwards), else a small hand-written sample inside the jar. When the data is the very
 * data the model was trained on (same fingerprint), only the model's held-out validation part is
 * streamed: accuracy on reviews the model has learnt from would be meaningless. Shuffled with a
 * fixed seed, because the IMDB file lists all negative reviews first.
 */
public final class SampleReviews {

    /** The bundled sample (40 hand-written, labelled reviews). */
    static final String BUILT_IN = "/sample-reviews.csv";
    private static final String SHARED = "shared/data/imdb/train.csv.gz";
    /** The movie of every review, beside the data (see ../shared/data/imdb/README.md). */
    private static final String MOVIES = "train-movies.csv.gz";

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
            reviews = new ArrayList<>(new DatasetReader(ReadOptions.unlabelled().withSkipBadRecords(true))
                    .read(source).reviews());
            description = source.toString();
            DataFingerprint fingerprint = DataFingerprints.of(reviews, source.toString());
            Optional<List<Review>> heldOut = manifest.data() != null
                    && fingerprint.sha256().equals(manifest.data().sha256()) ? heldOut(reviews, manifest, source)
                    : Optional.empty();
            if (heldOut.isPresent()) {
                reviews = new ArrayList<>(heldOut.get());
                description += " (the model's held-out validation part)";
            } else if (refitOnAll(manifest)) {
                description += " (no held-out part: the model's n-gram branch learnt from every one of these"
                        + " reviews, so the accuracy shown is optimistic)";
            }
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
        Collections.shuffle(reviews, new Random(7));
        return new Loaded(List.copyOf(reviews), description);
    }

    /**
     * The validation part the trainer held out, carved again the same way: by movie when the
     * bundle was split by movie (which needs the movies file beside the data; without it the held
     * out part cannot be found, and none is claimed), else review by review; none when a part of
     * the model was refit on all reviews.
     */
    private static Optional<List<Review>> heldOut(List<Review> reviews, BundleManifest manifest, Path source) {
        if (refitOnAll(manifest)) {
            return Optional.empty();
        }
        Map<String, Object> hp = manifest.hyperParameters();
        ReviewMovies movies = ReviewMovies.none();
        if (splitByMovie(manifest)) {
            Path moviesFile = source.resolveSibling(MOVIES);
            if (!Files.isRegularFile(moviesFile)) {
                return Optional.empty();
            }
            movies = ReviewMovies.read(moviesFile);
        }
        return Optional.of(StratifiedSplit.of(reviews, movies, ((Number) hp.get("validationFraction")).doubleValue(),
                ((Number) hp.get("maxTrainExamples")).intValue(), ((Number) hp.get("seed")).longValue()).validation());
    }

    /** Whether a part of the model was refit on every review after validation chose it (none is held out). */
    private static boolean refitOnAll(BundleManifest manifest) {
        return manifest.metrics() != null && Boolean.TRUE.equals(manifest.metrics().get("ngramRefitOnAll"));
    }

    private static boolean splitByMovie(BundleManifest manifest) {
        Object split = manifest.metrics() == null ? null : manifest.metrics().get("split");
        return split instanceof Map<?, ?> map
                && SplitProvenance.Method.MOVIE_GROUPED.key().equals(map.get("method"));
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
