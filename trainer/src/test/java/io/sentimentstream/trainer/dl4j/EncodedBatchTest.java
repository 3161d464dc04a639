package io.sentimentstream.trainer.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sentimentstream.core.text.EncodingSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedBatchTest {

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
