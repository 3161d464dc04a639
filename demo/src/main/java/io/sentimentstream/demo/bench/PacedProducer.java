package io.sentimentstream.demo.bench;

import io.sentimentstream.core.data.Review;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces real reviews at a steady rate on its own thread, keyed {@code prefix + sequence} and
 * stamped with their send time: load as a live source sends it, rather than a backlog. Sends are
 * due on a fixed schedule from the start, so a slow send does not lower the rate.
 */
final class PacedProducer implements AutoCloseable {

    private final AtomicBoolean producing = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final Set<Long> failed = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    /**
     * Starts producing.
     *
     * @param count reviews to produce at most ({@link Long#MAX_VALUE}: until closed)
     */
    PacedProducer(BenchKafka kafka, String topic, List<Review> reviews, String prefix, double perSecond, long count) {
        thread = new Thread(() -> {
            try (KafkaProducer<String, String> producer = kafka.producer()) {
                long start = System.nanoTime();
                for (long i = 0; i < count && producing.get(); i++) {
                    long wait = start + (long) (i * 1e9 / perSecond) - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    String id = prefix + i;
                    long sequence = i;
                    producer.send(new ProducerRecord<>(topic, id, BenchKafka.reviewJson(id,
                            reviews.get((int) (i % reviews.size())), System.currentTimeMillis())), (metadata, error) -> {
                                if (error != null) {
                                    failed.add(sequence);
                                }
                            });
                    sent.set(i + 1);
                }
                producer.flush();
            }
        }, "paced-producer");
        thread.start();
    }

    /** Reviews handed to the producer so far; the next one's sequence number. */
    long sent() {
        return sent.get();
    }

    /**
     * Sequence numbers whose send failed: never in the input topic, so never scored (the broker
     * can reject a send of this producer, see OutOfOrderSequenceException in docs/benchmarks.md).
     */
    Set<Long> failed() {
        return failed;
    }

    /** Stops producing and waits for what was sent to be flushed. */
    @Override
    public void close() throws InterruptedException {
        producing.set(false);
        thread.join();
    }
}
