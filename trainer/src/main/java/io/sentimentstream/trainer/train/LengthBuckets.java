package io.sentimentstream.trainer.train;

import io.sentimentstream.trainer.dl4j.EncodedBatch;
import io.sentimentstream.core.text.EncodingSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Groups examples of similar length into mini-batches so that a batch is padded only to its own
 * longest review: with masking the result is the same, and a batch of short reviews costs a
 * fraction of a batch padded to the maximum length. Batches are drawn from shuffled pools and
 * shuffled again, so every epoch still sees a random order.
 */
public final class LengthBuckets {

    private static final int POOL_BATCHES = 50;

    private LengthBuckets() {
    }

    /** One epoch of shuffled, length-bucketed training batches. */
    public static List<List<EncodedExample>> shuffled(List<EncodedExample> examples, int batchSize, Random random) {
        List<EncodedExample> order = new ArrayList<>(examples);
        Collections.shuffle(order, random);
        List<List<EncodedExample>> batches = new ArrayList<>();
        int pool = batchSize * POOL_BATCHES;
        for (int start = 0; start < order.size(); start += pool) {
            List<EncodedExample> chunk = new ArrayList<>(order.subList(start, Math.min(order.size(), start + pool)));
            chunk.sort(Comparator.comparingInt(e -> e.ids().length));
            batches.addAll(partition(chunk, batchSize));
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /** The training input of one batch: ids, labels one-hot, and the feature mask. */
    public static MultiDataSet toDataSet(List<EncodedExample> batch, EncodingSettings.Side padding) {
        List<int[]> ids = new ArrayList<>(batch.size());
        for (EncodedExample e : batch) {
            ids.add(e.ids());
        }
        EncodedBatch encoded = EncodedBatch.of(ids, padding);
        INDArray labels = Nd4j.zeros(batch.size(), 2);
        for (int i = 0; i < batch.size(); i++) {
            labels.putScalar(i, batch.get(i).label(), 1.0);
        }
        return new MultiDataSet(new INDArray[] {encoded.features()}, new INDArray[] {labels},
                new INDArray[] {encoded.mask()}, null);
    }

    private static <T> List<List<T>> partition(List<T> items, int size) {
        List<List<T>> parts = new ArrayList<>();
        for (int start = 0; start < items.size(); start += size) {
            parts.add(List.copyOf(items.subList(start, Math.min(items.size(), start + size))));
        }
        return parts;
    }
}
