package io.sentimentstream.core.data;

import java.util.List;

/**
 * Reviews read from one source, with the bad records that were skipped.
 *
 * @param source   the path read
 * @param format   the layout that was recognised
 * @param reviews  the good reviews, in source order
 * @param problems one message per skipped record (line or entry named)
 */
public record Dataset(String source, DatasetFormat format, List<Review> reviews, List<String> problems) {

    /** Number of skipped records. */
    public int skipped() {
        return problems.size();
    }
}
