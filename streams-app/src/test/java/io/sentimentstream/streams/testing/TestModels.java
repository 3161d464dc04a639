package io.sentimentstream.streams.testing;

import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.core.model.TestBundles;
import java.io.IOException;
import java.nio.file.Path;

/** The tiny test model, built once per JVM (building a network costs a second or two). */
public final class TestModels {

    private static ModelBundle bundle;
    private static SentimentModel model;

    private TestModels() {
    }

    /** The tiny, untrained, deterministic bundle. */
    public static synchronized ModelBundle tinyBundle() {
        if (bundle == null) {
            bundle = TestBundles.tiny();
        }
        return bundle;
    }

    /** A shared model over the tiny bundle; take {@code copy()} for another thread. */
    public static synchronized SentimentModel tiny() {
        if (model == null) {
            model = new SentimentModel(tinyBundle());
        }
        return model;
    }

    /** Writes the tiny bundle to {@code dir} and returns its path. */
    public static Path writeTiny(Path dir) throws IOException {
        Path path = dir.resolve("tiny.bundle");
        ModelBundleFile.write(tinyBundle(), path);
        return path;
    }
}
