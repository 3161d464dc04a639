package io.sentimentstream.tools.models;

import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.registry.Assignment;
import io.sentimentstream.registry.ModelRegistry;
import io.sentimentstream.registry.PublishedVersion;
import io.sentimentstream.registry.RegistrySnapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sentiment-tools models}: the model registry from the command line, without DL4J:
 * {@code list}, {@code publish}, {@code promote}, {@code clear-challenger}, {@code rollback} and {@code delete}.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"The model registry on Kafka: list versions with their validation metrics, publish a bundle,",
                "promote a version to champion (every instance following the registry swaps to it) or challenger,",
                "clear the challenger, roll back, delete."},
        subcommands = {ModelsCommand.ListVersions.class, ModelsCommand.Publish.class, ModelsCommand.Promote.class,
                ModelsCommand.ClearChallenger.class, ModelsCommand.RollBack.class, ModelsCommand.Delete.class})
public final class ModelsCommand {

    /** {@code models list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List published versions, newest last, with their validation metrics and role.")
    static final class ListVersions implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private RegistryOptions registry;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            RegistrySnapshot snapshot;
            try (ModelRegistry client = registry.open()) {
                snapshot = client.snapshot();
            }
            Assignment assignment = snapshot.assignment();
            out.printf("%-11s %-24s %-20s %8s %8s %8s %10s  %-20s %s%n", "ROLE", "MODEL", "VERSION", "ACCURACY", "F1",
                    "AUC", "SIZE", "PUBLISHED", "BY");
            for (PublishedVersion version : snapshot.versions()) {
                out.printf("%-11s %-24s %-20s %8s %8s %8s %10s  %-20s %s%n", role(assignment, version.ref()),
                        version.name(), version.version(), metric(version, "accuracy"), metric(version, "f1"),
                        metric(version, "auc"), megabytes(version.sizeBytes()),
                        version.publishedAt().replaceFirst("\\.\\d+Z$", "Z"), version.publisher());
            }
            if (snapshot.versions().isEmpty()) {
                out.println("(no version published yet: sentiment-tools models publish --model FILE)");
            }
            if (assignment.champion() != null && snapshot.champion().isEmpty()) {
                out.println("champion " + assignment.champion() + " is not published any more");
            }
            for (String problem : snapshot.problems()) {
                spec.commandLine().getErr().println("warning: " + problem);
            }
            return 0;
        }

        private static String role(Assignment assignment, ModelRef ref) {
            if (ref.equals(assignment.champion())) {
                return "champion";
            }
            if (ref.equals(assignment.challenger())) {
                return "challenger";
            }
            return assignment.previous().contains(ref) ? "previous" : "-";
        }

        private static String metric(PublishedVersion version, String key) {
            Double value = version.metric(key);
            return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
        }

        private static String megabytes(long bytes) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
    }

    /** {@code models publish}. */
    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Verify a bundle (it must load and pass a smoke test) and publish it; a bundle that fails is refused.")
    static final class Publish implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private RegistryOptions registry;
        @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "The bundle to publish.")
        private Path model;
        @Option(names = "--promote", description = "Make it the champion right away.")
        private boolean promote;

        @Override
        public Integer call() throws Exception {
            try (ModelRegistry client = registry.open()) {
                PublishedVersion version = client.publish(model, null);
                spec.commandLine().getOut().printf("published %s (%d bytes in %d chunks)%n", version.ref(),
                        version.sizeBytes(), version.chunkCount());
                if (promote) {
                    client.promote(version.version(), version.name(), null);
                    spec.commandLine().getOut().printf("champion: %s%n", version.ref());
                }
            }
            return 0;
        }
    }

    /** {@code models promote}. */
    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Make VERSION the champion (the current one is remembered for rollback), or with --challenger the challenger.")
    static final class Promote implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private RegistryOptions registry;
        @Parameters(paramLabel = "VERSION", description = "The version to promote.")
        private String version;
        @Option(names = "--name", paramLabel = "MODEL", description = "The model name, when several models have VERSION.")
        private String name;
        @Option(names = "--challenger", description = "Make it the challenger instead (the champion keeps serving).")
        private boolean challenger;

        @Override
        public Integer call() throws Exception {
            try (ModelRegistry client = registry.open()) {
                Assignment assignment = challenger ? client.challenge(version, name, null)
                        : client.promote(version, name, null);
                spec.commandLine().getOut().println(challenger ? "challenger: " + assignment.challenger()
                        : "champion: " + assignment.champion() + previous(assignment));
            }
            return 0;
        }
    }

    /** {@code models clear-challenger}. */
    @Command(name = "clear-challenger", mixinStandardHelpOptions = true,
            description = "Stop the side-by-side evaluation: no challenger any more (the champion keeps serving).")
    static final class ClearChallenger implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private RegistryOptions registry;

        @Override
        public Integer call() throws Exception {
            try (ModelRegistry client = registry.open()) {
                ModelRef cleared = client.snapshot().assignment().challenger();
                Assignment assignment = client.clearChallenger(null);
                spec.commandLine().getOut().println("challenger cleared" + (cleared == null ? "" : ": " + cleared)
                        + " (champion " + assignment.champion() + " keeps serving)");
            }
            return 0;
        }
    }

    /** {@code models rollback}. */
    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Make the previous champion the champion again.")
    static final class RollBack implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private RegistryOptions registry;

        @Override
        public Integer call() throws Exception {
            try (ModelRegistry client = registry.open()) {
                Assignment assignment = client.rollBack(null);
                spec.commandLine().getOut().println("champion: " + assignment.champion() + " (rolled back)");
            }
            return 0;
        }
    }

    /** {@code models delete}. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a version (never the champion or the challenger); compaction then frees its space.")
    static final class Delete implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private RegistryOptions registry;
        @Parameters(paramLabel = "VERSION", description = "The version to delete.")
        private String version;
        @Option(names = "--name", paramLabel = "MODEL", description = "The model name, when several models have VERSION.")
        private String name;

        @Override
        public Integer call() throws Exception {
            try (ModelRegistry client = registry.open()) {
                spec.commandLine().getOut().println("deleted " + client.delete(version, name).ref());
            }
            return 0;
        }
    }

    private static String previous(Assignment assignment) {
        return assignment.previous().isEmpty() ? ""
                : " (rollback returns to " + assignment.previous().get(assignment.previous().size() - 1) + ")";
    }
}
