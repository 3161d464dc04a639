package io.sentimentstream.tools;

import io.sentimentstream.tools.consume.ConsumeCommand;
import io.sentimentstream.tools.models.ModelsCommand;
import io.sentimentstream.tools.predict.PredictCommand;
import io.sentimentstream.tools.produce.ProduceCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The user's tools: {@code produce}, {@code consume}, {@code predict} and {@code models} (the
 * model registry). No broker, no DL4J and no test library inside (the demo and the benchmarks are
 * {@code sentiment-demo.jar}). Errors a user can act on print one line and exit 1; bad flags exit 2
 * with usage help.
 */
@Command(name = "sentiment-tools", mixinStandardHelpOptions = true, version = "sentiment-stream tools 0.1.0",
        description = "Producer, consumer, command-line scorer and the model registry (models) for sentiment-stream.",
        subcommands = {ProduceCommand.class, ConsumeCommand.class, PredictCommand.class, ModelsCommand.class,
                CommandLine.HelpCommand.class})
public final class SentimentTools {

    /** Exit code for bad input (files, models, unreachable brokers). */
    public static final int EXIT_ERROR = ToolCommandLines.EXIT_ERROR;

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return ToolCommandLines.run(new SentimentTools(), out, err, args);
    }

    /** Entry point. */
    public static void main(String[] args) {
        ToolCommandLines.runAndExit(new SentimentTools(), args);
    }
}
