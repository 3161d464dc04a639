package io.sentimentstream.tools;

import io.sentimentstream.core.data.DatasetException;
import io.sentimentstream.core.model.InvalidModelBundleException;
import io.sentimentstream.registry.RegistryException;
import io.sentimentstream.streams.admin.BrokerCheck;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How the user-facing command lines ({@code sentiment-tools}, {@code sentiment-demo}) run: errors a
 * user can act on print one line and exit {@link #EXIT_ERROR} (the stack trace only with
 * {@code SENTIMENT_DEBUG=1}), bad flags exit 2 with usage help, and Kafka's logging stays quiet.
 */
public final class ToolCommandLines {

    /** Exit code for bad input (files, models, unreachable brokers). */
    public static final int EXIT_ERROR = 1;

    private ToolCommandLines() {
    }

    /** Runs {@code root}'s command line and returns its exit code. */
    public static int run(Object root, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(root);
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

    /** Runs {@code root}'s command line on the console and exits the JVM with its code. */
    public static void runAndExit(Object root, String... args) {
        // Kafka's INFO logging would drown the tools' own output; SENTIMENT_LOG_LEVEL=info brings it back.
        // The per-package levels too: streams-app's simplelogger.properties (on this classpath) sets
        // them, and they beat the default; system properties beat the file.
        String level = System.getenv().getOrDefault("SENTIMENT_LOG_LEVEL", "error");
        for (String logger : new String[] {"defaultLogLevel", "log.org.apache.kafka"}) {
            System.setProperty("org.slf4j.simpleLogger." + logger, level);
        }
        System.exit(run(root, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
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
