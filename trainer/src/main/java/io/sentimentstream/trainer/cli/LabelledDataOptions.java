package io.sentimentstream.trainer.cli;

import io.sentimentstream.core.data.Dataset;
import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.ReviewMovies;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The labelled data and its movies, as every command that carves train's validation split reads
 * them ({@code train}, {@code add-ngram}, {@code baselines}): one definition, so the same inputs give
 * the same split everywhere.
 */
final class LabelledDataOptions {

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "Labelled reviews: CSV/CSV.gz (id,rating,label,text or review,sentiment), "
                    + "the aclImdb folder, or aclImdb_v1.tar.gz.")
    Path data;

    @Option(names = "--movies", paramLabel = "CSV", description = "The movie of each review (CSV id,movie, e.g. train-movies.csv.gz): "
            + "validation holds out whole movies. The aclImdb folder and archive name them in urls_*.txt; without either, "
            + "the split is random by review (optimistic).")
    Path movies;

    @Option(names = "--split", defaultValue = "train", description = "Split to read from aclImdb (default: ${DEFAULT-VALUE}).")
    String split;

    /** Reads the labelled reviews, skipping bad records where asked. */
    Dataset read(boolean skipBadRecords) {
        return new DatasetReader(ReadOptions.labelled().withSplit(split).withSkipBadRecords(skipBadRecords)).read(data);
    }

    /** The movies of the reviews: from {@code --movies}, else from the dataset itself (aclImdb), else none. */
    ReviewMovies movies(Dataset dataset) {
        return ValidationMovies.of(movies, dataset);
    }
}
