package io.sentimentstream.registry;

import io.sentimentstream.core.event.ModelRef;
import java.util.List;
import java.util.Map;

/**
 * One published model version: what the registry's version record says about a bundle and where
 * its chunks are.
 *
 * @param name             the bundle's model name
 * @param version          the bundle's model version
 * @param publishId        random id of the publication; the chunks' keys carry it, so a version
 *                         deleted and published again never mixes chunks of the two
 * @param sizeBytes        bundle size in bytes
 * @param sha256           SHA-256 of the whole bundle, hex
 * @param chunkBytes       bytes per chunk (the last one may be shorter)
 * @param chunkSha256      SHA-256 of every chunk, hex, in order
 * @param firstChunkOffset offset of the first chunk in the chunk partition
 * @param lastChunkOffset  offset of the last chunk in the chunk partition
 * @param labels           the model's class names
 * @param validation       the bundle's validation metrics (accuracy, F1, AUC, ...), for the record
 * @param publishedAt      ISO-8601 instant of publication
 * @param publisher        who published it (user and host)
 */
public record PublishedVersion(
        String name,
        String version,
        String publishId,
        long sizeBytes,
        String sha256,
        int chunkBytes,
        List<String> chunkSha256,
        long firstChunkOffset,
        long lastChunkOffset,
        List<String> labels,
        Map<String, Object> validation,
        String publishedAt,
        String publisher) {

    /** Largest chunk a reader accepts (a chunk must fit Kafka's default 1 MiB record limit). */
    static final int MAX_CHUNK_BYTES = 1024 * 1024;

    /** {@code name@version}. */
    public ModelRef ref() {
        return new ModelRef(name, version);
    }

    /** Number of chunks. */
    public int chunkCount() {
        return chunkSha256 == null ? 0 : chunkSha256.size();
    }

    /** The validation metric {@code key} (e.g. {@code accuracy}) as a number, or {@code null}. */
    public Double metric(String key) {
        Object value = validation == null ? null : validation.get(key);
        return value instanceof Number n ? n.doubleValue() : null;
    }

    /**
     * Checks that what the record declares is consistent and within bounds before anything is
     * read or allocated for it.
     *
     * @throws RegistryException saying what is wrong
     */
    public PublishedVersion checkDeclared(long maxBundleBytes) {
        String what = name + "@" + version;
        if (!Names.valid(name) || !Names.valid(version)) {
            throw new RegistryException("version record " + what + ": invalid name or version");
        }
        if (publishId == null || !publishId.matches("[0-9a-f-]{1,64}")) {
            throw new RegistryException("version record " + what + ": invalid publish id");
        }
        if (sizeBytes < 1 || sizeBytes > maxBundleBytes) {
            throw new RegistryException("version " + what + " declares " + sizeBytes + " bytes; this reader takes 1 to "
                    + maxBundleBytes + " (model.registry.max.bundle.bytes)");
        }
        if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) {
            throw new RegistryException("version " + what + " declares chunks of " + chunkBytes + " bytes (at most "
                    + MAX_CHUNK_BYTES + ")");
        }
        long expectedChunks = (sizeBytes + chunkBytes - 1) / chunkBytes;
        if (chunkCount() != expectedChunks) {
            throw new RegistryException("version " + what + " lists " + chunkCount() + " chunk checksums for "
                    + expectedChunks + " chunks");
        }
        if (!Names.isSha256(sha256) || chunkSha256.stream().anyMatch(h -> !Names.isSha256(h))) {
            throw new RegistryException("version " + what + ": a checksum is not a SHA-256");
        }
        if (firstChunkOffset < 0 || lastChunkOffset < firstChunkOffset) {
            throw new RegistryException("version " + what + ": invalid chunk offsets " + firstChunkOffset + ".."
                    + lastChunkOffset);
        }
        return this;
    }

    /** Expected length of chunk {@code index}. */
    int chunkLength(int index) {
        long start = (long) index * chunkBytes;
        return (int) Math.min(chunkBytes, sizeBytes - start);
    }
}
