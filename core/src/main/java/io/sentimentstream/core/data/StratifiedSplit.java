package io.sentimentstream.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, stratified split of labelled reviews into training and validation parts: each label
 * keeps its share in both parts, and the same seed always gives the same split.
 *
 * @param train      reviews to learn from (and to build the vocabulary from)
 * @param validation held-out reviews for early stopping and the reported metrics
 */
public record StratifiedSplit(List<Review> train, List<Review> validation) {

    /**
     * Splits {@code reviews}, holding out {@code fraction} of each label; with
     * {@code maxExamples > 0} first draws that many reviews, stratified the same way.
     */
    public static StratifiedSplit of(List<Review> reviews, double fraction, int maxExamples, long seed) {
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
        Random random = new Random(seed);
        List<Review> train = new ArrayList<>();
        List<Review> validation = new ArrayList<>();
        for (List<Review> group : byLabel.values()) {
            List<Review> shuffled = new ArrayList<>(group);
            Collections.shuffle(shuffled, random);
            if (maxExamples > 0 && maxExamples < reviews.size()) {
                int keep = (int) Math.round((double) maxExamples * group.size() / reviews.size());
                shuffled = shuffled.subList(0, Math.max(2, keep));
            }
            int held = Math.max(1, (int) Math.round(shuffled.size() * fraction));
            validation.addAll(shuffled.subList(0, held));
            train.addAll(shuffled.subList(held, shuffled.size()));
        }
        Collections.shuffle(train, random);
        Collections.shuffle(validation, random);
        return new StratifiedSplit(List.copyOf(train), List.copyOf(validation));
    }
}
