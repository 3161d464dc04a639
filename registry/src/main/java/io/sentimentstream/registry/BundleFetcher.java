package io.sentimentstream.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one version's chunks from the chunk partition into a file, checking as it goes: every
 * chunk has the declared length and checksum and comes exactly once, in order; nothing beyond
 * the declared size is written; the whole file has the declared checksum. Memory: one poll's
 * records (the consumer's fetch limits), never the bundle.
 */
final class BundleFetcher {

    private BundleFetcher() {
    }

    static Path fetch(Consumer<byte[], byte[]> consumer, String topic, PublishedVersion version, long maxBundleBytes,
                      Path target, Duration timeout) {
        version.checkDeclared(maxBundleBytes);
        String what = version.ref().toString();
        TopicPartition chunks = new TopicPartition(topic, RegistryTopic.CHUNK_PARTITION);
        String prefix = RegistryTopic.chunkPrefix(version.name(), version.version(), version.publishId());
        MessageDigest whole = Digests.sha256();
        int next = 0;
        long written = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        consumer.assign(List.of(chunks));
        consumer.seek(chunks, version.firstChunkOffset());
        // Read committed: the end is the last stable offset, so an open transaction is not waited for.
        long end = consumer.endOffsets(List.of(chunks), timeout).get(chunks);
        try (OutputStream out = Files.newOutputStream(target)) {
            reading:
            while (consumer.position(chunks, timeout) <= version.lastChunkOffset()
                    && consumer.position(chunks, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw new RegistryException("version " + what + ": chunk " + next + " of " + version.chunkCount()
                            + " did not arrive within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() > version.lastChunkOffset()) {
                        break reading;
                    }
                    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                    if (!key.startsWith(prefix)) {
                        continue; // another publication's chunk, or a tombstone
                    }
                    int index = index(key.substring(prefix.length()), what);
                    if (index >= version.chunkCount()) {
                        throw new RegistryException("version " + what + " has an extra chunk " + index + " (it declares "
                                + version.chunkCount() + ")");
                    }
                    if (index < next) {
                        throw new RegistryException("version " + what + " has chunk " + index + " twice");
                    }
                    if (index > next) {
                        throw new RegistryException("version " + what + " is missing chunk " + next);
                    }
                    byte[] value = record.value();
                    if (value == null) {
                        throw new RegistryException("version " + what + ": chunk " + index + " was deleted");
                    }
                    if (value.length != version.chunkLength(index)) {
                        throw new RegistryException("version " + what + ": chunk " + index + " has " + value.length
                                + " bytes, not the declared " + version.chunkLength(index));
                    }
                    if (!Digests.hex(Digests.sha256().digest(value)).equals(version.chunkSha256().get(index))) {
                        throw new RegistryException("version " + what + ": chunk " + index
                                + " does not match its checksum (corrupt)");
                    }
                    out.write(value);
                    whole.update(value);
                    written += value.length;
                    next++;
                }
            }
        } catch (IOException e) {
            throw new RegistryException("cannot write " + target + ": " + e.getMessage(), e);
        }
        if (next < version.chunkCount()) {
            throw new RegistryException("version " + what + " is missing chunk " + next + " of "
                    + version.chunkCount() + " (deleted or never committed)");
        }
        if (written != version.sizeBytes() || !HexFormat.of().formatHex(whole.digest()).equals(version.sha256())) {
            throw new RegistryException("version " + what + ": the assembled bundle does not match its checksum");
        }
        return target;
    }

    private static int index(String text, String what) {
        try {
            int index = Integer.parseInt(text);
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RegistryException("version " + what + " has a chunk with the invalid index '" + text + "'");
    }
}
