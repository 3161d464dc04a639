package io.sentimentstream.demo.bench;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.testkit.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
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
 * {@code bench-restart}: how long a restarted streams-app takes to score again. Runs the jar as its
 * own process under a steady load, stops and restarts it per scenario and prints a Markdown table.
 */
@Command(name = "bench-restart", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure restart to scoring of the streams-app after SIGTERM or SIGKILL, "
                + "with static or dynamic group membership.")
public final class BenchRestartCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenarios", split = ";", defaultValue = "sigterm,static;sigkill,static;sigterm,dynamic;sigkill,dynamic",
            description = "stop,membership[,fence];... stop: sigterm or sigkill; membership: static (the default) "
                    + "or dynamic (streams.group.protocol=classic); fence: fence the killed instance's "
                    + "transactions before the restart (default: ${DEFAULT-VALUE}).")
    List<String> scenarios;

    @Option(names = "--runs", defaultValue = "3", description = "Restarts per scenario (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--rate", defaultValue = "50", description = "Reviews produced per second, throughout (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--steady-seconds", defaultValue = "5", description = "Steady scoring before each stop (default: ${DEFAULT-VALUE}).")
    int steadySeconds;

    @Option(names = "--timeout-seconds", defaultValue = "120", description = "Longest wait for a restarted instance to score (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    BenchOptions options;

    /** The scenarios, checked before anything starts. */
    List<RestartScenario> parsedScenarios() {
        if (runs < 1 || rate <= 0 || steadySeconds < 0 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("--runs and --timeout-seconds must be at least 1, --rate above 0, "
                    + "--steady-seconds at least 0");
        }
        return scenarios.stream().map(RestartScenario::parse).toList();
    }

    @Override
    public Integer call() throws Exception {
        List<RestartScenario> parsed = parsedScenarios();
        Path appJar = options.appJar();
        Path bundle = options.model();
        List<Review> reviews = options.reviews();
        PrintWriter out = spec.commandLine().getOut();
        EmbeddedKafkaBroker broker = options.startBroker();
        String bootstrap = options.bootstrapServers(broker);
        out.printf(Locale.ROOT, "# Restart benchmark%n%n%s, broker %s (%s), %.0f reviews/s throughout, %d restarts "
                        + "per scenario after %d s of steady scoring, %d partitions, model %s, %d cores, load average %.1f%n%n",
                Instant.now(), bootstrap, broker != null ? "in-process KRaft" : "external", rate, runs, steadySeconds,
                options.partitions, bundle, Runtime.getRuntime().availableProcessors(), loadAverage());
        out.flush();
        List<RestartResult> results = new ArrayList<>();
        try {
            RestartBenchmark bench = new RestartBenchmark(bootstrap, appJar, bundle, reviews, options.partitions, rate,
                    steadySeconds, timeoutSeconds, spec.commandLine().getErr());
            for (int i = 0; i < parsed.size(); i++) {
                results.add(bench.run(parsed.get(i), i, runs));
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        // Start-up is CPU-bound: on a shared machine the load says how far the figures are stretched.
        out.printf(Locale.ROOT, "%s, load average %.1f%n%n", Instant.now(), loadAverage());
        out.println("Seconds, median (each run). Stop: signal to exit of the old process. From the restart (launch "
                + "of the new process): ops port up (/health/live 200), ready (/health/ready 200), first new result "
                + "(read_committed) of a review produced after the old process ended, old transactions ended "
                + "(aborted by the broker, or fenced).");
        out.println();
        out.println("| scenario | stop | → ops port up | → ready | → first new result | → old transactions ended "
                + "| produced | send failed | lost | duplicates |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (RestartResult r : results) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %,d | %d | %d | %d |%n", r.scenario().label(),
                    r.cell(RestartRun::stopSeconds), r.cell(RestartRun::liveSeconds), r.cell(RestartRun::readySeconds),
                    r.cell(RestartRun::firstResultSeconds), r.cell(RestartRun::abortSeconds), r.produced(), r.notSent(), r.lost(),
                    r.duplicates());
        }
        out.flush();
        return 0;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
