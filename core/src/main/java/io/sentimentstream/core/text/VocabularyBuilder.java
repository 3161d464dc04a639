package io.sentimentstream.core.text;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts word frequencies over the training portion and keeps the top-N words. Ties are broken
 * alphabetically so that the same data always gives the same vocabulary.
 */
public final class VocabularyBuilder {

    private final Map<String, long[]> counts = new HashMap<>();

    /** Counts the tokens of one document. */
    public VocabularyBuilder add(List<String> tokens) {
        for (String token : tokens) {
            counts.computeIfAbsent(token, t -> new long[1])[0]++;
        }
        return this;
    }

    /** Number of distinct words seen so far. */
    public int distinctWords() {
        return counts.size();
    }

    /**
     * The vocabulary of the {@code maxWords} most frequent words that occur at least
     * {@code minCount} times.
     */
    public Vocabulary build(int maxWords, int minCount) {
        if (maxWords < 1) {
            throw new IllegalArgumentException("maxWords must be positive, was " + maxWords);
        }
        List<String> words = counts.entrySet().stream()
                .filter(e -> e.getValue()[0] >= minCount)
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(maxWords)
                .map(Map.Entry::getKey)
                .filter(w -> !w.equals(Vocabulary.PAD_TOKEN) && !w.equals(Vocabulary.OOV_TOKEN))
                .toList();
        return Vocabulary.of(words);
    }
}
