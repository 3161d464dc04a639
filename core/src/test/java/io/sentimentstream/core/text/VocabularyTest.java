package io.sentimentstream.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void keepsTopWordsByFrequencyWithAlphabeticalTieBreak() {
        Vocabulary vocabulary = new VocabularyBuilder()
                .add(List.of("b", "a", "c", "a", "b", "d", "a"))
                .add(List.of("c", "e"))
                .build(3, 1);
        // a:3, then b:2 and c:2 (tie, alphabetical), d and e cut by the limit.
        assertEquals(5, vocabulary.size());
        assertEquals(2, vocabulary.idOf("a"));
        assertEquals(3, vocabulary.idOf("b"));
        assertEquals(4, vocabulary.idOf("c"));
        assertEquals(Vocabulary.OOV_ID, vocabulary.idOf("d"));
        assertFalse(vocabulary.contains("d"));
    }

    @Test
    void minCountDropsRareWords() {
        Vocabulary vocabulary = new VocabularyBuilder().add(List.of("x", "x", "y")).build(10, 2);
        assertTrue(vocabulary.contains("x"));
        assertFalse(vocabulary.contains("y"));
    }

    @Test
    void reservedIdsAreNeverWords() {
        Vocabulary vocabulary = Vocabulary.of(List.of("movie"));
        assertEquals(Vocabulary.PAD_TOKEN, vocabulary.tokenOf(Vocabulary.PAD_ID));
        assertEquals(Vocabulary.OOV_TOKEN, vocabulary.tokenOf(Vocabulary.OOV_ID));
        // Someone typing "<pad>" in a review must not produce the padding id.
        assertEquals(Vocabulary.OOV_ID, vocabulary.idOf(Vocabulary.PAD_TOKEN));
    }

    @Test
    void roundTripsThroughItsTextForm() throws IOException {
        Vocabulary vocabulary = Vocabulary.of(List.of("great", "don't", "café"));
        StringWriter out = new StringWriter();
        vocabulary.write(out);
        assertEquals(vocabulary, Vocabulary.read(new StringReader(out.toString())));
    }

    @Test
    void rejectsAFileWithoutReservedTokens() {
        IOException e = assertThrows(IOException.class, () -> Vocabulary.read(new StringReader("great\nawful\n")));
        assertTrue(e.getMessage().contains("reserved"));
    }
}
