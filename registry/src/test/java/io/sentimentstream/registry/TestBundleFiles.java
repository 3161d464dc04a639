package io.sentimentstream.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Bundles for registry tests without building a network: the committed default bundle, and copies
 * of a bundle with another version in {@code manifest.json} (the manifest's checksums cover the
 * other entries only, so the copy is a valid bundle). Shared through the registry test-jar.
 */
public final class TestBundleFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestBundleFiles() {
    }

    /** The committed default bundle ({@code models/imdb-sentiment.bundle} under the project root). */
    public static Path defaultBundle() {
        Path bundle = Path.of(System.getProperty("project.root", ".")).resolve("models/imdb-sentiment.bundle");
        if (!Files.isRegularFile(bundle)) {
            throw new IllegalStateException("the default bundle is missing: " + bundle.toAbsolutePath());
        }
        return bundle;
    }

    /** A copy of {@code bundle} at {@code target} whose manifest names {@code version}. */
    public static Path withVersion(Path bundle, String version, Path target) throws IOException {
        return withManifest(bundle, target, manifest -> manifest.put("version", version));
    }

    /** A copy of {@code bundle} at {@code target} with its manifest changed by {@code change}. */
    public static Path withManifest(Path bundle, Path target, Consumer<ObjectNode> change) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(bundle));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("manifest.json")) {
                    ObjectNode manifest = (ObjectNode) JSON.readTree(in.readAllBytes());
                    change.accept(manifest);
                    out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                } else {
                    copy(in, out);
                }
                out.closeEntry();
            }
        }
        return target;
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
    }
}
