package io.sentimentstream.core.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a validation split was carved, recorded in the bundle and the report: a figure measured on
 * reviews of movies seen in training is optimistic, so the reader must know which one it is.
 *
 * @param method           movie-grouped, or random when the data names no movies
 * @param moviesSource     where the movies came from ({@code none} for a random split)
 * @param reviewsWithMovie reviews whose movie was known (the others count as movies of their own)
 * @param trainMovies      distinct movies in the training part
 * @param validationMovies distinct movies in the validation part (none of them in training)
 */
public record SplitProvenance(Method method, String moviesSource, int reviewsWithMovie, int trainMovies,
                              int validationMovies) {

    /** How reviews were assigned to the parts. */
    public enum Method {
        /** Whole movies go to one part: validation measures unseen movies, like the test split. */
        MOVIE_GROUPED,
        /** Reviews drawn one by one: movies are shared, validation is optimistic. */
        RANDOM;

        /** The name used in manifests and on the command line. */
        public String key() {
            return this == MOVIE_GROUPED ? "movie" : "random";
        }

        /** Parses {@link #key()}. */
        public static Method ofKey(String key) {
            for (Method m : values()) {
                if (m.key().equals(key)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown split method '" + key + "' (expected movie or random)");
        }
    }

    /** A random split: no movies known. */
    public static SplitProvenance random() {
        return new SplitProvenance(Method.RANDOM, "none", 0, 0, 0);
    }

    /** One line for logs and reports. */
    public String describe() {
        if (method == Method.RANDOM) {
            return "stratified random split (no movies known: validation shares movies with training and is optimistic)";
        }
        return String.format(java.util.Locale.ROOT,
                "movie-grouped stratified split (movies from %s, known for %d reviews): %d movies in training, "
                        + "%d other movies in validation", moviesSource, reviewsWithMovie, trainMovies, validationMovies);
    }

    /** The provenance as an ordered map, for manifests and reports. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("method", method.key());
        map.put("moviesSource", moviesSource);
        map.put("reviewsWithMovie", reviewsWithMovie);
        map.put("trainMovies", trainMovies);
        map.put("validationMovies", validationMovies);
        return map;
    }
}
