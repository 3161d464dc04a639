package io.sentimentstream.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfidfLogitTest {

    @TempDir
    Path dir;

    @Test
    void logitIsBiasPlusWeightsOverTheUnitLengthNorm() {
        float[] weights = new float[256];
        float[] idf = new float[256];
        java.util.Arrays.fill(idf, 1f);
        int[] buckets = NgramLogit.buckets(new int[] {3, 4}, 8); // 3, 4 and the bigram 3-4
        assertEquals(3, buckets.length);
        for (int b : buckets) {
            weights[b] = 2f * 3f; // coefficient 2 times IDF 3
            idf[b] = 3f;
        }
        TfidfLogit model = new TfidfLogit(8, 2, weights, idf, -1f);
        // numerator 3 * 6 = 18, norm sqrt(3 * 9) = 5.196...
        assertEquals(-1 + 18 / Math.sqrt(27), model.logit(new int[] {3, 4}), 1e-9);
        // {3, 4, 3, 4} adds one n-gram (4-3, weight 0, IDF 1): repeats count once, the new one only widens the norm.
        assertEquals(-1 + 18 / Math.sqrt(28), model.logit(new int[] {3, 4, 3, 4}), 1e-9);
        assertEquals(-1, model.logit(new int[0]), 1e-12, "an empty text gets the intercept");
    }

    @Test
    void roundTripsThroughBytesAndTheBundle() throws IOException {
        ModelBundle bundle = TestBundles.tinyTripleFused();
        TfidfLogit copy = TfidfLogit.fromBytes(new ByteArrayInputStream(bundle.tfidf().toBytes()));
        int[] ids = {2, 3, 4, 5, 2, 3};
        assertEquals(bundle.tfidf().logit(ids), copy.logit(ids));

        Path file = dir.resolve("triple.bundle");
        ModelBundleFile.write(bundle, file);
        SentimentModel loaded = SentimentModel.load(file);
        SentimentModel inMemory = new SentimentModel(bundle);
        List<String> texts = List.of("the movie was great", "not good , boring plot", "!");
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(inMemory.predict(texts).get(i), loaded.predict(texts).get(i));
        }
        assertTrue(loaded.engine().endsWith("+ngram+tfidf"), loaded.engine());
    }

    @Test
    void theTfidfMemberChangesTheFusedScoreByItsWeight() {
        ModelBundle triple = TestBundles.tinyTripleFused();
        ModelBundle withoutIt = TestBundles.tinyFused();
        SentimentModel model = new SentimentModel(triple);
        String text = "loved the acting , brilliant plot";
        int[] ids = model.encode(text);
        double lstm = new SentimentModel(new ModelBundle(triple.manifest().withFusion(triple.manifest().metrics(), null),
                triple.vocabulary(), triple.network())).positiveProbabilities(List.of(ids), 1)[0];
        FusionWeights w = triple.manifest().fusion();
        double expected = w.fuse(lstm, triple.ngram().logit(ids), triple.tfidf().logit(ids));
        assertEquals(expected, model.positiveProbabilities(List.of(ids), 1)[0], 1e-12);
        assertNotEquals(new SentimentModel(withoutIt).positiveProbabilities(List.of(ids), 1)[0], expected);
    }

    @Test
    void hostileOrBrokenBytesAreRefusedBeforeAllocating() {
        byte[] good = TestBundles.tinyTripleFused().tfidf().toBytes();
        assertRefused(java.util.Arrays.copyOf(good, good.length - 4), "holds");
        assertRefused(java.util.Arrays.copyOf(good, good.length + 4), "holds");
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).putInt(4, 24); // declares 2^24 buckets, holds 2^8
        assertRefused(huge, "holds");
        byte[] absurd = good.clone();
        ByteBuffer.wrap(absurd).putInt(4, 31);
        assertRefused(absurd, "unsupported hash size");
        byte[] zeroIdf = good.clone();
        ByteBuffer.wrap(zeroIdf).putFloat(good.length - 4, 0f);
        assertRefused(zeroIdf, "IDF must be positive");
        byte[] nanIdf = good.clone();
        ByteBuffer.wrap(nanIdf).putFloat(good.length - 4, Float.NaN);
        assertRefused(nanIdf, "IDF must be positive");
        assertRefused(new byte[] {1, 2, 3, 4, 5}, "magic");
    }

    @Test
    void aBundleWhoseFusionWeighsAMissingTfidfModelIsRefusedWithOneLine() throws IOException {
        ModelBundle triple = TestBundles.tinyTripleFused();
        assertThrows(IllegalArgumentException.class, () -> new ModelBundle(triple.manifest(), triple.vocabulary(),
                triple.network(), triple.ngram()));
        Path file = dir.resolve("triple.bundle");
        ModelBundleFile.write(triple, file);
        Path stripped = dir.resolve("stripped.bundle");
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
            for (java.util.zip.ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        entries.remove(ModelBundleFile.TFIDF);
        Files.write(stripped, BoundedZip.write(entries));
        InvalidModelBundleException e = assertThrows(InvalidModelBundleException.class, () -> ModelBundleFile.read(stripped));
        assertTrue(e.getMessage().contains("tfidf.bin is missing"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertTrue(Files.size(stripped) < Files.size(file));
    }

    private static void assertRefused(byte[] bytes, String expected) {
        IOException e = assertThrows(IOException.class, () -> TfidfLogit.fromBytes(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
