package io.sentimentstream.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the registry's metadata partition on a thread of its own, from the beginning, committed
 * records only, and hands the listener a {@link RegistrySnapshot} each time the registry changed
 * and the watcher has caught up with the partition's end: a listener never sees the intermediate
 * states of the history it replays at start. The listener runs on the watcher's thread and should
 * return quickly.
 */
public final class RegistryWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryWatcher.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition metadata;
    private final RegistryRecords.State state;
    private final Consumer<RegistrySnapshot> listener;
    private final Thread thread;
    private volatile boolean running = true;

    private RegistryWatcher(Map<String, Object> clientConfig, RegistryTopic topic, long maxBundleBytes,
                            Consumer<RegistrySnapshot> listener) {
        this.consumer = new KafkaConsumer<>(ModelRegistry.consumerConfig(clientConfig,
                "sentiment-models-watcher-" + UUID.randomUUID()));
        this.metadata = new TopicPartition(topic.name(), RegistryTopic.METADATA_PARTITION);
        this.state = new RegistryRecords.State(maxBundleBytes);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.thread = new Thread(this::run, "sentiment-models-watcher");
        thread.setDaemon(true);
    }

    /**
     * Starts following {@code topic}.
     *
     * @param clientConfig   Kafka client settings
     * @param maxBundleBytes versions declaring more are reported as problems
     * @param listener       told of every change, once caught up
     */
    public static RegistryWatcher start(Map<String, Object> clientConfig, RegistryTopic topic, long maxBundleBytes,
                                        Consumer<RegistrySnapshot> listener) {
        RegistryWatcher watcher = new RegistryWatcher(clientConfig, topic, maxBundleBytes, listener);
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        try {
            consumer.assign(List.of(metadata));
            consumer.seekToBeginning(List.of(metadata));
            boolean pending = true; // the first catch-up is reported even when the registry is empty
            while (running) {
                try {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        pending |= state.apply(record);
                    }
                    if (pending) {
                        long position = consumer.position(metadata);
                        if (position >= consumer.endOffsets(List.of(metadata)).get(metadata)) {
                            pending = false;
                            deliver(state.snapshot(position));
                        }
                    }
                } catch (TimeoutException e) {
                    // brokers away for a while: the model in service keeps serving; keep trying
                    LOG.warn("the model registry is not reachable ({}); still following it", e.getMessage());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("the model registry watcher stopped: {}; new versions are not followed until a restart",
                        e.toString(), e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void deliver(RegistrySnapshot snapshot) {
        try {
            listener.accept(snapshot);
        } catch (RuntimeException e) {
            LOG.error("the model registry listener failed on a change: {}", e.toString(), e);
        }
    }

    /** Stops following and waits for the thread. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
