package io.sentimentstream.streams.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The instance's stable identity for Kafka's static group membership ({@code group.instance.id}):
 * with it, an instance that restarts takes its partitions back at once instead of waiting for its
 * old self to time out of the consumer group (about 45 s). Unless configured, it is a random id
 * kept in the state directory, so it survives restarts of the same instance; a lock on it keeps two
 * instances that share a state directory from taking the same identity (the second one gets a
 * fresh id for as long as it runs), because two members with one identity fence each other.
 */
public final class InstanceId implements AutoCloseable {

    private final String id;
    private final FileChannel channel;

    private InstanceId(String id, FileChannel channel) {
        this.id = id;
        this.channel = channel;
    }

    /** A configured identity (nothing kept on disk). */
    public static InstanceId of(String id) {
        return new InstanceId(id, null);
    }

    /**
     * The identity kept for {@code applicationId} in {@code stateDir}, created on first use.
     *
     * @throws UncheckedIOException when the state directory cannot be written
     */
    public static InstanceId kept(Path stateDir, String applicationId) {
        try {
            Files.createDirectories(stateDir);
            Path file = stateDir.resolve("sentiment-instance-" + applicationId.replaceAll("[^A-Za-z0-9._-]", "_")
                    + ".id");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // another instance in this JVM holds it
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return new InstanceId(applicationId + "-" + UUID.randomUUID(), null);
            }
            String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (stored.isEmpty()) {
                stored = applicationId + "-" + UUID.randomUUID();
                channel.truncate(0);
                channel.write(StandardCharsets.UTF_8.encode(stored), 0);
                channel.force(true);
            }
            return new InstanceId(stored, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the instance id in " + stateDir, e);
        }
    }

    /** The identity. */
    public String id() {
        return id;
    }

    /** Releases the lock on the kept identity (the identity stays for the next start). */
    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }
    }
}
