package io.sentimentstream.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A seeded, stratified split of labelled reviews into training and validation parts: each label
 * keeps its share in both parts, and the same seed always gives the same split. When the movies
 * of the reviews are known, whole movies go to one part ({@link #of(List, ReviewMovies, double, int, long)}).
 *
 * @param train      reviews to learn from (and to build the vocabulary from)
 * @param validation held-out reviews for early stopping and the reported metrics
 * @param provenance how the split was made
 */
public record StratifiedSplit(List<Review> train, List<Review> validation, SplitProvenance provenance) {

    /** A split with random provenance. */
    public StratifiedSplit(List<Review> train, List<Review> validation) {
        this(train, validation, SplitProvenance.random());
    }

    /**
     * Splits {@code reviews}, holding out {@code fraction} of each label, review by review; with
     * {@code maxExamples > 0} first draws that many reviews, stratified the same way.
     */
    public static StratifiedSplit of(List<Review> reviews, double fraction, int maxExamples, long seed) {
        Map<Sentiment, List<Review>> byLabel = byLabel(reviews);
        Random random = new Random(seed);
        List<Review> train = new ArrayList<>();
        List<Review> validation = new ArrayList<>();
        for (List<Review> group : byLabel.values()) {
            List<Review> shuffled = draw(group, reviews.size(), maxExamples, random);
            int held = Math.max(1, (int) Math.round(shuffled.size() * fraction));
            validation.addAll(shuffled.subList(0, held));
            train.addAll(shuffled.subList(held, shuffled.size()));
        }
        Collections.shuffle(train, random);
        Collections.shuffle(validation, random);
        return new StratifiedSplit(List.copyOf(train), List.copyOf(validation));
    }

    /**
     * Splits by movie where {@code movies} names any of the reviews' movies, else review by review
     * as {@link #of(List, double, int, long)} does (see {@link #provenance()}).
     *
     * <p>Movies are visited in a seeded random order and a movie's reviews all go to validation
     * while that keeps every label within its share, else all to training; reviews with no known
     * movie count as movies of their own. The shares land within a few reviews of the target.
     */
    public static StratifiedSplit of(List<Review> reviews, ReviewMovies movies, double fraction, int maxExamples,
                                     long seed) {
        if (reviews.stream().noneMatch(r -> movies.movieOf(r.id()) != null)) {
            return of(reviews, fraction, maxExamples, seed);
        }
        Map<Sentiment, List<Review>> byLabel = byLabel(reviews);
        Random random = new Random(seed);
        List<Review> pool = new ArrayList<>();
        for (List<Review> group : byLabel.values()) {
            pool.addAll(draw(group, reviews.size(), maxExamples, random));
        }
        long known = pool.stream().filter(r -> movies.movieOf(r.id()) != null).count();
        Map<String, List<Review>> byMovie = new TreeMap<>();
        Map<Sentiment, Integer> target = new EnumMap<>(Sentiment.class);
        for (Review review : pool) {
            byMovie.computeIfAbsent(movieKey(review, movies), k -> new ArrayList<>()).add(review);
            target.merge(review.label(), 1, Integer::sum);
        }
        target.replaceAll((label, count) -> Math.max(1, (int) Math.round(count * fraction)));
        List<String> order = new ArrayList<>(byMovie.keySet());
        Collections.shuffle(order, random);
        Map<Sentiment, Integer> held = new EnumMap<>(Sentiment.class);
        List<Review> train = new ArrayList<>();
        List<Review> validation = new ArrayList<>();
        Set<String> trainMovies = new HashSet<>();
        Set<String> validationMovies = new HashSet<>();
        for (String movie : order) {
            List<Review> group = byMovie.get(movie);
            if (fits(group, held, target)) {
                group.forEach(r -> held.merge(r.label(), 1, Integer::sum));
                validation.addAll(group);
                validationMovies.add(movie);
            } else {
                train.addAll(group);
                trainMovies.add(movie);
            }
        }
        Collections.shuffle(train, random);
        Collections.shuffle(validation, random);
        SplitProvenance provenance = new SplitProvenance(SplitProvenance.Method.MOVIE_GROUPED, movies.source(),
                (int) known, trainMovies.size(), validationMovies.size());
        return new StratifiedSplit(List.copyOf(train), List.copyOf(validation), provenance);
    }

    private static String movieKey(Review review, ReviewMovies movies) {
        String movie = movies.movieOf(review.id());
        return movie != null ? "movie:" + movie : "review:" + review.id();
    }

    private static boolean fits(List<Review> group, Map<Sentiment, Integer> held, Map<Sentiment, Integer> target) {
        Map<Sentiment, Integer> adding = new EnumMap<>(Sentiment.class);
        group.forEach(r -> adding.merge(r.label(), 1, Integer::sum));
        for (Map.Entry<Sentiment, Integer> e : adding.entrySet()) {
            if (held.getOrDefault(e.getKey(), 0) + e.getValue() > target.get(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    private static Map<Sentiment, List<Review>> byLabel(List<Review> reviews) {
        Map<Sentiment, List<Review>> byLabel = new EnumMap<>(Sentiment.class);
        for (Review review : reviews) {
            if (!review.isLabelled()) {
                throw new IllegalArgumentException("review " + review.id() + " has no label");
            }
            byLabel.computeIfAbsent(review.label(), k -> new ArrayList<>()).add(review);
        }
        if (byLabel.size() < 2) {
            throw new IllegalArgumentException("training data needs both labels, found only " + byLabel.keySet());
        }
        return byLabel;
    }

    /** One label's reviews shuffled, cut to its share of {@code maxExamples} when that is set. */
    private static List<Review> draw(List<Review> group, int total, int maxExamples, Random random) {
        List<Review> shuffled = new ArrayList<>(group);
        Collections.shuffle(shuffled, random);
        if (maxExamples > 0 && maxExamples < total) {
            int keep = (int) Math.round((double) maxExamples * group.size() / total);
            shuffled = new ArrayList<>(shuffled.subList(0, Math.max(2, keep)));
        }
        return shuffled;
    }
}
