package io.sentimentstream.demo.bench;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.testkit.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench-stream}: the stream benchmark. Runs the streams-app jar as its own process against
 * an in-process broker (or the one given) for each scenario and prints a Markdown table.
 */
@Command(name = "bench-stream", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the streams-app: throughput, end-to-end latency, loss/duplicates, memory.")
public final class BenchStreamCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenarios", split = ";", defaultValue = "eos,32,200,1;alos,32,200,1;eos,8,50,1;eos,128,500,1;eos,32,200,2",
            description = "guarantee,batch,waitMs,threads[,challenger];... (challenger: the application follows a"
                    + " registry that names the same bundle under another version as challenger; default: ${DEFAULT-VALUE}).")
    private List<String> scenarios;

    @Option(names = "--reviews", defaultValue = "100000", description = "Backlog per scenario (default: ${DEFAULT-VALUE}).")
    private int reviews;

    @Option(names = "--latency-reviews", defaultValue = "5000", description = "Reviews in the steady-rate latency phase (default: ${DEFAULT-VALUE}).")
    private int latencyReviews;

    @Option(names = "--latency-warmup-seconds", defaultValue = "15", description = "Seconds at the latency phase's rate"
            + " before it, not measured: both JVMs compile the code of a paced stream (small batches, small"
            + " transactions) then, not during the measurement (default: ${DEFAULT-VALUE}).")
    private int latencyWarmupSeconds;

    @Option(names = "--latency-fraction", defaultValue = "0.5", description = "Latency-phase rate as a fraction of the throughput (default: ${DEFAULT-VALUE}).")
    private double latencyFraction;

    @Option(names = "--app-cpus", description = "Pin the application to these CPUs (taskset -c syntax, e.g. 1), "
            + "away from the broker and clients (default: not pinned).")
    private String appCpus;

    @Mixin
    private BenchOptions options;

    @Override
    public Integer call() throws Exception {
        Path appJar = options.appJar();
        List<StreamScenario> parsed = scenarios.stream().map(StreamScenario::parse).toList();
        PrintWriter out = spec.commandLine().getOut();
        Path bundle = options.model();
        List<Review> all = options.reviews();
        EmbeddedKafkaBroker broker = options.startBroker();
        String bootstrap = options.bootstrapServers(broker);
        out.printf(Locale.ROOT, "# Stream benchmark%n%n%s, broker %s (%s), %,d reviews backlog + %,d at %.0f%% of "
                        + "throughput (after %d s at that rate) per scenario, %d partitions, model %s, %d cores%n%n",
                Instant.now(), bootstrap, broker != null ? "in-process KRaft" : "external", reviews, latencyReviews,
                latencyFraction * 100, latencyWarmupSeconds, options.partitions, bundle, Runtime.getRuntime().availableProcessors());
        out.flush();
        List<StreamResult> results = new ArrayList<>();
        try {
            StreamBenchmark bench = new StreamBenchmark(bootstrap, appJar, bundle, all, reviews, options.partitions,
                    latencyReviews, latencyWarmupSeconds, latencyFraction, appCpus, spec.commandLine().getErr());
            for (int i = 0; i < parsed.size(); i++) {
                results.add(bench.run(parsed.get(i), i));
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        out.println("| scenario | scored/s | model alone/s (same batch) | ratio | latency rate/s | p50 ms | p95 ms | p99 ms "
                + "| lost | duplicates | peak heap MB | peak RSS MB | app CPU ms/review | model alone CPU ms/review | CPU ratio "
                + "| app CPU ms/review, 2nd half | CPU ratio, 2nd half |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (StreamResult r : results) {
            out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.0f | %.0f | %.0f | %.0f | %d | %d | %.0f | %.0f | %.3f | %.3f | %.2f | %.3f | %.2f |%n",
                    r.scenario().label(), r.scoredPerSecond(), r.modelPerSecond(), r.ratio(), r.latencyRate(),
                    r.p50Ms(), r.p95Ms(), r.p99Ms(), r.lost(), r.duplicates(), r.peakHeapMb(), r.peakRssMb(),
                    r.appCpuMsPerReview(), r.modelCpuMsPerReview(), r.cpuRatio(),
                    r.steadyCpuMsPerReview(), r.steadyCpuRatio());
        }
        out.flush();
        return 0;
    }
}
