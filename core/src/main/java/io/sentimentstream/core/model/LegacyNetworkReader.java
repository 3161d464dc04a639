package io.sentimentstream.core.model;

import java.io.IOException;

/**
 * Decodes the DL4J {@code network.zip} of a format 1 or 2 bundle into plain data. Serving has no
 * such reader (it has no DL4J) and refuses those bundles; the trainer supplies one to convert them
 * ({@link ModelBundleFile#read(java.nio.file.Path, LegacyNetworkReader)}).
 */
@FunctionalInterface
public interface LegacyNetworkReader {

    /**
     * The network held in {@code archive}: already checked to hold nothing but
     * {@code configuration.json} and {@code coefficients.bin}, each within its size cap, and
     * written afresh from those two entries.
     */
    LstmNetwork read(byte[] archive) throws IOException;
}
