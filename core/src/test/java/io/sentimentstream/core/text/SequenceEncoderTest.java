package io.sentimentstream.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void batchesArePaddedToTheirLongestSequenceWithAMask() {
        EncodedBatch post = EncodedBatch.of(List.of(new int[] {2, 3, 4}, new int[] {5}), EncodingSettings.Side.POST);
        assertArrayEquals(new long[] {2, 3}, post.features().shape());
        assertArrayEquals(new float[] {5, 0, 0}, post.features().getRow(1).toFloatVector());
        assertArrayEquals(new float[] {1, 0, 0}, post.mask().getRow(1).toFloatVector());
        assertArrayEquals(new float[] {1, 1, 1}, post.mask().getRow(0).toFloatVector());

        EncodedBatch pre = EncodedBatch.of(List.of(new int[] {2, 3, 4}, new int[] {5}), EncodingSettings.Side.PRE);
        assertArrayEquals(new float[] {0, 0, 5}, pre.features().getRow(1).toFloatVector());
        assertArrayEquals(new float[] {0, 0, 1}, pre.mask().getRow(1).toFloatVector());
        assertEquals(2, pre.size());
    }
}
