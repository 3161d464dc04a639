package io.sentimentstream.tools;

import io.sentimentstream.core.data.DatasetException;
import io.sentimentstream.core.model.InvalidModelBundleException;
import io.sentimentstream.registry.RegistryException;
import io.sentimentstream.streams.admin.BrokerCheck;
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
    public static final int EXIT_ERROR = 1;

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SentimentTools());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if ("1".equals(System.getenv("SENTIMENT_DEBUG"))) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().println("error: " + describe(e));
            commandLine.getErr().flush();
            return EXIT_ERROR;
        });
        return cli.execute(args);
    }

    /** Entry point. */
    public static void main(String[] args) {
        // Kafka's INFO logging would drown the tools' own output; SENTIMENT_LOG_LEVEL=info brings it back.
        // The per-package levels too: streams-app's simplelogger.properties (on this classpath) sets
        // them, and they beat the default; system properties beat the file.
        String level = System.getenv().getOrDefault("SENTIMENT_LOG_LEVEL", "error");
        for (String logger : new String[] {"defaultLogLevel", "log.org.apache.kafka"}) {
            System.setProperty("org.slf4j.simpleLogger." + logger, level);
        }
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    private static String describe(Throwable e) {
        if (e instanceof DatasetException || e instanceof InvalidModelBundleException
                || e instanceof IllegalArgumentException || e instanceof java.io.IOException
                || e instanceof BrokerCheck.FailedException || e instanceof RegistryException) {
            return e.getMessage();
        }
        if (e instanceof org.apache.kafka.common.KafkaException) {
            return "Kafka: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
