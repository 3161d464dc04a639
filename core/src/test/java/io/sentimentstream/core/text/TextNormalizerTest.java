package io.sentimentstream.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    private final TextNormalizer normalizer = new TextNormalizer(NormalizationSettings.defaults());

    @Test
    void removesHtmlLineBreaksAndLowercases() {
        assertEquals(List.of("great", "movie", "loved", "it"),
                normalizer.tokenize("Great MOVIE.<br /><br />Loved it"));
    }

    @Test
    void keepsNegationsAsOneToken() {
        assertEquals(List.of("i", "don't", "like", "it", "it", "isn't", "good", "not", "at", "all"),
                normalizer.tokenize("I don't like it. It ISN'T good - not at all"));
    }

    @Test
    void mapsCurlyAndMisDecodedApostrophes() {
        // U+2019 is the typographic apostrophe; U+0092 is Windows-1252's apostrophe read as Latin-1.
        assertEquals(List.of("didn't", "wasn't"), normalizer.tokenize("didn\u2019t wasn\u0092t"));
    }

    @Test
    void keepsExclamationAndQuestionMarks() {
        assertEquals(List.of("awful", "!", "!", "why", "?"), normalizer.tokenize("Awful!! Why?"));
    }

    @Test
    void isUnicodeSafe() {
        assertEquals(List.of("café", "naïve", "österreich", "日本映画"), normalizer.tokenize("Café NAÏVE Österreich 日本映画"));
        // A supplementary-plane character is not split into surrogates.
        assertEquals(List.of("a\uD801\uDC28b"), normalizer.tokenize("A\uD801\uDC00B"));
    }

    @Test
    void decodesEntitiesAndDropsOtherPunctuation() {
        assertEquals(List.of("tom", "jerry", "10", "10"), normalizer.tokenize("Tom &amp; Jerry: 10/10..."));
    }

    @Test
    void leadingAndTrailingApostrophesAreNotPartOfWords() {
        assertEquals(List.of("rock", "n", "roll", "quoted"), normalizer.tokenize("'rock 'n' roll' 'quoted'"));
    }

    @Test
    void stopWordRemovalKeepsNegations() {
        TextNormalizer withoutStopWords = new TextNormalizer(NormalizationSettings.defaults().withRemoveStopWords(true));
        List<String> tokens = withoutStopWords.tokenize("This is not the movie I wanted, it doesn't work");
        assertEquals(List.of("not", "movie", "wanted", "doesn't", "work"), tokens);
        assertFalse(StopWords.isStopWord("no"));
        assertTrue(StopWords.isStopWord("the"));
    }

    @Test
    void emptyAndTagOnlyTextsGiveNoTokens() {
        assertTrue(normalizer.tokenize("").isEmpty());
        assertTrue(normalizer.tokenize("<br /> <i></i> ...").isEmpty());
    }
}
