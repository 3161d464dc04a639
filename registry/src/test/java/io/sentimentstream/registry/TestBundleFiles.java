package io.sentimentstream.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Bundles for registry tests without building a network: the committed default bundle, and copies
 * of a bundle with another version or an edited manifest (through {@link BundleCopies}). Shared
 * through the registry test-jar.
 */
public final class TestBundleFiles {

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
        return BundleCopies.withVersion(bundle, version, target);
    }

    /** A copy of {@code bundle} at {@code target} with its manifest changed by {@code change}. */
    public static Path withManifest(Path bundle, Path target, Consumer<ObjectNode> change) throws IOException {
        return BundleCopies.withManifest(bundle, target, change);
    }
}
