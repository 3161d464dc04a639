package io.sentimentstream.demo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KafkaWaitsTest {

    private static final String PAGE = """
            # HELP kafka_stream_thread_blocked_time_ns_total The total time the thread spent blocked on kafka
            kafka_stream_thread_blocked_time_ns_total{kafka_version="4.3.1",thread_id="app-1-StreamThread-1"} 4.0E9
            kafka_stream_thread_blocked_time_ns_total{kafka_version="4.3.1",thread_id="app-1-StreamThread-2"} 1.0E9
            kafka_producer_flush_time_ns_total{client_id="app-1-StreamThread-1-producer",kafka_version="4.3.1"} 1.5E9
            kafka_producer_flush_time_ns_total{client_id="app-1-registry-producer",kafka_version="4.3.1"} 9.0E9
            kafka_producer_txn_send_offsets_time_ns_total{client_id="app-1-StreamThread-1-producer"} 5.0E8
            kafka_producer_txn_commit_time_ns_total{client_id="app-1-StreamThread-1-producer"} 2.5E8
            kafka_producer_txn_begin_time_ns_total{client_id="app-1-StreamThread-1-producer"} NaN
            kafka_producer_txn_abort_time_ns_total{client_id="app-1-StreamThread-1-producer"} 7.0E9
            kafka_stream_thread_poll_total{kafka_version="4.3.1",thread_id="app-1-StreamThread-1"} 120.0
            kafka_stream_thread_commit_total{kafka_version="4.3.1",thread_id="app-1-StreamThread-1"} 30.0
            kafka_stream_thread_commit_total{kafka_version="4.3.1",thread_id="app-1-StreamThread-2"} 10.0
            """;

    @Test
    void sumsTheStreamThreadsWaitsAndNothingElse() {
        KafkaWaits waits = KafkaWaits.parse(PAGE);
        assertEquals(5.0e9, waits.blockedNs());
        assertEquals(1.5e9, waits.flushNs(), "the registry's producer is not a stream thread's");
        assertEquals(7.5e8, waits.txnNs(), "offsets and commit; NaN counts as nothing, aborts are not commits");
        assertEquals(120, waits.polls());
        assertEquals(40, waits.commits());
    }

    @Test
    void anEmptyPageIsNoWait() {
        assertEquals(KafkaWaits.NONE, KafkaWaits.parse(""));
    }

    @Test
    void splitsTheWallTimePerReview() {
        KafkaWaits before = new KafkaWaits(1.0e9, 0.5e9, 0.25e9, 100, 10);
        KafkaWaits after = new KafkaWaits(3.0e9, 1.5e9, 0.75e9, 600, 60);
        // 10,000 reviews: 0.2 ms blocked each, 0.1 of it flushing, 0.05 in transactions
        String line = after.perReview(before, 10_000, 0.25, 0.5);
        assertTrue(line.contains("blocked on Kafka 0.200"), line);
        assertTrue(line.contains("flush 0.100"), line);
        assertTrue(line.contains("transaction 0.050"), line);
        assertTrue(line.contains("poll 0.050"), line);
        assertTrue(line.contains("ready without a core 0.050"), line);
        assertTrue(line.contains("per 100 reviews 5.0 polls and 0.5 commits"), line);
    }
}
