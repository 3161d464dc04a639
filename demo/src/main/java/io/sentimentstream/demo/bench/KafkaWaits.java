package io.sentimentstream.demo.bench;

import java.util.Locale;

/**
 * How long the application's stream threads have waited on their Kafka clients so far, read from
 * its {@code /metrics} page (Prometheus text): in all ({@code blocked-time-ns-total} of each
 * stream thread, KIP-761), and of that in the exactly-once commit (its producers' flush and
 * transaction calls). CPU time does not show these waits; they are what a stream thread spends
 * neither scoring nor ready to.
 *
 * @param blockedNs  the stream threads' time blocked on Kafka, the consumer's poll included
 * @param flushNs    of which the producers' flushes before each commit
 * @param txnNs      and the transaction calls of each commit (offsets, commit, begin)
 * @param polls      the stream threads' polls so far: each starts one turn of their loop
 * @param commits    and their commits
 */
record KafkaWaits(double blockedNs, double flushNs, double txnNs, double polls, double commits) {

    static final KafkaWaits NONE = new KafkaWaits(0, 0, 0, 0, 0);

    /** The totals on {@code page}; zeros for what it lacks (an application not up). */
    static KafkaWaits parse(String page) {
        double blocked = 0;
        double flush = 0;
        double txn = 0;
        double polls = 0;
        double commits = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith("#") || !line.contains("StreamThread-")) {
                continue;
            }
            if (line.startsWith("kafka_stream_thread_blocked_time_ns_total{")) {
                blocked += value(line);
            } else if (line.startsWith("kafka_producer_flush_time_ns_total{")) {
                flush += value(line);
            } else if (line.startsWith("kafka_producer_txn_send_offsets_time_ns_total{")
                    || line.startsWith("kafka_producer_txn_commit_time_ns_total{")
                    || line.startsWith("kafka_producer_txn_begin_time_ns_total{")) {
                txn += value(line);
            } else if (line.startsWith("kafka_stream_thread_poll_total{")) {
                polls += value(line);
            } else if (line.startsWith("kafka_stream_thread_commit_total{")) {
                commits += value(line);
            }
        }
        return new KafkaWaits(blocked, flush, txn, polls, commits);
    }

    private static double value(String line) {
        try {
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            return Double.isFinite(value) ? value : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The waits between {@code before} and this, per review over {@code reviews}, beside the
     * stream threads' CPU ({@code streamCpuMs} per review) and their wall time
     * ({@code wallMs} per review, times the number of threads): what is left is time a thread was
     * ready but had no core. Then the turns of the loop (polls) and commits per 100 reviews.
     */
    String perReview(KafkaWaits before, int reviews, double streamCpuMs, double wallMs) {
        double n = Math.max(1, reviews) * 1e6;
        double per100 = 100.0 / Math.max(1, reviews);
        double blocked = (blockedNs - before.blockedNs) / n;
        double flush = (flushNs - before.flushNs) / n;
        double txn = (txnNs - before.txnNs) / n;
        return String.format(Locale.ROOT, "wall %.3f = CPU %.3f + blocked on Kafka %.3f (commit: flush %.3f,"
                        + " transaction %.3f; the rest mostly waiting in poll %.3f) + ready without a core %.3f;"
                        + " per 100 reviews %.1f polls and %.1f commits",
                wallMs, streamCpuMs, blocked, flush, txn, Math.max(0, blocked - flush - txn),
                Math.max(0, wallMs - streamCpuMs - blocked), (polls - before.polls) * per100,
                (commits - before.commits) * per100);
    }
}
