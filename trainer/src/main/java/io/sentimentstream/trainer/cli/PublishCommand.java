package io.sentimentstream.trainer.cli;

import io.sentimentstream.registry.PublishedVersion;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainer publish}: verifies a bundle and publishes it to the model registry on Kafka. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Verify a bundle (it must load and pass a smoke test) and publish it to the model registry.",
                "Promote it with: sentiment-tools models promote VERSION"})
public final class PublishCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "The bundle to publish.")
    private Path model;

    @Mixin
    private RegistryPublishing registry;

    @Override
    public Integer call() {
        PublishedVersion version = registry.publish(model);
        spec.commandLine().getOut().printf("published %s (%d bytes in %d chunks); promote it with: sentiment-tools"
                + " models promote %s%n", version.ref(), version.sizeBytes(), version.chunkCount(), version.version());
        return 0;
    }
}
