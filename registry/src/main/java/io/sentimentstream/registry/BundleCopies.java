package io.sentimentstream.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Copies of a bundle file under another version, for benchmarks and tests that publish the same
 * network several times: the registry keys versions by the manifest's {@code version}, and the
 * manifest's checksums cover the other entries only, so a copy with an edited manifest is still a
 * valid bundle. Nothing but {@code manifest.json} is read into memory.
 */
public final class BundleCopies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleCopies() {
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
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return target;
    }
}
