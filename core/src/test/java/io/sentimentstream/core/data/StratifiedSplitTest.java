package io.sentimentstream.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

    private static List<Review> reviews(int positives, int negatives) {
        List<Review> all = new ArrayList<>();
        for (int i = 0; i < positives; i++) {
            all.add(new Review("p" + i, "text " + i, Sentiment.POS, 9));
        }
        for (int i = 0; i < negatives; i++) {
            all.add(new Review("n" + i, "text " + i, Sentiment.NEG, 1));
        }
        return all;
    }

    @Test
    void keepsEachLabelsShareAndLosesNothing() {
        List<Review> all = reviews(300, 100);
        StratifiedSplit split = StratifiedSplit.of(all, 0.1, 0, 1L);
        assertEquals(30, split.validation().stream().filter(r -> r.label() == Sentiment.POS).count());
        assertEquals(10, split.validation().stream().filter(r -> r.label() == Sentiment.NEG).count());
        Set<String> ids = new HashSet<>();
        split.train().forEach(r -> ids.add(r.id()));
        split.validation().forEach(r -> assertTrue(ids.add(r.id()), "in both parts: " + r.id()));
        assertEquals(400, ids.size());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        List<Review> all = reviews(200, 200);
        assertEquals(StratifiedSplit.of(all, 0.2, 0, 7L), StratifiedSplit.of(all, 0.2, 0, 7L));
        assertNotEquals(StratifiedSplit.of(all, 0.2, 0, 7L).validation(), StratifiedSplit.of(all, 0.2, 0, 8L).validation());
    }

    @Test
    void maxExamplesDrawsAStratifiedSubset() {
        StratifiedSplit split = StratifiedSplit.of(reviews(500, 500), 0.1, 200, 3L);
        assertEquals(200, split.train().size() + split.validation().size());
        assertEquals(10, split.validation().stream().filter(r -> r.label() == Sentiment.POS).count());
    }

    @Test
    void byMovieNoMovieIsInBothPartsAndLabelsKeepTheirShare() {
        List<Review> all = reviews(600, 600);
        Map<String, String> movieById = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            movieById.put(all.get(i).id(), "tt" + (i % 97)); // 97 movies, both labels in most
        }
        StratifiedSplit split = StratifiedSplit.of(all, new ReviewMovies(movieById, "test"), 0.1, 0, 5L);
        Set<String> trainMovies = new HashSet<>();
        split.train().forEach(r -> trainMovies.add(movieById.get(r.id())));
        split.validation().forEach(r -> assertFalse(trainMovies.contains(movieById.get(r.id())), r.id()));
        assertEquals(1200, split.train().size() + split.validation().size());
        for (Sentiment label : Sentiment.values()) {
            long held = split.validation().stream().filter(r -> r.label() == label).count();
            assertTrue(held >= 50 && held <= 60, label + ": " + held);
        }
        assertEquals(SplitProvenance.Method.MOVIE_GROUPED, split.provenance().method());
        assertEquals(split, StratifiedSplit.of(all, new ReviewMovies(movieById, "test"), 0.1, 0, 5L));
    }

    @Test
    void withoutMoviesItFallsBackToTheRandomSplitAndSaysSo() {
        List<Review> all = reviews(100, 100);
        StratifiedSplit split = StratifiedSplit.of(all, ReviewMovies.none(), 0.1, 0, 5L);
        assertEquals(StratifiedSplit.of(all, 0.1, 0, 5L), split);
        assertEquals(SplitProvenance.Method.RANDOM, split.provenance().method());
    }

    @Test
    void needsBothLabels() {
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.of(reviews(10, 0), 0.1, 0, 1L));
    }
}
