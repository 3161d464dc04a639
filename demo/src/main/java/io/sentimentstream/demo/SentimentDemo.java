package io.sentimentstream.demo;

import io.sentimentstream.demo.bench.BenchRestartCommand;
import io.sentimentstream.demo.bench.BenchStartupCommand;
import io.sentimentstream.demo.bench.BenchStreamCommand;
import io.sentimentstream.demo.bench.BenchSwapCommand;
import io.sentimentstream.tools.ToolCommandLines;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The demo and the benchmarks, which run an in-process broker (Kafka's test kit) and the
 * streams-app: {@code demo} (everything in one process), {@code bench-stream},
 * {@code bench-restart}, {@code bench-startup} and {@code bench-swap} (the model registry's hot
 * swap). Kept out of {@code sentiment-tools.jar}, so that the jar users run for produce, consume,
 * predict and models holds no broker. Errors a user can act on print one line and exit 1;
 * bad flags exit 2 with usage help.
 */
@Command(name = "sentiment-demo", mixinStandardHelpOptions = true, version = "sentiment-stream demo 0.1.0",
        description = "One-command demo, stream, restart, start-up and hot swap benchmarks for sentiment-stream.",
        subcommands = {DemoCommand.class, BenchStreamCommand.class, BenchRestartCommand.class, BenchStartupCommand.class,
                BenchSwapCommand.class, CommandLine.HelpCommand.class})
public final class SentimentDemo {

    /** Exit code for bad input (files, models, unreachable brokers). */
    public static final int EXIT_ERROR = ToolCommandLines.EXIT_ERROR;

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return ToolCommandLines.run(new SentimentDemo(), out, err, args);
    }

    /** Entry point. */
    public static void main(String[] args) {
        if (System.getenv("SENTIMENT_LOG_LEVEL") == null) {
            // The in-process broker logs each OutOfOrderSequenceException it answers at ERROR; the
            // clients retry and recover (KAFKA-18202, README "Restarts"), so in the demo it is noise.
            System.setProperty("org.slf4j.simpleLogger.log.kafka.server.ReplicaManager", "off");
        }
        ToolCommandLines.runAndExit(new SentimentDemo(), args);
    }
}
