package io.sentimentstream.trainer.dl4j;

import io.sentimentstream.core.text.EncodingSettings;
import io.sentimentstream.core.text.Vocabulary;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of id sequences stacked into the network's input: features {@code [batch, length]}
 * holding ids (as floats, which the embedding layer expects) and a mask {@code [batch, length]}
 * with 1 for real tokens and 0 for padding. The length is that of the longest sequence in the
 * batch, not the model's maximum, so short batches cost less.
 *
 * @param features ids, padded with {@link Vocabulary#PAD_ID}
 * @param mask     1 for a real token, 0 for padding
 */
public record EncodedBatch(INDArray features, INDArray mask) {

    /** Stacks the sequences, padding on the given side. */
    public static EncodedBatch of(List<int[]> sequences, EncodingSettings.Side padding) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("cannot build an empty batch");
        }
        int width = 1;
        for (int[] ids : sequences) {
            width = Math.max(width, ids.length);
        }
        int rows = sequences.size();
        float[] feat = new float[rows * width];
        float[] mask = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            int[] ids = sequences.get(r);
            int offset = r * width + (padding == EncodingSettings.Side.PRE ? width - ids.length : 0);
            for (int t = 0; t < ids.length; t++) {
                feat[offset + t] = ids[t];
                mask[offset + t] = 1f;
            }
        }
        return new EncodedBatch(
                Nd4j.create(feat, new long[] {rows, width}, 'c').castTo(DataType.FLOAT),
                Nd4j.create(mask, new long[] {rows, width}, 'c').castTo(DataType.FLOAT));
    }

    /** Number of sequences in the batch. */
    public int size() {
        return (int) features.size(0);
    }
}
