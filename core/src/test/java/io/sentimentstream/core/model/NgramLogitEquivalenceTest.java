package io.sentimentstream.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.SharedData;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link NgramLogit#logit} (distinct buckets from a bitmap, no sort) against the method it
 * replaced: the weights of the sorted distinct buckets of {@link NgramLogit#buckets}, added in that
 * order. Equal to the last bit, on thousands of real reviews encoded by the committed model.
 */
class NgramLogitEquivalenceTest {

    @Test
    void logitIsTheSumOverTheSortedBucketsOnRealReviews() {
        ModelBundle bundle = ModelBundleFile.read(DefaultModel.locate());
        SentimentModel model = new SentimentModel(bundle);
        NgramLogit committed = bundle.ngram();
        List<Review> reviews = new DatasetReader(ReadOptions.labelled()).read(SharedData.trainCsv()).reviews();
        // The committed branch, and trigram / length-normalised / small-hash variants with weights
        // of every magnitude (so that the order of the additions would show in the last bits).
        NgramLogit[] models = {committed, variant(committed.hashBits(), 3, true, 1), variant(8, 3, false, 2),
                variant(12, 2, true, 3)};
        for (int i = 0; i < reviews.size(); i += 5) {
            int[] ids = model.encode(reviews.get(i).text());
            for (NgramLogit ngram : models) {
                assertEquals(oldLogit(ngram, ids), ngram.logit(ids), 0.0, "review " + reviews.get(i).id());
            }
        }
        for (NgramLogit ngram : models) { // a single id, and repeats only
            assertEquals(oldLogit(ngram, new int[] {7}), ngram.logit(new int[] {7}), 0.0);
            assertEquals(oldLogit(ngram, new int[] {3, 3, 3, 3}), ngram.logit(new int[] {3, 3, 3, 3}), 0.0);
        }
    }

    private static double oldLogit(NgramLogit ngram, int[] ids) {
        int[] buckets = NgramLogit.buckets(ids, ngram.hashBits(), ngram.order());
        double sum = 0;
        for (int bucket : buckets) {
            sum += ngram.weight(bucket);
        }
        return ngram.bias() + sum * NgramLogit.scale(buckets.length, ngram.lengthNormalised());
    }

    private static NgramLogit variant(int hashBits, int order, boolean normalised, long seed) {
        Random random = new Random(seed);
        float[] weights = new float[1 << hashBits];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (random.nextGaussian() * Math.pow(10, -random.nextInt(12)));
        }
        return new NgramLogit(hashBits, order, normalised, weights, 0.25f);
    }
}
