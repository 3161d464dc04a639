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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes the single-file model bundle (format 3): a zip archive holding
 * {@code manifest.json}, {@code vocabulary.txt}, {@code network.json} (the architecture,
 * {@link NetworkLayout}), {@code weights.bin} (the tensors, {@link WeightsFile}) and, for a fused
 * model, {@code ngram.bin} and, where the fusion weighs one, {@code tfidf.bin} ({@link TfidfLogit}).
 * The manifest records a SHA-256 of every other entry; reading checks the
 * archive (only these entries, each once, each within its cap), every checksum, the format version,
 * the layout, every declared tensor size against the bytes present, and that the vocabulary fits
 * the network, and says in one line what is wrong when it fails. Nothing is read with Java
 * deserialization or with DL4J.
 *
 * <p>Bundles of format 1 and 2 keep the network in DL4J's {@code network.zip}; serving refuses them
 * with the command that converts them, and the trainer reads them with a
 * {@link LegacyNetworkReader}.
 */
public final class ModelBundleFile {

    static final String MANIFEST = "manifest.json";
    static final String VOCABULARY = "vocabulary.txt";
    static final String LAYOUT = "network.json";
    static final String WEIGHTS = "weights.bin";
    static final String NGRAM = "ngram.bin";
    static final String TFIDF = "tfidf.bin";
    /** The DL4J network of format 1 and 2. */
    static final String LEGACY_NETWORK = "network.zip";

    /**
     * What a bundle may hold, with the largest size of each, and of all together: generous (the
     * default's entries are 0.4 KB to 16 MB, 27 MB in all), yet a hostile bundle holds at most
     * {@link #BUNDLE_BYTES} in memory, well inside the streams-app's 1 GB heap.
     */
    private static final Map<String, Long> BUNDLE_ENTRIES = Map.of(MANIFEST, 1L << 20, VOCABULARY, 64L << 20,
            LAYOUT, 1L << 20, WEIGHTS, 256L << 20, NGRAM, 256L << 20, TFIDF, 256L << 20, LEGACY_NETWORK, 256L << 20);
    static final long BUNDLE_BYTES = 320L << 20;
    /**
     * What DL4J's {@code network.zip} may hold: the configuration and the weights. Anything else is
     * refused, above all {@code preprocessor.bin}, which DL4J would read with Java deserialization.
     */
    private static final Map<String, Long> NETWORK_ENTRIES = Map.of("configuration.json", 16L << 20,
            "coefficients.bin", 256L << 20);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Layouts are read strictly: an unknown field may change what the network computes. */
    private static final ObjectMapper STRICT_JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

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
        byte[] layout = JSON.writeValueAsBytes(bundle.network().layout());
        byte[] weights = WeightsFile.write(bundle.network().tensors(), bundle.network().layout().tensorShapes());
        byte[] vocabulary = vocabularyBytes(bundle.vocabulary());
        Map<String, String> checksums = new LinkedHashMap<>();
        checksums.put(VOCABULARY, sha256(vocabulary));
        checksums.put(LAYOUT, sha256(layout));
        checksums.put(WEIGHTS, sha256(weights));
        byte[] ngram = bundle.ngram() == null ? null : bundle.ngram().toBytes();
        if (ngram != null) {
            checksums.put(NGRAM, sha256(ngram));
        }
        byte[] tfidf = bundle.tfidf() == null ? null : bundle.tfidf().toBytes();
        if (tfidf != null) {
            checksums.put(TFIDF, sha256(tfidf));
        }
        BundleManifest manifest = bundle.manifest().written(checksums);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);

        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".bundle-", ".tmp");
        try {
            try (OutputStream file = Files.newOutputStream(tmp);
                 ZipOutputStream zip = new ZipOutputStream(file)) {
                putEntry(zip, MANIFEST, manifestBytes);
                putEntry(zip, VOCABULARY, vocabulary);
                putEntry(zip, LAYOUT, layout);
                putEntry(zip, WEIGHTS, weights);
                if (ngram != null) {
                    putEntry(zip, NGRAM, ngram);
                }
                if (tfidf != null) {
                    putEntry(zip, TFIDF, tfidf);
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

    /**
     * Reads and checks a format-3 bundle; a bundle of an older format is refused with the command
     * that converts it.
     *
     * @throws InvalidModelBundleException with one line saying what is wrong
     */
    public static ModelBundle read(Path path) {
        return read(path, null);
    }

    /**
     * Reads and checks a bundle of any format, decoding the DL4J network of format 1 and 2 with
     * {@code legacy} (after checking that its archive holds only what DL4J's network needs).
     *
     * @param legacy the decoder of {@code network.zip}, or {@code null} to refuse format 1 and 2
     */
    public static ModelBundle read(Path path, LegacyNetworkReader legacy) {
        Map<String, byte[]> entries = readEntries(path);
        BundleManifest manifest = parseManifest(path, entries);
        boolean current = manifest.formatVersion() == BundleManifest.CURRENT_FORMAT_VERSION;
        if (!current && legacy == null) {
            throw invalid(path, "bundle format " + manifest.formatVersion() + " keeps its network in DL4J's format,"
                    + " which serving does not read; convert it with: trainer export --model " + path + " --out NEW.bundle");
        }
        List<String> required = new java.util.ArrayList<>(List.of(VOCABULARY));
        required.addAll(current ? List.of(LAYOUT, WEIGHTS) : List.of(LEGACY_NETWORK));
        if (manifest.fusion() != null) {
            required.add(NGRAM);
            if (manifest.fusion().usesTfidf()) {
                required.add(TFIDF);
            }
        }
        for (String name : entries.keySet()) {
            if (!name.equals(MANIFEST) && !required.contains(name)) {
                throw invalid(path, "unexpected entry " + name + " in a format-" + manifest.formatVersion()
                        + (manifest.fusion() == null ? " bundle without an n-gram branch" : " bundle"));
            }
        }
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
        } catch (IOException | RuntimeException e) {
            throw invalid(path, "unreadable vocabulary: " + e.getMessage(), e);
        }
        if (vocabulary.size() != manifest.vocabularySize()) {
            throw invalid(path, "vocabulary has " + vocabulary.size() + " ids but the manifest says "
                    + manifest.vocabularySize());
        }
        LstmNetwork network = current ? network(path, entries) : legacyNetwork(path, entries, legacy);
        if (network.layout().vocabularySize() != vocabulary.size()) {
            throw invalid(path, "the network's embedding takes " + network.layout().vocabularySize()
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
        TfidfLogit tfidf = null;
        if (manifest.fusion() != null && manifest.fusion().usesTfidf()) {
            try {
                tfidf = TfidfLogit.fromBytes(new ByteArrayInputStream(entries.get(TFIDF)));
            } catch (IOException | RuntimeException e) {
                throw invalid(path, "the TF-IDF model cannot be read: " + e.getMessage(), e);
            }
        }
        return new ModelBundle(manifest, vocabulary, network, ngram, tfidf);
    }

    private static LstmNetwork network(Path path, Map<String, byte[]> entries) {
        NetworkLayout layout;
        try {
            layout = STRICT_JSON.readValue(entries.get(LAYOUT), NetworkLayout.class);
        } catch (IOException e) {
            throw invalid(path, LAYOUT + " is not a valid network layout: " + firstLine(e.getMessage()), e);
        }
        String problem = layout.problem();
        if (problem != null) {
            throw invalid(path, LAYOUT + ": " + problem);
        }
        try {
            return new LstmNetwork(layout, WeightsFile.read(entries.get(WEIGHTS), layout.tensorShapes()));
        } catch (IllegalArgumentException e) {
            throw invalid(path, WEIGHTS + ": " + e.getMessage(), e);
        }
    }

    private static LstmNetwork legacyNetwork(Path path, Map<String, byte[]> entries, LegacyNetworkReader legacy) {
        byte[] archive = checkedNetwork(path, entries.get(LEGACY_NETWORK));
        try {
            return legacy.read(archive);
        } catch (IOException | RuntimeException e) {
            throw invalid(path, "the network cannot be restored: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
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
            throw invalid(path, "the manifest is not valid JSON: " + firstLine(e.getMessage()), e);
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
            return BoundedZip.write(BoundedZip.read(new ByteArrayInputStream(archive), NETWORK_ENTRIES, BUNDLE_BYTES));
        } catch (BoundedZip.RefusedException e) {
            throw invalid(path, LEGACY_NETWORK + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw invalid(path, LEGACY_NETWORK + " is not a readable zip archive: " + e.getMessage(), e);
        }
    }

    private static Map<String, byte[]> readEntries(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidModelBundleException("model bundle not found: " + path.toAbsolutePath());
        }
        Map<String, byte[]> entries;
        try (InputStream file = Files.newInputStream(path)) {
            entries = BoundedZip.read(file, BUNDLE_ENTRIES, BUNDLE_BYTES);
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
