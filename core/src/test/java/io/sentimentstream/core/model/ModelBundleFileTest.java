package io.sentimentstream.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleFileTest {

    private static final List<String> REVIEWS = List.of(
            "The movie was great! Loved the acting.",
            "Awful plot, boring and bad. Not good at all.",
            "",
            "brilliant brilliant brilliant the the the the movie movie was was was not not not bad bad");

    @TempDir
    static Path dir;
    static ModelBundle bundle;
    static Path file;

    @BeforeAll
    static void writeBundle() throws IOException {
        bundle = TestBundles.tiny();
        file = dir.resolve("model.bundle");
        ModelBundleFile.write(bundle, file);
    }

    @Test
    void predictionsAreIdenticalAfterLoading() {
        List<Prediction> before = new SentimentModel(bundle).predict(REVIEWS);
        SentimentModel loaded = SentimentModel.load(file);
        List<Prediction> after = loaded.predict(REVIEWS);
        assertEquals(before, after);
        assertEquals(bundle.vocabulary(), loaded.bundle().vocabulary());
        assertEquals(bundle.manifest().preprocessing(), loaded.manifest().preprocessing());
        assertEquals("test-model", loaded.manifest().name());
        assertEquals(3, loaded.manifest().checksums().size());
        assertEquals(BundleManifest.CURRENT_FORMAT_VERSION, loaded.manifest().formatVersion());
        assertTrue(bundle.network().sameAs(loaded.bundle().network()), "tensors bit for bit");
    }

    @Test
    void batchAndSingleScoringAgree() {
        SentimentModel model = new SentimentModel(bundle);
        List<Prediction> batch = model.predict(REVIEWS);
        for (int i = 0; i < REVIEWS.size(); i++) {
            // Masking makes padding irrelevant: alone or in a batch, the probability is the same.
            assertEquals(batch.get(i).probability(), model.predict(List.of(REVIEWS.get(i))).get(0).probability(), 1e-6);
        }
    }

    @Test
    void copyScoresLikeTheOriginal() {
        SentimentModel model = new SentimentModel(bundle);
        assertEquals(model.predict(REVIEWS), model.copy().predict(REVIEWS));
    }

    @Test
    void missingFileIsReportedAsNotFound() {
        InvalidModelBundleException e = assertThrows(InvalidModelBundleException.class,
                () -> SentimentModel.load(dir.resolve("nope.bundle")));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void truncatedFileIsReported() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.bundle");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        InvalidModelBundleException e = assertThrows(InvalidModelBundleException.class,
                () -> ModelBundleFile.read(truncated));
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void notAZipIsReported() throws IOException {
        Path text = dir.resolve("text.bundle");
        Files.writeString(text, "definitely not a model");
        InvalidModelBundleException e = assertThrows(InvalidModelBundleException.class, () -> ModelBundleFile.read(text));
        assertTrue(e.getMessage().contains("zip"), e.getMessage());
    }

    @Test
    void corruptEntryFailsItsChecksum() throws IOException {
        Map<String, byte[]> entries = entries(file);
        byte[] network = entries.get(ModelBundleFile.WEIGHTS);
        network[network.length / 2] ^= 0x5A;
        Path corrupt = rewrite("corrupt.bundle", entries);
        InvalidModelBundleException e = assertThrows(InvalidModelBundleException.class, () -> ModelBundleFile.read(corrupt));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void newerFormatVersionIsIncompatible() throws IOException {
        Map<String, byte[]> entries = entries(file);
        String manifest = new String(entries.get(ModelBundleFile.MANIFEST), StandardCharsets.UTF_8)
                .replace("\"formatVersion\" : " + BundleManifest.CURRENT_FORMAT_VERSION, "\"formatVersion\" : 99");
        entries.put(ModelBundleFile.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
        Path future = rewrite("future.bundle", entries);
        InvalidModelBundleException e = assertThrows(InvalidModelBundleException.class, () -> ModelBundleFile.read(future));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    }

    @Test
    void vocabularyThatDoesNotFitTheNetworkIsIncompatible() throws IOException {
        Map<String, byte[]> entries = entries(file);
        String vocabulary = new String(entries.get(ModelBundleFile.VOCABULARY), StandardCharsets.UTF_8) + "extra\n";
        byte[] vocabBytes = vocabulary.getBytes(StandardCharsets.UTF_8);
        entries.put(ModelBundleFile.VOCABULARY, vocabBytes);
        String manifest = new String(entries.get(ModelBundleFile.MANIFEST), StandardCharsets.UTF_8)
                .replace("\"vocabularySize\" : " + bundle.vocabulary().size(),
                        "\"vocabularySize\" : " + (bundle.vocabulary().size() + 1))
                .replaceAll("\"vocabulary.txt\" : \"[0-9a-f]+\"",
                        "\"vocabulary.txt\" : \"" + ModelBundleFile.sha256(vocabBytes) + "\"");
        entries.put(ModelBundleFile.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
        Path mismatched = rewrite("mismatched.bundle", entries);
        InvalidModelBundleException e = assertThrows(InvalidModelBundleException.class,
                () -> ModelBundleFile.read(mismatched));
        assertTrue(e.getMessage().contains("incompatible"), e.getMessage());
    }

    @Test
    void missingEntryIsReported() throws IOException {
        Map<String, byte[]> entries = entries(file);
        entries.remove(ModelBundleFile.WEIGHTS);
        Path partial = rewrite("partial.bundle", entries);
        InvalidModelBundleException e = assertThrows(InvalidModelBundleException.class, () -> ModelBundleFile.read(partial));
        assertTrue(e.getMessage().contains("weights.bin is missing"), e.getMessage());
    }

    @Test
    void unexpectedDuplicateAndOversizedEntriesAreRefusedWithOneLine() throws IOException {
        Map<String, byte[]> entries = entries(file);
        Map<String, byte[]> extra = new LinkedHashMap<>(entries);
        extra.put("Evil.class", new byte[] {(byte) 0xCA, (byte) 0xFE});
        InvalidModelBundleException unexpected = assertThrows(InvalidModelBundleException.class,
                () -> ModelBundleFile.read(rewrite("extra.bundle", extra)));
        assertTrue(unexpected.getMessage().contains("unexpected entry 'Evil.class'"), unexpected.getMessage());

        // ZipOutputStream refuses duplicate names: write another name and patch it to the same one
        Map<String, byte[]> twice = new LinkedHashMap<>(entries);
        twice.put("manifest.jsoX", entries.get(ModelBundleFile.MANIFEST));
        Path duplicate = rewrite("duplicate.bundle", twice);
        byte[] bytes = Files.readAllBytes(duplicate);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1).replace("manifest.jsoX", "manifest.json");
        Files.write(duplicate, latin.getBytes(StandardCharsets.ISO_8859_1));
        InvalidModelBundleException repeated = assertThrows(InvalidModelBundleException.class,
                () -> ModelBundleFile.read(duplicate));
        assertTrue(repeated.getMessage().contains("manifest.json appears twice"), repeated.getMessage());

        // a zip bomb: 2 MiB of spaces compress to a few KB; the manifest may have 1 MiB
        Map<String, byte[]> bomb = new LinkedHashMap<>(entries);
        bomb.put(ModelBundleFile.MANIFEST, " ".repeat(2 << 20).getBytes(StandardCharsets.UTF_8));
        Path bombFile = rewrite("bomb.bundle", bomb);
        assertTrue(Files.size(bombFile) < Files.size(file) + 64 * 1024, "the bomb is small on disk");
        InvalidModelBundleException big = assertThrows(InvalidModelBundleException.class,
                () -> ModelBundleFile.read(bombFile));
        assertTrue(big.getMessage().contains("manifest.json is larger than the 1048576 bytes allowed"),
                big.getMessage());
    }

    private static Map<String, byte[]> entries(Path path) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static Path rewrite(String name, Map<String, byte[]> entries) throws IOException {
        Path target = dir.resolve(name);
        Files.write(target, BoundedZip.write(entries));
        return target;
    }
}
