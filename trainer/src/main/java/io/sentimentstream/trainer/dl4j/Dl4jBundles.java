package io.sentimentstream.trainer.dl4j;

import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.ModelBundleFile;
import java.nio.file.Path;

/** Reads bundles of every format: format 3 as serving does, formats 1 and 2 through DL4J. */
public final class Dl4jBundles {

    private Dl4jBundles() {
    }

    /** The bundle at {@code path}, whatever its format (see {@link ModelBundleFile#read(Path, io.sentimentstream.core.model.LegacyNetworkReader)}). */
    public static ModelBundle read(Path path) {
        return ModelBundleFile.read(path, Dl4jNetworks::fromArchive);
    }
}
