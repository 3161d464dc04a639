package io.sentimentstream.registry;

import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.model.BundleManifest;
import io.sentimentstream.core.model.InvalidModelBundleException;
import io.sentimentstream.core.model.SentimentModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A client of the registry topic ({@link RegistryTopic}): publishes bundles, lists versions,
 * promotes and rolls back the champion, deletes versions and fetches a version's bundle. Every
 * write is one Kafka transaction, so a reader (read committed) sees a version whole or not at all.
 * Not thread-safe; close it to release its clients.
 */
public final class ModelRegistry implements AutoCloseable {

    /** Largest bundle a registry client accepts unless told otherwise (256 MiB). */
    public static final long DEFAULT_MAX_BUNDLE_BYTES = 256L * 1024 * 1024;

    private static final Duration PENDING_WAIT = Duration.ofSeconds(5);

    private final Map<String, Object> clientConfig;
    private final RegistryTopic topic;
    private final long maxBundleBytes;
    private final Duration timeout;
    private final Function<Path, SentimentModel> loader;
    private KafkaProducer<byte[], byte[]> producer;
    /**
     * Offset of this client's last write to the metadata partition: its snapshots read at least to
     * there. A transaction's commit returns before its markers are written, so without this a
     * promote right after a publish could read a registry without the new version.
     */
    private long ownLastWrite = -1;

    private ModelRegistry(Map<String, Object> clientConfig, RegistryTopic topic, long maxBundleBytes, Duration timeout,
                          Function<Path, SentimentModel> loader) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.topic = Objects.requireNonNull(topic, "topic");
        if (maxBundleBytes < 1) {
            throw new IllegalArgumentException("the largest bundle must be positive");
        }
        this.maxBundleBytes = maxBundleBytes;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /**
     * A registry client.
     *
     * @param clientConfig   Kafka client settings ({@code bootstrap.servers}, security)
     * @param topic          the registry topic
     * @param maxBundleBytes largest bundle published or fetched
     * @param timeout        how long one operation waits for the brokers
     */
    public static ModelRegistry connect(Map<String, Object> clientConfig, RegistryTopic topic, long maxBundleBytes,
                                        Duration timeout) {
        return new ModelRegistry(clientConfig, topic, maxBundleBytes, timeout, SentimentModel::load);
    }

    /** As {@link #connect}, loading bundles to verify them with {@code loader} (an engine of choice). */
    public static ModelRegistry connect(Map<String, Object> clientConfig, RegistryTopic topic, long maxBundleBytes,
                                        Duration timeout, Function<Path, SentimentModel> loader) {
        return new ModelRegistry(clientConfig, topic, maxBundleBytes, timeout, loader);
    }

    /** The registry topic. */
    public RegistryTopic topic() {
        return topic;
    }

    /** Reads the metadata partition from the beginning to its end (committed records only). */
    public RegistrySnapshot snapshot() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("reader")) {
            TopicPartition metadata = checkTopic(consumer);
            consumer.assign(List.of(metadata));
            consumer.seekToBeginning(List.of(metadata));
            long deadline = System.nanoTime() + timeout.toNanos();
            // A commit returns before its markers are written: wait for this client's own last write
            // (up to the timeout) and for writes already in the log but not yet readable (briefly:
            // another client's open transaction may hold them back much longer).
            long pending = highWatermark(metadata);
            long pendingDeadline = System.nanoTime() + Math.min(timeout.toNanos(), PENDING_WAIT.toNanos());
            long end = consumer.endOffsets(List.of(metadata), timeout).get(metadata);
            while ((end <= ownLastWrite && System.nanoTime() < deadline)
                    || (end < pending && System.nanoTime() < pendingDeadline)) {
                Thread.sleep(10);
                end = consumer.endOffsets(List.of(metadata), timeout).get(metadata);
            }
            RegistryRecords.State state = new RegistryRecords.State(maxBundleBytes);
            while (consumer.position(metadata, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw new RegistryException("could not read the registry topic " + topic.name() + " to its end within "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    state.apply(record);
                }
            }
            return state.snapshot(end);
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while reading the registry", e);
        }
    }

    /**
     * Verifies and publishes a bundle: it must load, pass the {@linkplain BundleCheck smoke test}
     * and not be published yet. Chunks and version record go in one transaction.
     *
     * @param bundle    the bundle file
     * @param publisher who publishes (user and host); {@code null} for this process's user and host
     * @throws RegistryException with one line saying why the bundle is refused
     */
    public PublishedVersion publish(Path bundle, String publisher) {
        long size;
        try {
            size = Files.size(bundle);
        } catch (IOException e) {
            throw new RegistryException("refused " + bundle + ": cannot read it (" + e.getMessage() + ")", e);
        }
        if (size > maxBundleBytes) {
            throw new RegistryException("refused " + bundle + ": " + size + " bytes, more than the " + maxBundleBytes
                    + " a registry bundle may have");
        }
        String before = sha256(bundle);
        BundleManifest manifest;
        try {
            manifest = BundleCheck.smokeTest(loader.apply(bundle)).manifest();
        } catch (InvalidModelBundleException | IllegalArgumentException | RegistryException e) {
            throw new RegistryException("refused " + bundle + ": " + RegistryRecords.oneLine(e), e);
        }
        if (!Names.valid(manifest.name()) || !Names.valid(manifest.version())) {
            throw new RegistryException("refused " + bundle + ": the model name and version must be 1 to " + Names.MAX_CHARS
                    + " letters, digits or ._+:@- (found " + manifest.name() + "@" + manifest.version() + ")");
        }
        ModelRef ref = new ModelRef(manifest.name(), manifest.version());
        if (snapshot().find(ref).isPresent()) {
            throw new RegistryException("refused " + bundle + ": " + ref + " is already published (delete it first, or"
                    + " publish it under a new version)");
        }
        String publishId = UUID.randomUUID().toString();
        String prefix = RegistryTopic.chunkPrefix(manifest.name(), manifest.version(), publishId);
        KafkaProducer<byte[], byte[]> out = producer();
        out.beginTransaction();
        try {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            List<String> chunkHashes = new ArrayList<>();
            MessageDigest whole = Digests.sha256();
            try (InputStream in = Files.newInputStream(bundle)) {
                byte[] chunk;
                while ((chunk = in.readNBytes(RegistryTopic.CHUNK_BYTES)).length > 0) {
                    whole.update(chunk);
                    chunkHashes.add(Digests.hex(Digests.sha256().digest(chunk)));
                    sent.add(out.send(new ProducerRecord<>(topic.name(), RegistryTopic.CHUNK_PARTITION,
                            utf8(prefix + sent.size()), chunk)));
                }
            }
            // The bytes sent must be the bytes verified: the file must not have changed since.
            if (!Digests.hex(whole.digest()).equals(before) || chunkHashes.isEmpty()) {
                throw new RegistryException("refused " + bundle + ": the file changed while it was published");
            }
            out.flush();
            long first = sent.get(0).get().offset();
            long last = sent.get(sent.size() - 1).get().offset();
            Object validation = manifest.metrics() == null ? null : manifest.metrics().get("validation");
            @SuppressWarnings("unchecked")
            Map<String, Object> metrics = validation instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
            PublishedVersion version = new PublishedVersion(manifest.name(), manifest.version(), publishId, size, before,
                    RegistryTopic.CHUNK_BYTES, chunkHashes, first, last, manifest.labels(), metrics,
                    Instant.now().toString(), publisher == null ? whoAmI() : publisher);
            long written = out.send(new ProducerRecord<>(topic.name(), RegistryTopic.METADATA_PARTITION,
                    utf8(RegistryTopic.versionKey(version.name(), version.version())), RegistryRecords.json(version)))
                    .get().offset();
            out.commitTransaction();
            ownLastWrite = written;
            return version;
        } catch (IOException | ExecutionException | InterruptedException | RuntimeException e) {
            abort();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof RegistryException registry) {
                throw registry;
            }
            throw new RegistryException("publishing " + ref + " failed, nothing was published: "
                    + RegistryRecords.oneLine(e), e);
        }
    }

    /**
     * Makes {@code version} (of model {@code name}, or of the only model that has it) the champion;
     * the current champion is remembered for {@link #rollBack}.
     */
    public Assignment promote(String version, String name, String by) {
        RegistrySnapshot snapshot = snapshot();
        PublishedVersion target = snapshot.resolve(version, name);
        if (target.ref().equals(snapshot.assignment().champion())) {
            throw new RegistryException(target.ref() + " is already the champion");
        }
        return write(snapshot.assignment().promote(target.ref(), Instant.now().toString(), by(by)));
    }

    /** Makes {@code version} the challenger (for a side-by-side evaluation; the champion still serves). */
    public Assignment challenge(String version, String name, String by) {
        RegistrySnapshot snapshot = snapshot();
        PublishedVersion target = snapshot.resolve(version, name);
        if (target.ref().equals(snapshot.assignment().champion())) {
            throw new RegistryException(target.ref() + " is the champion; it cannot be its own challenger");
        }
        return write(snapshot.assignment().challenge(target.ref(), Instant.now().toString(), by(by)));
    }

    /**
     * Ends the side-by-side evaluation without promoting: the registry names no challenger any more
     * (every instance stops scoring with it at its next micro-batch); the champion and the roll-back
     * history stay as they are.
     *
     * @return the new assignment
     * @throws RegistryException when there is no challenger
     */
    public Assignment clearChallenger(String by) {
        Assignment current = snapshot().assignment();
        if (current.challenger() == null) {
            throw new RegistryException("there is no challenger to clear");
        }
        return write(current.withoutChallenger(Instant.now().toString(), by(by)));
    }

    /**
     * Makes the previous champion (the newest one still published) the champion again.
     *
     * @throws RegistryException when there is no earlier champion left to return to
     */
    public Assignment rollBack(String by) {
        RegistrySnapshot snapshot = snapshot();
        Assignment current = snapshot.assignment();
        for (int i = current.previous().size() - 1; i >= 0; i--) {
            ModelRef earlier = current.previous().get(i);
            if (snapshot.find(earlier).isPresent() && !earlier.equals(current.champion())) {
                return write(current.rollBackTo(i, Instant.now().toString(), by(by)));
            }
        }
        throw new RegistryException("there is no previous champion to roll back to"
                + (current.champion() == null ? " (no champion yet)" : " (" + current.champion() + " serves)"));
    }

    /**
     * Deletes a version: tombstones for its record and its chunks, in one transaction; compaction
     * then frees the space.
     *
     * @throws RegistryException for the champion or the challenger (promote another version first)
     */
    public PublishedVersion delete(String version, String name) {
        RegistrySnapshot snapshot = snapshot();
        PublishedVersion target = snapshot.resolve(version, name);
        if (target.ref().equals(snapshot.assignment().champion())) {
            throw new RegistryException("refused: " + target.ref() + " is the champion; promote another version or roll"
                    + " back first");
        }
        if (target.ref().equals(snapshot.assignment().challenger())) {
            throw new RegistryException("refused: " + target.ref() + " is the challenger; make another version the"
                    + " challenger first");
        }
        String prefix = RegistryTopic.chunkPrefix(target.name(), target.version(), target.publishId());
        KafkaProducer<byte[], byte[]> out = producer();
        out.beginTransaction();
        try {
            for (int i = 0; i < target.chunkCount(); i++) {
                out.send(new ProducerRecord<>(topic.name(), RegistryTopic.CHUNK_PARTITION, utf8(prefix + i), null));
            }
            long written = out.send(new ProducerRecord<>(topic.name(), RegistryTopic.METADATA_PARTITION,
                    utf8(RegistryTopic.versionKey(target.name(), target.version())), null)).get().offset();
            out.commitTransaction();
            ownLastWrite = written;
            return target;
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            abort();
            throw new RegistryException("deleting " + target.ref() + " failed, nothing was deleted: "
                    + RegistryRecords.oneLine(e), e);
        }
    }

    /**
     * Assembles {@code version}'s bundle into {@code target}, checking every chunk and the whole.
     *
     * @throws RegistryException when a chunk is missing, extra, corrupt or the bundle too large
     */
    public Path fetch(PublishedVersion version, Path target) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("fetch")) {
            return BundleFetcher.fetch(consumer, topic.name(), version, maxBundleBytes, target, timeout);
        } catch (TimeoutException e) {
            throw unreachable(e);
        }
    }

    private Assignment write(Assignment assignment) {
        KafkaProducer<byte[], byte[]> out = producer();
        out.beginTransaction();
        try {
            long written = out.send(new ProducerRecord<>(topic.name(), RegistryTopic.METADATA_PARTITION,
                    utf8(RegistryTopic.ASSIGNMENT_KEY), RegistryRecords.json(assignment))).get().offset();
            out.commitTransaction();
            ownLastWrite = written;
            return assignment;
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            abort();
            throw new RegistryException("the assignment could not be written: " + RegistryRecords.oneLine(e), e);
        }
    }

    private TopicPartition checkTopic(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), timeout);
        if (partitions == null || partitions.isEmpty()) {
            throw new RegistryException("the registry topic " + topic.name() + " does not exist; create it with"
                    + " 'streams-app.jar create-topics' (topics/topics.json)");
        }
        if (partitions.size() != RegistryTopic.PARTITIONS) {
            throw new RegistryException("the registry topic " + topic.name() + " has " + partitions.size()
                    + " partitions; it needs " + RegistryTopic.PARTITIONS + " (metadata and chunks, see topics/README.md)");
        }
        return new TopicPartition(topic.name(), RegistryTopic.METADATA_PARTITION);
    }

    /** Consumer settings of every registry reader: committed records only, no group, no commits. */
    static Map<String, Object> consumerConfig(Map<String, Object> clientConfig, String clientId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    /** The end of {@code partition} including records of transactions not (yet) committed. */
    private long highWatermark(TopicPartition partition) {
        Map<String, Object> config = consumerConfig(clientConfig, "sentiment-models-end-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            return consumer.endOffsets(List.of(partition), timeout).get(partition);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String role) {
        return new KafkaConsumer<>(consumerConfig(clientConfig, "sentiment-models-" + role + "-" + UUID.randomUUID()));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(clientConfig);
            // A random transactional id: two operators at once do not fence each other.
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sentiment-models-admin-" + UUID.randomUUID());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(config);
            try {
                created.initTransactions();
            } catch (KafkaException e) {
                created.close(Duration.ZERO);
                throw e instanceof TimeoutException timeoutException ? unreachable(timeoutException)
                        : new RegistryException("cannot write to the registry: " + RegistryRecords.oneLine(e), e);
            }
            producer = created;
        }
        return producer;
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            // a fenced or failed producer cannot abort; the broker aborts the transaction at its timeout
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private RegistryException unreachable(TimeoutException e) {
        return new RegistryException("cannot reach the registry topic " + topic.name() + " at "
                + clientConfig.get("bootstrap.servers") + " within " + timeout.toSeconds() + " s", e);
    }

    private static String sha256(Path file) {
        MessageDigest digest = Digests.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new RegistryException("refused " + file + ": cannot read it (" + e.getMessage() + ")", e);
        }
        return Digests.hex(digest.digest());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String by(String by) {
        return by == null ? whoAmI() : by;
    }

    /** {@code user@host} of this process. */
    public static String whoAmI() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown") + "@" + host;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(timeout);
            producer = null;
        }
    }
}
