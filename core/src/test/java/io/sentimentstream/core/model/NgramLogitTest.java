package io.sentimentstream.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NgramLogitTest {

    @TempDir
    Path dir;

    @Test
    void bucketsAreDistinctUnigramsAndBigrams() {
        int[] buckets = NgramLogit.buckets(new int[] {5, 6, 5, 6}, 20);
        // unigrams {5, 6}, bigrams {5-6, 6-5}: four distinct features, repeats counted once.
        assertEquals(4, buckets.length);
        // Order matters for bigrams: "not good" is not "good not".
        assertNotEquals(NgramLogit.buckets(new int[] {7, 8}, 20)[2], NgramLogit.buckets(new int[] {8, 7}, 20)[2]);
        // Fixed hashing: the same ids always land in the same buckets.
        assertArrayEquals(buckets, NgramLogit.buckets(new int[] {5, 6, 5, 6}, 20));
    }

    @Test
    void logitIsBiasPlusWeightsOfPresentFeatures() {
        float[] weights = new float[256];
        for (int b : NgramLogit.buckets(new int[] {3}, 8)) {
            weights[b] = 2.5f;
        }
        NgramLogit model = new NgramLogit(8, weights, -1f);
        assertEquals(1.5, model.logit(new int[] {3}), 1e-6);
        // Presence, not counts: a repeated word adds its weight once.
        assertEquals(model.logit(new int[] {3, 3}), model.logit(new int[] {3, 3, 3, 3}), 1e-6);
    }

    @Test
    void roundTripsThroughBytes() throws IOException {
        NgramLogit model = TestBundles.tinyFused().ngram();
        NgramLogit copy = NgramLogit.fromBytes(new ByteArrayInputStream(model.toBytes()));
        int[] ids = {2, 3, 4, 5, 2, 3};
        assertEquals(model.logit(ids), copy.logit(ids));
        assertThrows(IOException.class, () -> NgramLogit.fromBytes(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5})));
    }

    @Test
    void trigramsAddOneFeaturePerTripleAndKeepTheBigramBuckets() {
        int[] ids = {5, 6, 7, 8};
        int[] bigrams = NgramLogit.buckets(ids, 20);
        int[] trigrams = NgramLogit.buckets(ids, 20, 3);
        assertEquals(7, bigrams.length);
        assertEquals(9, trigrams.length);
        for (int b : bigrams) {
            assertTrue(java.util.Arrays.binarySearch(trigrams, b) >= 0, "bigram bucket kept: " + b);
        }
    }

    @Test
    void lengthNormalisedLogitDividesTheSumByTheRootOfTheFeatureCount() {
        float[] weights = new float[256];
        java.util.Arrays.fill(weights, 1f);
        NgramLogit model = new NgramLogit(8, 3, true, weights, 0.5f);
        int features = NgramLogit.buckets(new int[] {3, 4, 5}, 8, 3).length;
        assertEquals(0.5 + features / Math.sqrt(features), model.logit(new int[] {3, 4, 5}), 1e-5);
    }

    @Test
    void orderAndNormalisationSurviveBytesAndTheOldFormatStillReads() throws IOException {
        float[] weights = new float[256];
        weights[7] = 1.25f;
        NgramLogit model = new NgramLogit(8, 3, true, weights, -0.5f);
        NgramLogit copy = NgramLogit.fromBytes(new ByteArrayInputStream(model.toBytes()));
        assertEquals(3, copy.order());
        assertTrue(copy.lengthNormalised());
        int[] ids = {9, 8, 7, 6, 5};
        assertEquals(model.logit(ids), copy.logit(ids));

        java.io.ByteArrayOutputStream v1 = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(v1);
        out.writeInt(0x4E474C31);
        out.writeInt(8);
        out.writeFloat(0.25f);
        for (float w : weights) {
            out.writeFloat(w);
        }
        NgramLogit old = NgramLogit.fromBytes(new ByteArrayInputStream(v1.toByteArray()));
        assertEquals(2, old.order());
        assertEquals(new NgramLogit(8, weights, 0.25f).logit(ids), old.logit(ids));
    }

    @Test
    void fusedBundlePredictsIdenticallyAfterLoadingAndDiffersFromTheLstmAlone() throws IOException {
        ModelBundle fused = TestBundles.tinyFused();
        Path file = dir.resolve("fused.bundle");
        ModelBundleFile.write(fused, file);
        List<String> reviews = List.of("the movie was great", "awful boring plot", "not good not bad");
        SentimentModel before = new SentimentModel(fused);
        SentimentModel after = SentimentModel.load(file);
        assertEquals(before.predict(reviews), after.predict(reviews));
        assertEquals("java+ngram", after.engine());
        assertEquals(new FusionWeights(0.7, 0.9, -0.1), after.manifest().fusion());
        double lstmOnly = new SentimentModel(TestBundles.tiny()).predict(reviews).get(0).probability();
        assertTrue(Math.abs(lstmOnly - after.predict(reviews).get(0).probability()) > 1e-3);
    }

    @Test
    void aDeclaredSizeLargerThanTheBytesIsRefusedBeforeAllocating() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            byte[] real = new NgramLogit(8, new float[256], 0f).toBytes();
            out.write(real, 0, 4);   // the magic number
            out.writeInt(26);        // 2^26 weights: 256 MB
            out.writeInt(2);         // bigrams
            out.writeBoolean(false); // not length-normalised
            out.writeFloat(0f);      // the bias, and then no weights at all
        }
        IOException e = assertThrows(IOException.class,
                () -> NgramLogit.fromBytes(new ByteArrayInputStream(bytes.toByteArray())));
        assertTrue(e.getMessage().contains("declares 2^26"), e.getMessage());
    }
}
