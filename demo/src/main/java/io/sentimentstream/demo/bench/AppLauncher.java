package io.sentimentstream.demo.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Starts the streams-app jar as its own JVM, as an operator would, on a benchmark's topics: the
 * benchmarks measure the real application, start-up and process boundaries included.
 */
final class AppLauncher {

    private final String bootstrapServers;
    private final Path appJar;
    private final Path model;
    private final PrintWriter log;
    private final String cpus;

    /**
     * @param bootstrapServers broker to use
     * @param appJar           the shaded streams-app jar
     * @param model            model bundle for the application
     * @param log              progress lines (where each application log goes)
     */
    AppLauncher(String bootstrapServers, Path appJar, Path model, PrintWriter log) {
        this(bootstrapServers, appJar, model, null, log);
    }

    /**
     * As above, with the application pinned to {@code cpus} ({@code taskset -c} syntax; null for
     * none): on a small machine the broker and the benchmark's clients otherwise share its cores.
     */
    AppLauncher(String bootstrapServers, Path appJar, Path model, String cpus, PrintWriter log) {
        this.cpus = cpus;
        this.bootstrapServers = bootstrapServers;
        this.appJar = appJar;
        this.model = model;
        this.log = log;
    }

    /**
     * Starts the application on {@code topics} with its operations endpoints on {@code port}.
     *
     * @param settings further {@code key=value} settings, after (so over) the common ones
     */
    Process start(BenchTopics topics, int port, String label, List<String> settings) throws IOException {
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                // the Java engine's SIMD kernel; without it the scalar kernel, several times slower
                "--add-modules", "jdk.incubator.vector"));
        // e.g. BENCH_APP_JAVA_OPTS="-XX:StartFlightRecording=filename=app.jfr" to profile the application
        String extra = System.getenv("BENCH_APP_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", appJar.toString()));
        List<String> all = new ArrayList<>(List.of(
                "bootstrap.servers=" + bootstrapServers,
                "application.id=" + topics.applicationId(),
                "topic.reviews=" + topics.reviews(),
                "topic.scored=" + topics.scored(),
                "topic.dlq=" + topics.dlq(),
                "topic.metrics=" + topics.metrics(),
                "topic.labels=" + topics.labels(),
                "topic.alerts=" + topics.alerts(),
                "model.path=" + model.toAbsolutePath(),
                "http.port=" + port,
                "streams.replication.factor=1"));
        all.addAll(settings);
        for (String setting : all) {
            command.addAll(List.of("--set", setting));
        }
        Path logFile = Files.createTempFile("streams-bench-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        log.printf(Locale.ROOT, "%s: application log %s%n", label, logFile);
        log.flush();
        return builder.start();
    }

    /** A port free right now, for the application's operations endpoints. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
