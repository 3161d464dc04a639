package io.sentimentstream.streams.testing;

import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.SharedData;
import java.util.ArrayList;
import java.util.List;

/**
 * Reviews from the shared IMDB training split, located by core's {@link SharedData} (skipped where
 * the file is missing, a failure on CI).
 */
public final class SharedReviews {

    private static List<Review> all;

    private SharedReviews() {
    }

    /** {@code count} labelled reviews, spread evenly over the file (deterministic). */
    public static synchronized List<Review> sample(int count) {
        if (all == null) {
            all = new DatasetReader(ReadOptions.labelled()).read(SharedData.trainCsv()).reviews();
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
}
