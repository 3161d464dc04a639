package io.sentimentstream.trainer.cli;

import io.sentimentstream.core.data.Dataset;
import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.StratifiedSplit;
import io.sentimentstream.core.text.NormalizationSettings;
import io.sentimentstream.core.text.TextNormalizer;
import io.sentimentstream.trainer.embed.WordVectorTrainer;
import io.sentimentstream.trainer.embed.WordVectors;
import io.sentimentstream.trainer.train.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainer word-vectors}: the optional first step. Learns word vectors from the training
 * part of the labelled reviews (the validation part is left out, split exactly as {@code train}
 * splits it) plus any unlabelled reviews, for {@code train --embeddings}.
 */
@Command(name = "word-vectors", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Learn word vectors (Word2Vec) for initialising the classifier's embedding (train --embeddings).")
public final class WordVectorsCommand implements Callable<Integer> {

    private static final TrainingConfig D = TrainingConfig.defaults();

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "Labelled reviews, as for train; their validation part is left out.")
    private Path data;

    @Option(names = "--unlabelled", paramLabel = "PATH", description = "Unlabelled reviews to learn from as well (e.g. unsup.csv.gz).")
    private Path unlabelled;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Vectors file to write (word2vec text format).")
    private Path output;

    @Option(names = "--dimension", description = "Vector length; must equal train's --embedding-size (default: ${DEFAULT-VALUE}).")
    private int dimension = D.embeddingSize();

    @Option(names = "--window", defaultValue = "5", description = "Context words on each side (default: ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--min-count", defaultValue = "5", description = "Minimum word count (default: ${DEFAULT-VALUE}).")
    private int minCount;

    @Option(names = "--epochs", defaultValue = "2", description = "Passes over the texts (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--negative", defaultValue = "5", description = "Negative samples (default: ${DEFAULT-VALUE}).")
    private int negative;

    @Option(names = "--workers", defaultValue = "2", description = "Training threads (default: ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--remove-stop-words", description = "As for train: use the same setting in both steps.")
    private boolean removeStopWords = D.removeStopWords();

    @Option(names = "--movies", paramLabel = "CSV", description = "As for train: the movie of each review, so that the same movies are left out.")
    private Path movies;

    @Option(names = "--validation-fraction", description = "As for train (default: ${DEFAULT-VALUE}).")
    private double validationFraction = D.validationFraction();

    @Option(names = "--seed", description = "As for train: the split must be the same (default: ${DEFAULT-VALUE}).")
    private long seed = D.seed();

    @Option(names = "--skip-bad-records", description = "Skip and count bad records instead of stopping at the first.")
    private boolean skipBadRecords;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        Dataset labelled = new DatasetReader(ReadOptions.labelled().withSkipBadRecords(skipBadRecords)).read(data);
        List<Review> trainPart = StratifiedSplit.of(labelled.reviews(), ValidationMovies.of(movies, labelled),
                validationFraction, 0, seed).train();
        List<String> texts = new ArrayList<>(trainPart.size());
        trainPart.forEach(r -> texts.add(r.text()));
        int unlabelledCount = 0;
        if (unlabelled != null) {
            Dataset extra = new DatasetReader(ReadOptions.unlabelled().withSkipBadRecords(skipBadRecords)).read(unlabelled);
            extra.reviews().forEach(r -> texts.add(r.text()));
            unlabelledCount = extra.reviews().size();
        }
        err.printf(Locale.ROOT, "learning %d-dimensional word vectors from %d reviews (%d labelled, validation part "
                + "left out; %d unlabelled)%n", dimension, texts.size(), trainPart.size(), unlabelledCount);
        err.flush();
        long start = System.nanoTime();
        TextNormalizer normalizer = new TextNormalizer(NormalizationSettings.defaults().withRemoveStopWords(removeStopWords));
        WordVectors vectors = new WordVectorTrainer(new WordVectorTrainer.Settings(dimension, window, minCount, epochs,
                negative, 1e-4, workers, seed), normalizer).train(texts);
        vectors.write(output);
        err.printf(Locale.ROOT, "%d word vectors written to %s in %.0f s%n", vectors.vectors().size(), output,
                (System.nanoTime() - start) / 1e9);
        err.flush();
        return 0;
    }
}
