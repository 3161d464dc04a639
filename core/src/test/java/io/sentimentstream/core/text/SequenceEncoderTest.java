package io.sentimentstream.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceEncoderTest {

    private final Vocabulary vocabulary = Vocabulary.of(List.of("a", "b", "c", "d"));

    @Test
    void preTruncationKeepsTheEnd() {
        SequenceEncoder encoder = new SequenceEncoder(vocabulary,
                new EncodingSettings(3, EncodingSettings.Side.PRE, EncodingSettings.Side.POST));
        assertArrayEquals(new int[] {4, 5, 1}, encoder.encode(List.of("a", "b", "c", "d", "zzz")));
    }

    @Test
    void postTruncationKeepsTheStart() {
        SequenceEncoder encoder = new SequenceEncoder(vocabulary,
                new EncodingSettings(3, EncodingSettings.Side.POST, EncodingSettings.Side.POST));
        assertArrayEquals(new int[] {2, 3, 4}, encoder.encode(List.of("a", "b", "c", "d", "zzz")));
    }

    @Test
    void shortSequencesAreNotPaddedByTheEncoder() {
        SequenceEncoder encoder = new SequenceEncoder(vocabulary,
                new EncodingSettings(10, EncodingSettings.Side.PRE, EncodingSettings.Side.POST));
        assertArrayEquals(new int[] {3, 1}, encoder.encode(List.of("b", "unknown")));
    }

    @Test
    void anEmptyTokenListStillEncodesAsOneUnknownToken() {
        SequenceEncoder encoder = new SequenceEncoder(vocabulary,
                new EncodingSettings(10, EncodingSettings.Side.PRE, EncodingSettings.Side.POST));
        assertArrayEquals(new int[] {Vocabulary.OOV_ID}, encoder.encode(List.of()));
    }

    @Test
    void theWindowKeepsTheEndTheModelReadsAndNeverSplitsASurrogatePair() {
        SequenceEncoder keepEnd = new SequenceEncoder(vocabulary,
                new EncodingSettings(2, EncodingSettings.Side.PRE, EncodingSettings.Side.POST));
        int max = keepEnd.windowChars();
        assertEquals(2 * SequenceEncoder.CHARS_PER_TOKEN, max);
        String shortText = "fine";
        assertSame(shortText, keepEnd.window(shortText));
        String huge = "x".repeat(1_000_000) + "the end";
        assertEquals(max, keepEnd.window(huge).length());
        assertTrue(keepEnd.window(huge).endsWith("the end"));
        // a pair on the cut: its low half would start the window, so the window starts after it
        String pairs = "\uD83C\uDFAC".repeat(max);
        assertFalse(Character.isLowSurrogate(keepEnd.window(pairs + "a").charAt(0)));
        assertEquals(max - 1, keepEnd.window(pairs + "a").length());

        SequenceEncoder keepStart = new SequenceEncoder(vocabulary,
                new EncodingSettings(2, EncodingSettings.Side.POST, EncodingSettings.Side.POST));
        assertTrue(keepStart.window("the start" + "x".repeat(1_000_000)).startsWith("the start"));
        assertFalse(Character.isHighSurrogate(keepStart.window("a" + pairs).charAt(max - 2)));
        assertEquals(max - 1, keepStart.window("a" + pairs).length());
    }
}
