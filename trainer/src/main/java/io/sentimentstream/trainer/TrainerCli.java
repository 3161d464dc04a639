package io.sentimentstream.trainer;

import io.sentimentstream.core.data.DatasetException;
import io.sentimentstream.core.model.InvalidModelBundleException;
import io.sentimentstream.trainer.cli.AddNgramCommand;
import io.sentimentstream.trainer.cli.BaselinesCommand;
import io.sentimentstream.trainer.cli.BenchmarkCommand;
import io.sentimentstream.trainer.cli.EvaluateCommand;
import io.sentimentstream.trainer.cli.ExportCommand;
import io.sentimentstream.trainer.cli.ProfileCommand;
import io.sentimentstream.trainer.cli.PublishCommand;
import io.sentimentstream.trainer.cli.TrainCommand;
import io.sentimentstream.trainer.cli.WordVectorsCommand;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The trainer's command line: {@code train}, {@code add-ngram}, {@code evaluate}, {@code export}
 * (any bundle to format 3), {@code benchmark} and more ({@code predict} is in sentiment-tools). Errors the user
 * can act on (bad data, bad bundle, bad flag) print one clear line and exit non-zero; a stack
 * trace only appears with {@code SENTIMENT_DEBUG=1}.
 */
@Command(name = "trainer", mixinStandardHelpOptions = true, version = "sentiment-stream trainer 0.1.0",
        description = "Trains, evaluates and runs the IMDB sentiment LSTM.",
        subcommands = {WordVectorsCommand.class, TrainCommand.class, AddNgramCommand.class, ProfileCommand.class, BaselinesCommand.class, EvaluateCommand.class, ExportCommand.class, PublishCommand.class, BenchmarkCommand.class,
                CommandLine.HelpCommand.class})
public final class TrainerCli {

    /** How the trainer is run from the project root; written into reports as the reproducing command. */
    public static final String INVOCATION = "OMP_NUM_THREADS=1 java -Xmx3g -jar trainer/target/trainer.jar";

    /** Exit code for bad input data or a bad model bundle. */
    public static final int EXIT_BAD_INPUT = 1;

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new TrainerCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if ("1".equals(System.getenv("SENTIMENT_DEBUG"))) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().println("error: " + describe(e));
            commandLine.getErr().flush();
            return EXIT_BAD_INPUT;
        });
        return cli.execute(args);
    }

    /** Entry point. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    static String describe(Throwable e) {
        if (e instanceof DatasetException || e instanceof InvalidModelBundleException
                || e instanceof IllegalArgumentException || e instanceof UncheckedIOException
                || e instanceof io.sentimentstream.registry.RegistryException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
