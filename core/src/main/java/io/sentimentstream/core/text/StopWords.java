package io.sentimentstream.core.text;

import java.util.Set;

/**
 * A short English stop-word list. Negations ({@code not}, {@code no}, {@code nor}, {@code never}
 * and the {@code n't} contractions) are deliberately absent: removing them flips sentiment.
 */
public final class StopWords {

    private static final Set<String> WORDS = Set.of(
            "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from",
            "as", "is", "are", "was", "were", "be", "been", "being", "am", "it", "its", "it's",
            "this", "that", "these", "those", "i", "me", "my", "we", "our", "you", "your", "he",
            "him", "his", "she", "her", "they", "them", "their", "what", "which", "who", "whom",
            "there", "here", "when", "where", "why", "how", "all", "any", "both", "each", "few",
            "more", "most", "other", "some", "such", "own", "same", "so", "than", "too", "very",
            "can", "will", "just", "should", "now", "do", "does", "did", "doing", "have", "has",
            "had", "having", "if", "then", "because", "while", "about", "against", "between",
            "into", "through", "during", "before", "after", "above", "below", "up", "down", "out",
            "off", "over", "under", "again", "further", "once", "s", "t", "br");

    private StopWords() {
    }

    /** Whether the (lower-case) token is a stop word. */
    public static boolean isStopWord(String token) {
        return WORDS.contains(token);
    }
}
