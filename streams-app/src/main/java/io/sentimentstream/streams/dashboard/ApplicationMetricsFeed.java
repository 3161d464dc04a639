package io.sentimentstream.streams.dashboard;

import io.sentimentstream.core.event.MetricsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole application's rolling metrics, read back from the metrics topic by a small
 * {@code read_committed} consumer of its own (no consumer group: it reads every partition from the
 * beginning), so every instance's dashboard shows the same figures whichever instance computes
 * them. Keeps per model the latest cumulative snapshot and the latest {@value #KEPT_WINDOWS}
 * windows.
 */
public final class ApplicationMetricsFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationMetricsFeed.class);

    static final int KEPT_WINDOWS = 60;

    /**
     * One model's figures.
     *
     * @param cumulative since the application started, or {@code null} when not read yet
     * @param windows    the latest windows, oldest first
     */
    record ModelFigures(MetricsSnapshot cumulative, List<MetricsSnapshot> windows) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Map<String, MetricsSnapshot> cumulative = new LinkedHashMap<>();
    private final Map<String, NavigableMap<Instant, MetricsSnapshot>> windows = new LinkedHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;
    /** Ends a wait without interrupting the reader (an interrupted consumer fails to close cleanly). */
    private final CountDownLatch closing = new CountDownLatch(1);

    /**
     * A feed of {@code topic}; {@link #start()} starts reading.
     *
     * @param consumerConfig the application's client settings (brokers, security); group settings are dropped
     */
    public ApplicationMetricsFeed(Map<String, Object> consumerConfig, String topic) {
        Properties props = new Properties();
        props.putAll(consumerConfig);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.reader = new Thread(this::read, "dashboard-metrics-reader");
        reader.setDaemon(true);
    }

    /** Starts reading, on a thread of its own. */
    public void start() {
        reader.start();
    }

    /** Each model's figures read so far, in the order the models were first seen. */
    synchronized Map<String, ModelFigures> figures() {
        Map<String, ModelFigures> out = new LinkedHashMap<>();
        for (String model : windows.keySet()) {
            out.put(model, new ModelFigures(cumulative.get(model), new ArrayList<>(windows.get(model).values())));
        }
        return out;
    }

    private void read() {
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                // Empty while the topic does not exist (yet): ask again, not in a tight loop.
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                if (partitions.isEmpty() && closing.await(1, TimeUnit.SECONDS)) {
                    return;
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    take(record.value());
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The dashboard loses its accuracy figures; scoring goes on.
            LOG.warn("the dashboard stopped reading {}: {}", topic, e.toString());
        } finally {
            // Closed on this thread: a consumer is not to be used by two threads.
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    private void take(byte[] value) {
        MetricsSnapshot snapshot;
        try {
            snapshot = MetricsSnapshot.fromJson(value);
        } catch (IllegalArgumentException | NullPointerException notASnapshot) {
            return;  // a tombstone or a foreign record: not ours to show
        }
        String model = snapshot.model().toString();
        synchronized (this) {
            NavigableMap<Instant, MetricsSnapshot> modelWindows = windows.computeIfAbsent(model, m -> new TreeMap<>());
            if (snapshot.kind() == MetricsSnapshot.Kind.CUMULATIVE) {
                cumulative.put(model, snapshot);
            } else {
                modelWindows.put(snapshot.windowStart(), snapshot);
                while (modelWindows.size() > KEPT_WINDOWS) {
                    modelWindows.pollFirstEntry();
                }
            }
        }
    }

    /** Stops reading (waiting at most a few seconds). */
    @Override
    public void close() {
        running = false;
        if (!reader.isAlive()) {
            if (reader.getState() == Thread.State.NEW) {
                consumer.close(CloseOptions.timeout(Duration.ZERO));
            }
            return;
        }
        closing.countDown();
        consumer.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
