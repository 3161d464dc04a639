package io.sentimentstream.demo.bench;

import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.model.DefaultModel;
import io.sentimentstream.testkit.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import picocli.CommandLine.Option;

/**
 * The options every benchmark of the streams-app takes (a picocli mixin): the application jar, its
 * model, the reviews sent to it, the topics' partitions and the broker.
 */
public final class BenchOptions {

    @Option(names = "--partitions", defaultValue = "6", description = "Input/output partitions (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--data", defaultValue = "../shared/data/imdb/train.csv.gz", description = "Reviews, cycled (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--model", description = "Model bundle (default: " + DefaultModel.RELATIVE_PATH + ").")
    Path model;

    @Option(names = "--app-jar", defaultValue = "streams-app/target/streams-app.jar", description = "The streams-app jar (default: ${DEFAULT-VALUE}).")
    Path appJar;

    @Option(names = {"-b", "--bootstrap-servers"}, description = "Use this broker instead of an in-process one.")
    String bootstrapServers;

    /** The application jar, which must have been built. */
    Path appJar() {
        if (!Files.isRegularFile(appJar)) {
            throw new IllegalArgumentException("streams-app jar not found: " + appJar.toAbsolutePath()
                    + " (build it with ./mvnw -B -q package -DskipTests -pl streams-app -am)");
        }
        return appJar;
    }

    /** The model bundle given, or the default one. */
    Path model() {
        return model != null ? model : DefaultModel.locate();
    }

    /** The reviews, shuffled with a fixed seed (the same load in every run). */
    List<Review> reviews() throws IOException {
        List<Review> all = new ArrayList<>(new DatasetReader(ReadOptions.labelled()).read(data).reviews());
        Collections.shuffle(all, new Random(1));
        return all;
    }

    /** A started in-process broker, or {@code null} when {@code --bootstrap-servers} names one. */
    EmbeddedKafkaBroker startBroker() throws Exception {
        return bootstrapServers == null ? EmbeddedKafkaBroker.startQuietly() : null;
    }

    /** The broker to use: the in-process one, if started, else the one given. */
    String bootstrapServers(EmbeddedKafkaBroker broker) {
        return broker != null ? broker.bootstrapServers() : bootstrapServers;
    }
}
