package io.sentimentstream.core.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sentimentstream.core.text.Vocabulary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Reads and writes the single-file model bundle: a zip archive holding {@code manifest.json},
 * {@code vocabulary.txt} and {@code network.zip} (DL4J's own format). The manifest records a
 * SHA-256 of the other two entries; reading checks the archive, every entry, every checksum, the
 * format version and that the vocabulary fits the network, and says what is wrong when it fails.
 */
public final class ModelBundleFile {

    static final String MANIFEST = "manifest.json";
    static final String VOCABULARY = "vocabulary.txt";
    static final String NETWORK = "network.zip";
    static final String NGRAM = "ngram.bin";

    /** What a bundle may hold, with the largest size of each (generous: the default's are 4 KB to 10 MB). */
    private static final Map<String, Long> BUNDLE_ENTRIES = Map.of(MANIFEST, 1L << 20, VOCABULARY, 64L << 20,
            NETWORK, 512L << 20, NGRAM, 512L << 20);
    /**
     * What DL4J's {@code network.zip} may hold: the configuration and the weights. Anything else is
     * refused, above all {@code preprocessor.bin}, which DL4J would read with Java deserialization.
     */
    private static final Map<String, Long> NETWORK_ENTRIES = Map.of("configuration.json", 16L << 20,
            "coefficients.bin", 512L << 20);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelBundleFile() {
    }

    /** The JSON mapper used for manifests; shared so reports print the same way. */
    public static ObjectMapper json() {
        return JSON;
    }

    /**
     * Writes the bundle to {@code target} atomically (a temporary file beside it, then a move), so
     * a reader never sees half a bundle.
     */
    public static void write(ModelBundle bundle, Path target) throws IOException {
        byte[] network = networkBytes(bundle.network());
        byte[] vocabulary = vocabularyBytes(bundle.vocabulary());
        Map<String, String> checksums = new LinkedHashMap<>();
        checksums.put(VOCABULARY, sha256(vocabulary));
        checksums.put(NETWORK, sha256(network));
        byte[] ngram = bundle.ngram() == null ? null : bundle.ngram().toBytes();
        if (ngram != null) {
            checksums.put(NGRAM, sha256(ngram));
        }
        BundleManifest manifest = bundle.manifest().withChecksums(checksums);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);

        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".bundle-", ".tmp");
        try {
            try (OutputStream file = Files.newOutputStream(tmp);
                 ZipOutputStream zip = new ZipOutputStream(file)) {
                putEntry(zip, MANIFEST, manifestBytes);
                putEntry(zip, VOCABULARY, vocabulary);
                putEntry(zip, NETWORK, network);
                if (ngram != null) {
                    putEntry(zip, NGRAM, ngram);
                }
            }
            try {
                // createTempFile makes the file private; a bundle is meant to be shared.
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads and checks a bundle. */
    public static ModelBundle read(Path path) {
        Map<String, byte[]> entries = readEntries(path);
        BundleManifest manifest = parseManifest(path, entries);
        List<String> required = manifest.fusion() == null ? List.of(VOCABULARY, NETWORK)
                : List.of(VOCABULARY, NETWORK, NGRAM);
        for (String name : required) {
            byte[] content = entries.get(name);
            if (content == null) {
                throw invalid(path, "entry " + name + " is missing (truncated or not a model bundle)");
            }
            String expected = manifest.checksums() == null ? null : manifest.checksums().get(name);
            if (expected == null) {
                throw invalid(path, "the manifest has no checksum for " + name);
            }
            if (!expected.equals(sha256(content))) {
                throw invalid(path, "entry " + name + " does not match its checksum (corrupt file)");
            }
        }
        Vocabulary vocabulary;
        try {
            vocabulary = Vocabulary.read(new InputStreamReader(
                    new ByteArrayInputStream(entries.get(VOCABULARY)), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw invalid(path, "unreadable vocabulary: " + e.getMessage(), e);
        }
        if (vocabulary.size() != manifest.vocabularySize()) {
            throw invalid(path, "vocabulary has " + vocabulary.size() + " ids but the manifest says "
                    + manifest.vocabularySize());
        }
        ComputationGraph network;
        try {
            network = ModelSerializer.restoreComputationGraph(
                    new ByteArrayInputStream(checkedNetwork(path, entries.get(NETWORK))), false);
        } catch (IOException | RuntimeException e) {
            throw invalid(path, "the network cannot be restored: " + e.getMessage(), e);
        }
        long embeddingInputs = embeddingInputs(network);
        if (embeddingInputs >= 0 && embeddingInputs != vocabulary.size()) {
            throw invalid(path, "the network's embedding takes " + embeddingInputs
                    + " ids but the vocabulary has " + vocabulary.size() + " (incompatible parts)");
        }
        NgramLogit ngram = null;
        if (manifest.fusion() != null) {
            try {
                ngram = NgramLogit.fromBytes(new ByteArrayInputStream(entries.get(NGRAM)));
            } catch (IOException | RuntimeException e) {
                throw invalid(path, "the n-gram model cannot be read: " + e.getMessage(), e);
            }
        }
        return new ModelBundle(manifest, vocabulary, network, ngram);
    }

    private static BundleManifest parseManifest(Path path, Map<String, byte[]> entries) {
        byte[] bytes = entries.get(MANIFEST);
        if (bytes == null) {
            throw invalid(path, "there is no " + MANIFEST + " (not a model bundle, or truncated)");
        }
        BundleManifest manifest;
        try {
            manifest = JSON.readValue(bytes, BundleManifest.class);
        } catch (IOException e) {
            throw invalid(path, "the manifest is not valid JSON: " + e.getMessage(), e);
        }
        if (manifest.formatVersion() < 1 || manifest.formatVersion() > BundleManifest.CURRENT_FORMAT_VERSION) {
            throw invalid(path, "bundle format version " + manifest.formatVersion()
                    + " is not supported (this build reads 1 to " + BundleManifest.CURRENT_FORMAT_VERSION
                    + "); use a matching trainer or upgrade");
        }
        if (manifest.labels() == null || manifest.labels().size() != 2) {
            throw invalid(path, "the manifest must name exactly two labels, found " + manifest.labels());
        }
        if (manifest.preprocessing() == null) {
            throw invalid(path, "the manifest has no preprocessing settings");
        }
        return manifest;
    }

    /**
     * DL4J's network archive, checked ({@link #NETWORK_ENTRIES}) and written afresh from the checked
     * entries: DL4J reads an archive by its central directory, which could name entries that the
     * check, reading the entries in order, never saw.
     */
    private static byte[] checkedNetwork(Path path, byte[] archive) {
        try {
            return BoundedZip.write(BoundedZip.read(new ByteArrayInputStream(archive), NETWORK_ENTRIES));
        } catch (BoundedZip.RefusedException e) {
            throw invalid(path, NETWORK + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw invalid(path, NETWORK + " is not a readable zip archive: " + e.getMessage(), e);
        }
    }

    private static Map<String, byte[]> readEntries(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidModelBundleException("model bundle not found: " + path.toAbsolutePath());
        }
        Map<String, byte[]> entries;
        try (InputStream file = Files.newInputStream(path)) {
            entries = BoundedZip.read(file, BUNDLE_ENTRIES);
        } catch (BoundedZip.RefusedException e) {
            throw invalid(path, e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new InvalidModelBundleException("model bundle not found: " + path.toAbsolutePath(), e);
        } catch (ZipException | java.io.EOFException e) {
            throw invalid(path, "not a readable zip archive (truncated or corrupt): " + e.getMessage(), e);
        } catch (IOException e) {
            throw invalid(path, "cannot be read: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw invalid(path, "not a zip archive, or an empty one");
        }
        return entries;
    }

    private static long embeddingInputs(ComputationGraph network) {
        for (Layer layer : network.getLayers()) {
            if (layer.conf().getLayer() instanceof EmbeddingSequenceLayer embedding) {
                return embedding.getNIn();
            }
        }
        return -1;
    }

    private static byte[] networkBytes(ComputationGraph network) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, out, false);
        return out.toByteArray();
    }

    private static byte[] vocabularyBytes(Vocabulary vocabulary) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            vocabulary.write(writer);
        }
        return out.toByteArray();
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static InvalidModelBundleException invalid(Path path, String what) {
        return new InvalidModelBundleException("invalid model bundle " + path + ": " + what);
    }

    private static InvalidModelBundleException invalid(Path path, String what, Throwable cause) {
        return new InvalidModelBundleException("invalid model bundle " + path + ": " + what, cause);
    }
}
