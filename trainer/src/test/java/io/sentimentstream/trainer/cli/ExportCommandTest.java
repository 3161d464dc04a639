package io.sentimentstream.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.drift.ReferenceProfile;
import io.sentimentstream.core.drift.ReferenceProfiles;
import io.sentimentstream.core.model.BundleManifest;
import io.sentimentstream.core.model.InvalidModelBundleException;
import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.core.model.Prediction;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.core.model.TestBundles;
import io.sentimentstream.trainer.TrainerCli;
import io.sentimentstream.trainer.dl4j.Dl4jNetworks;
import io.sentimentstream.trainer.dl4j.Dl4jScorer;
import io.sentimentstream.trainer.dl4j.NetworkArchitecture;
import io.sentimentstream.trainer.dl4j.SentimentNetworkFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trainer export}: a format-2 bundle (DL4J's {@code network.zip}, as every bundle before
 * format 3) becomes a format-3 bundle that serving loads and that scores what the original network
 * scored; a format-2 bundle carrying a Java-serialized {@code preprocessor.bin} is refused before
 * DL4J sees it.
 */
class ExportCommandTest {

    private static final List<String> REVIEWS = List.of("the movie was great ! loved the acting",
            "awful boring plot , not good", "brilliant", "bad bad bad hated it", "");

    @TempDir
    Path dir;

    @Test
    void aFormat2BundleIsConvertedAndScoresTheSame() throws Exception {
        ModelBundle template = TestBundles.tinyFused();
        ComputationGraph graph = SentimentNetworkFactory.create(new NetworkArchitecture(template.vocabulary().size(),
                8, 6, true, 0.0, 1e-3, 0.0, 0.0, 11L));
        graph.params().muli(3.0);
        Path old = dir.resolve("old.bundle");
        writeFormat2(template, networkArchive(graph), old);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path converted = dir.resolve("new.bundle");
        int exit = TrainerCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "export", "--model", old.toString(), "--out", converted.toString());
        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("(format 3"), out.toString());
        assertEquals("", err.toString());

        SentimentModel served = SentimentModel.load(converted);
        assertEquals(BundleManifest.CURRENT_FORMAT_VERSION, served.manifest().formatVersion());
        assertEquals(template.manifest().fusion(), served.manifest().fusion());
        ModelBundle withWeights = new ModelBundle(template.manifest(), template.vocabulary(),
                Dl4jNetworks.toData(graph), template.ngram());
        List<Prediction> original = SentimentModel.withEngine(withWeights,
                new Dl4jScorer(graph, template.manifest().preprocessing().encoding().padding())).predict(REVIEWS);
        List<Prediction> now = served.predict(REVIEWS);
        double spread = 0;
        for (int i = 0; i < REVIEWS.size(); i++) {
            assertEquals(original.get(i).probability(), now.get(i).probability(), 1e-5, REVIEWS.get(i));
            spread = Math.max(spread, Math.abs(original.get(i).probability() - 0.5));
        }
        assertTrue(spread > 0.01, "probabilities too close to 0.5 to tell anything apart: " + spread);
    }

    @Test
    void theReferenceProfileSurvivesTheConversion() throws Exception {
        ModelBundle tiny = TestBundles.tiny();
        ReferenceProfile profile = ReferenceProfiles.compute(new SentimentModel(tiny), REVIEWS,
                List.of(Sentiment.POS, Sentiment.NEG, Sentiment.POS, Sentiment.NEG, Sentiment.NEG), "five reviews");
        ModelBundle template = new ModelBundle(tiny.manifest().withReferenceProfile(profile), tiny.vocabulary(),
                tiny.network(), tiny.ngram());
        ComputationGraph graph = SentimentNetworkFactory.create(new NetworkArchitecture(template.vocabulary().size(),
                8, 6, true, 0.0, 1e-3, 0.0, 0.0, 11L));
        Path old = dir.resolve("profiled.bundle");
        writeFormat2(template, networkArchive(graph), old);

        Path converted = dir.resolve("profiled-3.bundle");
        StringWriter err = new StringWriter();
        int exit = TrainerCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "export", "--model", old.toString(), "--out", converted.toString());
        assertEquals(0, exit, err.toString());
        BundleManifest written = SentimentModel.load(converted).manifest();
        assertEquals(BundleManifest.CURRENT_FORMAT_VERSION, written.formatVersion());
        assertEquals(profile, written.referenceProfile());
    }

    @Test
    void servingRefusesTheFormat2BundleWithTheExportCommand() throws Exception {
        ModelBundle template = TestBundles.tiny();
        ComputationGraph graph = SentimentNetworkFactory.create(new NetworkArchitecture(template.vocabulary().size(),
                8, 4, false, 0.0, 1e-3, 0.0, 0.0, 1L));
        Path old = dir.resolve("old-plain.bundle");
        writeFormat2(template, networkArchive(graph), old);
        InvalidModelBundleException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidModelBundleException.class,
                () -> SentimentModel.load(old));
        assertTrue(e.getMessage().contains("trainer export --model " + old), e.getMessage());
    }

    @Test
    void aPreprocessorInTheNetworkArchiveIsRefusedWithOneLine() throws Exception {
        ModelBundle template = TestBundles.tiny();
        ComputationGraph graph = SentimentNetworkFactory.create(new NetworkArchitecture(template.vocabulary().size(),
                8, 4, false, 0.0, 1e-3, 0.0, 0.0, 1L));
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream object = new ObjectOutputStream(serialized)) {
            object.writeObject(new java.util.HashMap<>(Map.of("payload", "x")));
        }
        // DL4J's own writer, plus the entry that its reader would deserialize.
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(archive)) {
            for (Map.Entry<String, byte[]> entry : unzip(networkArchive(graph)).entrySet()) {
                put(zip, entry.getKey(), entry.getValue());
            }
            put(zip, "preprocessor.bin", serialized.toByteArray());
        }
        Path evil = dir.resolve("evil.bundle");
        writeFormat2(template, archive.toByteArray(), evil);
        StringWriter err = new StringWriter();
        int exit = TrainerCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "export", "--model", evil.toString(), "--out", dir.resolve("never.bundle").toString());
        assertEquals(TrainerCli.EXIT_BAD_INPUT, exit);
        assertTrue(err.toString().contains("network.zip: unexpected entry 'preprocessor.bin'"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(Files.notExists(dir.resolve("never.bundle")));
    }

    private static byte[] networkArchive(ComputationGraph graph) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, out, false);
        return out.toByteArray();
    }

    /** A bundle as the format-2 writer made it: manifest, vocabulary, DL4J network, n-gram branch. */
    static void writeFormat2(ModelBundle template, byte[] network, Path target) throws Exception {
        StringWriter vocabularyText = new StringWriter();
        template.vocabulary().write(vocabularyText);
        byte[] vocabulary = vocabularyText.toString().getBytes(StandardCharsets.UTF_8);
        byte[] ngram = template.ngram() == null ? null : template.ngram().toBytes();
        Map<String, String> checksums = new LinkedHashMap<>();
        checksums.put("vocabulary.txt", sha256(vocabulary));
        checksums.put("network.zip", sha256(network));
        if (ngram != null) {
            checksums.put("ngram.bin", sha256(ngram));
        }
        BundleManifest m = template.manifest();
        BundleManifest manifest = new BundleManifest(2, m.name(), m.version(), m.createdAt(), m.labels(),
                m.preprocessing(), m.vocabularySize(), m.hyperParameters(), m.metrics(), m.data(), checksums, m.fusion(),
                m.referenceProfile());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
            put(zip, "manifest.json", ModelBundleFile.json().writeValueAsBytes(manifest));
            put(zip, "vocabulary.txt", vocabulary);
            put(zip, "network.zip", network);
            if (ngram != null) {
                put(zip, "ngram.bin", ngram);
            }
        }
    }

    private static Map<String, byte[]> unzip(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(archive))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
