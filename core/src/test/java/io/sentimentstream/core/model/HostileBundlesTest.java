package io.sentimentstream.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentimentstream.core.text.EncodingSettings;
import io.sentimentstream.core.text.NormalizationSettings;
import io.sentimentstream.core.text.Vocabulary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format 3 written and read back, and what an untrusted bundle can do to the reader: every hostile
 * bundle ends in one {@link InvalidModelBundleException} of one line, quickly, with a small heap.
 * Each hostile entry carries a valid checksum, so the reader's content checks, not the checksum,
 * must catch it.
 */
class HostileBundlesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path file;
    static Map<String, byte[]> entries;

    @BeforeAll
    static void writeBundle() throws IOException {
        file = dir.resolve("good.bundle");
        ModelBundleFile.write(TestBundles.tinyFused(), file);
        entries = entries(file);
    }

    @Test
    void aBidirectionalNetworkRoundTripsBitForBitAndScoresTheSame() throws IOException {
        Vocabulary vocabulary = Vocabulary.of(TestBundles.WORDS);
        ModelBundle bundle = TestBundles.bundle(vocabulary, new PreprocessingSettings(NormalizationSettings.defaults(),
                        new EncodingSettings(20, EncodingSettings.Side.PRE, EncodingSettings.Side.POST)),
                TestBundles.randomNetwork(NetworkLayout.of(vocabulary.size(), 6, 5, true), 3L, 0.8));
        Path path = dir.resolve("bidirectional.bundle");
        ModelBundleFile.write(bundle, path);
        ModelBundle read = ModelBundleFile.read(path);
        assertEquals(bundle.network().layout(), read.network().layout());
        assertTrue(bundle.network().sameAs(read.network()));
        List<String> reviews = List.of("the movie was great", "awful boring plot !", "not good not bad");
        assertEquals(new SentimentModel(bundle).predict(reviews), new SentimentModel(read).predict(reviews));
        assertEquals(Map.of("vocabulary.txt", 0, "network.json", 0, "weights.bin", 0).keySet(),
                read.manifest().checksums().keySet());
    }

    @Test
    void theWeightsFollowTheDocumentedLayout() throws IOException {
        // What another runtime does (README "Bundle format 3"): u64 LE header length, JSON header,
        // row-major little-endian float32 at data_offsets from the end of the header.
        byte[] weights = entries.get(ModelBundleFile.WEIGHTS);
        ByteBuffer buffer = ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) buffer.getLong();
        JsonNode header = JSON.readTree(new String(weights, 8, headerLength, StandardCharsets.UTF_8));
        JsonNode embedding = header.get("embedding.W");
        assertEquals("F32", embedding.get("dtype").asText());
        assertEquals(List.of(TestBundles.WORDS.size() + 2, 8),
                List.of(embedding.get("shape").get(0).asInt(), embedding.get("shape").get(1).asInt()));
        int begin = embedding.get("data_offsets").get(0).asInt();
        float[] expected = TestBundles.tinyFused().network().tensor("embedding.W");
        buffer.position(8 + headerLength + begin + 4 * 9);
        assertEquals(expected[9], buffer.getFloat(), 0.0, "row 1, column 1");
        JsonNode layout = JSON.readTree(entries.get(ModelBundleFile.LAYOUT));
        assertEquals(NetworkLayout.GATE_ORDER.toString(), JSON.convertValue(layout.get("gateOrder"), List.class).toString());
    }

    @Test
    void aJavaSerializedPayloadInPlaceOfTheWeightsIsRefused() throws IOException {
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream object = new ObjectOutputStream(serialized)) {
            object.writeObject(new java.util.HashMap<>(Map.of("payload", "x".repeat(100))));
        }
        assertRefused(withEntry("serialized.bundle", ModelBundleFile.WEIGHTS, serialized.toByteArray()),
                "weights.bin: weights: header length");
    }

    @Test
    void aDl4jNetworkArchiveInAFormat3BundleIsRefusedUnread() throws IOException {
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream object = new ObjectOutputStream(serialized)) {
            object.writeObject(new java.util.HashMap<>(Map.of("payload", "x")));
        }
        byte[] network = BoundedZip.write(Map.of("preprocessor.bin", serialized.toByteArray()));
        assertRefused(withEntry("legacy-entry.bundle", ModelBundleFile.LEGACY_NETWORK, network),
                "unexpected entry network.zip in a format-3 bundle");
    }

    @Test
    void aFormat2BundleIsRefusedWithTheCommandThatConvertsIt() throws IOException {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put(ModelBundleFile.MANIFEST, new String(entries.get(ModelBundleFile.MANIFEST), StandardCharsets.UTF_8)
                .replace("\"formatVersion\" : 3", "\"formatVersion\" : 2").getBytes(StandardCharsets.UTF_8));
        assertRefused(rewrite("format2.bundle", changed), "trainer export --model");
    }

    @Test
    void theLegacyNetworkArchiveIsCheckedBeforeItsReaderSeesIt() throws IOException {
        // A format-2 bundle whose network.zip holds preprocessor.bin, which DL4J's ModelSerializer
        // would read with a plain ObjectInputStream: refused before the (trainer's) reader is called.
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream object = new ObjectOutputStream(serialized)) {
            object.writeObject(new java.util.HashMap<>(Map.of("payload", "x")));
        }
        byte[] network = BoundedZip.write(new LinkedHashMap<>(Map.of("configuration.json", "{}".getBytes(StandardCharsets.UTF_8),
                "preprocessor.bin", serialized.toByteArray())));
        Map<String, byte[]> legacy = new LinkedHashMap<>();
        legacy.put(ModelBundleFile.MANIFEST, new String(entries.get(ModelBundleFile.MANIFEST), StandardCharsets.UTF_8)
                .replace("\"formatVersion\" : 3", "\"formatVersion\" : 2")
                .replaceAll("\"network.json\" : \"[0-9a-f]+\"", "\"network.zip\" : \"" + ModelBundleFile.sha256(network) + "\"")
                .getBytes(StandardCharsets.UTF_8));
        legacy.put(ModelBundleFile.VOCABULARY, entries.get(ModelBundleFile.VOCABULARY));
        legacy.put(ModelBundleFile.LEGACY_NETWORK, network);
        legacy.put(ModelBundleFile.NGRAM, entries.get(ModelBundleFile.NGRAM));
        Path path = rewrite("preprocessor.bundle", legacy);
        InvalidModelBundleException e = assertThrows(InvalidModelBundleException.class,
                () -> ModelBundleFile.read(path, archive -> {
                    throw new AssertionError("the legacy reader must not see this archive");
                }));
        assertTrue(e.getMessage().contains("network.zip: unexpected entry 'preprocessor.bin'"), e.getMessage());
    }

    @Test
    void absurdDeclaredSizesAreRefusedBeforeAnythingIsAllocated() throws IOException {
        byte[] weights = entries.get(ModelBundleFile.WEIGHTS);
        // a header length of 2^62
        byte[] hugeHeader = weights.clone();
        ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 62);
        assertRefused(withEntry("huge-header.bundle", ModelBundleFile.WEIGHTS, hugeHeader), "header length 4611686018427387904");

        // a tensor claiming 10^12 x 10^12 values and the bytes to match
        assertRefused(withEntry("huge-shape.bundle", ModelBundleFile.WEIGHTS, withHeader(weights, header -> {
            ObjectNode embedding = (ObjectNode) header.get("embedding.W");
            embedding.putArray("shape").add(1_000_000_000_000L).add(1_000_000_000_000L);
        })), "tensor embedding.W declares shape [1000000000000,1000000000000]");
        assertRefused(withEntry("huge-offsets.bundle", ModelBundleFile.WEIGHTS, withHeader(weights, header -> {
            ObjectNode embedding = (ObjectNode) header.get("embedding.W");
            embedding.putArray("data_offsets").add(0).add(Long.MAX_VALUE);
        })), "tensor embedding.W declares bytes [0, 9223372036854775807)");

        // a layout of absurd sizes (the weights would follow it)
        ObjectNode layout = (ObjectNode) JSON.readTree(entries.get(ModelBundleFile.LAYOUT));
        layout.put("lstmUnits", 2_000_000_000);
        assertRefused(withEntry("huge-layout.bundle", ModelBundleFile.LAYOUT, JSON.writeValueAsBytes(layout)), "sizes out of range");

        layout.put("lstmUnits", 8).put("kind", "transformer");
        assertRefused(withEntry("other-kind.bundle", ModelBundleFile.LAYOUT, JSON.writeValueAsBytes(layout)),
                "network kind 'transformer' is not supported");
    }

    @Test
    void truncatedWeightsAreRefused() throws IOException {
        byte[] weights = entries.get(ModelBundleFile.WEIGHTS);
        assertRefused(withEntry("truncated-weights.bundle", ModelBundleFile.WEIGHTS,
                Arrays.copyOf(weights, weights.length - 4)), "bytes of data are present");
        assertRefused(withEntry("padded-weights.bundle", ModelBundleFile.WEIGHTS,
                Arrays.copyOf(weights, weights.length + 4)), "truncated or padded");
        assertRefused(withEntry("no-data.bundle", ModelBundleFile.WEIGHTS, Arrays.copyOf(weights, 8)),
                "header length");
    }

    @Test
    void duplicateTensorsOrOverlappingDataAreRefused() throws IOException {
        byte[] weights = entries.get(ModelBundleFile.WEIGHTS);
        assertRefused(withEntry("overlap.bundle", ModelBundleFile.WEIGHTS, withHeader(weights, header -> {
            ((ObjectNode) header.get("output.b")).putArray("data_offsets").add(0).add(8);
        })), "tensor data overlaps or leaves a gap");
        assertRefused(withEntry("extra-tensor.bundle", ModelBundleFile.WEIGHTS, withHeader(weights, header -> {
            header.set("lstm.backward.W", header.get("lstm.forward.W"));
        })), "unexpected tensor 'lstm.backward.W'");
    }

    private interface HeaderEdit {
        void edit(ObjectNode header);
    }

    /** The weights with their header edited (the data left as it was). */
    private static byte[] withHeader(byte[] weights, HeaderEdit edit) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) buffer.getLong();
        ObjectNode header = (ObjectNode) JSON.readTree(new String(weights, 8, headerLength, StandardCharsets.UTF_8));
        edit.edit(header);
        byte[] newHeader = JSON.writeValueAsBytes(header);
        ByteBuffer out = ByteBuffer.allocate(8 + newHeader.length + weights.length - 8 - headerLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(newHeader.length).put(newHeader).put(weights, 8 + headerLength, weights.length - 8 - headerLength);
        return out.array();
    }

    /** Refused with one line holding {@code expected}, within seconds (a 2 GiB test heap bounds the memory). */
    private static void assertRefused(Path path, String expected) {
        Executable read = () -> {
            InvalidModelBundleException e = assertThrows(InvalidModelBundleException.class, () -> ModelBundleFile.read(path));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        };
        assertTimeoutPreemptively(Duration.ofSeconds(10), read);
    }

    /** The good bundle with one entry replaced and the manifest's checksum of it updated. */
    private static Path withEntry(String name, String entry, byte[] content) throws IOException {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put(entry, content);
        String manifest = new String(entries.get(ModelBundleFile.MANIFEST), StandardCharsets.UTF_8);
        String checksum = "\"" + entry + "\" : \"" + ModelBundleFile.sha256(content) + "\"";
        String quoted = "\"" + Pattern.quote(entry) + "\" : \"[0-9a-f]+\"";
        manifest = manifest.matches("(?s).*" + quoted + ".*") ? manifest.replaceAll(quoted, checksum)
                : manifest.replace("\"checksums\" : {", "\"checksums\" : {\n    " + checksum + ",");
        changed.put(ModelBundleFile.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
        return rewrite(name, changed);
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

    private static Path rewrite(String name, Map<String, byte[]> changed) throws IOException {
        Path target = dir.resolve(name);
        Files.write(target, BoundedZip.write(changed));
        return target;
    }
}
