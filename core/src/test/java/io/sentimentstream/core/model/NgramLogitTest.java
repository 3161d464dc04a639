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
            out.writeFloat(0f);
        }
        IOException e = assertThrows(IOException.class,
                () -> NgramLogit.fromBytes(new ByteArrayInputStream(bytes.toByteArray())));
        assertTrue(e.getMessage().contains("declares 2^26"), e.getMessage());
    }
}
