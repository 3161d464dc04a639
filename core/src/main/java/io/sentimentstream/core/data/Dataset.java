package io.sentimentstream.core.data;

import java.util.List;

/**
 * Reviews read from one source, with the bad records that were skipped.
 *
 * @param source   the path read
 * @param format   the layout that was recognised
 * @param reviews  the good reviews, in source order
 * @param problems one message per skipped record (line or entry named)
 * @param movies   the movie of each review where the source names it (aclImdb's {@code urls_*.txt}),
 *                 else {@link ReviewMovies#none()}
 */
public record Dataset(String source, DatasetFormat format, List<Review> reviews, List<String> problems,
                      ReviewMovies movies) {

    /** A dataset whose source names no movies. */
    public Dataset(String source, DatasetFormat format, List<Review> reviews, List<String> problems) {
        this(source, format, reviews, problems, ReviewMovies.none());
    }

    /** Number of skipped records. */
    public int skipped() {
        return problems.size();
    }
}
