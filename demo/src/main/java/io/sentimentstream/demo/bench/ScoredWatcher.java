package io.sentimentstream.demo.bench;

import java.time.Duration;
import java.util.BitSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads the scored topic as a downstream read_committed consumer does, on its own thread, and
 * notes when the first result of a review at or after a given sequence number becomes visible:
 * the moment scoring is seen to work again. Also counts distinct and repeated results.
 */
final class ScoredWatcher implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String prefix;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final BitSet seen = new BitSet();
    private final Thread thread;
    private long from = Long.MAX_VALUE;
    private long firstNanos;
    private long duplicates;

    /** Starts reading; results are keyed {@code prefix + sequence}. */
    ScoredWatcher(KafkaConsumer<String, byte[]> consumer, String prefix) {
        this.consumer = consumer;
        this.prefix = prefix;
        this.thread = new Thread(this::read, "scored-watcher");
        thread.start();
    }

    private void read() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    String key = record.key();
                    if (key != null && key.startsWith(prefix)) {
                        seen(Integer.parseInt(key.substring(prefix.length())), now);
                    }
                }
            }
        } finally {
            consumer.close();
        }
    }

    private synchronized void seen(int sequence, long nanos) {
        if (seen.get(sequence)) {
            duplicates++;
        }
        seen.set(sequence);
        if (sequence >= from && firstNanos == 0) {
            firstNanos = nanos;
            notifyAll();
        }
    }

    /** From now on, watch for the first result of a review numbered {@code sequence} or later. */
    synchronized void watchFrom(long sequence) {
        from = sequence;
        firstNanos = 0;
    }

    /** When (System.nanoTime) that first result was seen, or 0 if not before {@code deadlineNanos}. */
    synchronized long awaitFirst(long deadlineNanos) throws InterruptedException {
        long left;
        while (firstNanos == 0 && (left = deadlineNanos - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
        return firstNanos;
    }

    /** Reviews below {@code sequence}, except those never sent, without a result yet. */
    synchronized long missingBelow(long sequence, Set<Long> notSent) {
        long missing = 0;
        for (int s = seen.nextClearBit(0); s < sequence; s = seen.nextClearBit(s + 1)) {
            if (!notSent.contains((long) s)) {
                missing++;
            }
        }
        return missing;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
    }
}
