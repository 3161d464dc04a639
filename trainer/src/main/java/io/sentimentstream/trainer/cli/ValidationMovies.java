package io.sentimentstream.trainer.cli;

import io.sentimentstream.core.data.Dataset;
import io.sentimentstream.core.data.ReviewMovies;
import java.nio.file.Path;

/** Where the commands that split data find the reviews' movies: a {@code --movies} file wins over the data's own. */
final class ValidationMovies {

    private ValidationMovies() {
    }

    static ReviewMovies of(Path moviesFile, Dataset dataset) {
        return moviesFile != null ? ReviewMovies.read(moviesFile) : dataset.movies();
    }
}
