package io.sentimentstream.tools.produce;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends reviews to a topic, optionally at a fixed rate, with an idempotent producer (acks=all) so
 * a retry never duplicates a review. Counts only what the broker acknowledged: {@code send} is
 * asynchronous, and an unreachable broker or a missing topic shows up in the callbacks, not as an
 * exception from {@code send} itself.
 */
public final class ReviewProducer implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String topic;

    /** A producer for {@code topic} on the given brokers. */
    public ReviewProducer(String bootstrapServers, String topic) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic);
    }

    /**
     * A producer for {@code topic} with the given client configuration (brokers, security); its
     * delivery settings (acks, idempotence) win over the configuration's.
     */
    public ReviewProducer(Map<String, Object> clientConfig, String topic) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.topic = topic;
    }

    /**
     * Sends the reviews in order; with {@code perSecond > 0} paces them, and calls
     * {@code progress} with the number handed to the producer so far. Stops at the first failed
     * delivery.
     *
     * @return the number of reviews the broker acknowledged (all of them unless interrupted)
     * @throws KafkaException when a review could not be delivered; the message says how many were
     */
    public int send(List<OutgoingReview> reviews, double perSecond, IntConsumer progress) {
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        int sent = 0;
        for (OutgoingReview review : reviews) {
            if (Thread.currentThread().isInterrupted() || failure.get() != null) {
                break;
            }
            if (perSecond > 0) {
                long due = start + (long) (sent * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            producer.send(new ProducerRecord<>(topic, review.key(), review.value()), (metadata, e) -> {
                if (e == null) {
                    acknowledged.incrementAndGet();
                } else {
                    failure.compareAndSet(null, e);
                }
            });
            sent++;
            progress.accept(sent);
        }
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new KafkaException("delivered " + acknowledged.get() + " of " + reviews.size() + " review(s) to "
                    + topic + ", then: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        return acknowledged.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
