package io.sentimentstream.tools.data;

import io.sentimentstream.core.data.DataFingerprints;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.ReviewMovies;
import io.sentimentstream.core.data.SplitProvenance;
import io.sentimentstream.core.data.StratifiedSplit;
import io.sentimentstream.core.model.BundleManifest;
import io.sentimentstream.core.model.DataFingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Which reviews a demo or producer that reports accuracy may stream: when the data is the very
 * data the model was trained on (same fingerprint), only the model's held-out validation part,
 * carved again as the trainer carved it; accuracy on reviews the model has learnt from would mean
 * little. When no part is held out (a part of the model was refit on every review, as the
 * committed default's n-gram branch was, or the split's movies file is missing) every review is
 * kept and the note says so. Shuffled with a fixed seed: the IMDB file lists all negative
 * reviews first, which would look like drift to the stream. The demo and {@code produce
 * --held-out-of} share this one selection.
 */
public final class HeldOutReviews {

    /** The movie of every review, beside the data (see ../shared/data/imdb/README.md). */
    private static final String MOVIES = "train-movies.csv.gz";
    private static final long SHUFFLE_SEED = 7;

    private HeldOutReviews() {
    }

    /**
     * The reviews to stream and what they are.
     *
     * @param reviews  the reviews, shuffled
     * @param note     says what they are, e.g. {@code (the model's held-out validation part)}; empty
     *                 when the data is not the model's training data
     * @param heldOut  whether they are the model's held-out part
     */
    public record Selection(List<Review> reviews, String note, boolean heldOut) {
    }

    /** The selection of {@code reviews}, read from {@code source}, for the model of {@code manifest}. */
    public static Selection select(List<Review> reviews, Path source, BundleManifest manifest) {
        List<Review> selected = new ArrayList<>(reviews);
        String note = "";
        boolean heldOut = false;
        DataFingerprint fingerprint = DataFingerprints.of(reviews, source.toString());
        boolean trainingData = manifest.data() != null && fingerprint.sha256().equals(manifest.data().sha256());
        if (trainingData) {
            Optional<List<Review>> part = heldOut(reviews, manifest, source);
            if (part.isPresent()) {
                selected = new ArrayList<>(part.get());
                note = " (the model's held-out validation part)";
                heldOut = true;
            } else if (refitOnAll(manifest)) {
                note = " (no held-out part: the model's n-gram branch learnt from every one of these"
                        + " reviews, so the accuracy shown is optimistic)";
            } else {
                note = " (no held-out part found: the model was split by movie and " + MOVIES + " is not beside"
                        + " the data, so the accuracy shown is on reviews it learnt from)";
            }
        }
        Collections.shuffle(selected, new Random(SHUFFLE_SEED));
        return new Selection(List.copyOf(selected), note, heldOut);
    }

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
}
