package io.sentimentstream.demo.bench;

/**
 * What one scenario measured.
 *
 * @param scenario           the configuration
 * @param reviews            reviews produced in the throughput phase
 * @param scoredPerSecond    scored reviews per second while draining the backlog
 * @param modelPerSecond     the model's own throughput at the same batch size, measured in this run
 * @param latencyRate        reviews per second produced in the latency phase
 * @param p50Ms              end-to-end latency median (producer send to read_committed consumer)
 * @param p95Ms              95th percentile
 * @param p99Ms              99th percentile
 * @param lost               produced reviews never seen scored
 * @param duplicates         scored outputs beyond one per review
 * @param peakHeapMb         peak heap used by the application (sampled from /metrics)
 * @param peakRssMb          peak resident set size of the application process
 * @param appCpuMsPerReview  the application process's CPU time (all threads) per scored review while draining
 *                           (from the first quarter of the backlog on: after the JIT's warm-up)
 * @param modelCpuMsPerReview the model alone's CPU time per review (the measuring thread)
 * @param steadyCpuMsPerReview the application's CPU time per scored review over the second half of
 *                           the backlog only: the JIT still compiles through the first half of a
 *                           run on a loaded machine
 */
public record StreamResult(StreamScenario scenario, int reviews, double scoredPerSecond, double modelPerSecond,
                           double latencyRate, double p50Ms, double p95Ms, double p99Ms, long lost,
                           long duplicates, double peakHeapMb, double peakRssMb,
                           double appCpuMsPerReview, double modelCpuMsPerReview, double steadyCpuMsPerReview) {

    /** Stream throughput as a fraction of the model's own. */
    public double ratio() {
        return scoredPerSecond / modelPerSecond;
    }

    /**
     * The model's CPU cost per review as a fraction of the application's: the ratio of throughputs
     * when each has a core to itself, which {@link #ratio()} is not on a machine whose broker and
     * clients share the application's cores.
     */
    public double cpuRatio() {
        return modelCpuMsPerReview / appCpuMsPerReview;
    }

    /** {@link #cpuRatio()} over the second half of the backlog. */
    public double steadyCpuRatio() {
        return modelCpuMsPerReview / steadyCpuMsPerReview;
    }
}
