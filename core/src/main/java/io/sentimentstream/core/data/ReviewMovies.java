package io.sentimentstream.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which movie each review is about, by review id. Reviews of one movie share titles, names and
 * plot words; a validation split that keeps whole movies out of training measures what a model
 * does on movies it has never seen, as the official test split (which shares no movies with train)
 * does.
 *
 * @param movieById movie identifier (an IMDb title such as {@code tt0064354}) by review id
 * @param source    where the movies came from, for provenance ({@code none} when unknown)
 */
public record ReviewMovies(Map<String, String> movieById, String source) {

    private static final Pattern TITLE = Pattern.compile("/title/(tt\\d+)");

    /** Copies the map. */
    public ReviewMovies {
        movieById = Map.copyOf(movieById);
    }

    /** No movies known. */
    public static ReviewMovies none() {
        return new ReviewMovies(Map.of(), "none");
    }

    /** Whether any movie is known. */
    public boolean isEmpty() {
        return movieById.isEmpty();
    }

    /** The movie of a review, or {@code null} when unknown. */
    public String movieOf(String reviewId) {
        return movieById.get(reviewId);
    }

    /**
     * Reads a CSV (optionally gzip-compressed, detected from the content) with the header
     * {@code id,movie}, such as {@code train-movies.csv.gz}.
     */
    public static ReviewMovies read(Path csv) {
        Map<String, String> movies = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                DatasetReader.openMaybeGzip(csv, DatasetLimits.DEFAULT.maxDecompressedBytes()), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.replace("\uFEFF", "").trim().equalsIgnoreCase("id,movie")) {
                throw new DatasetException(csv + ": expected the header id,movie, found " + header);
            }
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                int comma = line.indexOf(',');
                if (comma <= 0 || comma == line.length() - 1) {
                    throw new DatasetException(csv + " line " + number + ": expected id,movie");
                }
                movies.put(line.substring(0, comma).trim(), line.substring(comma + 1).trim());
            }
        } catch (IOException e) {
            throw new DatasetException(csv + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return new ReviewMovies(movies, csv.getFileName().toString());
    }

    /**
     * Movies from an aclImdb {@code urls_<class>.txt} file: line N (from 0) is the IMDb page of
     * review {@code <split>_<class>_N}.
     */
    static Map<String, String> fromUrls(String split, String cls, List<String> lines) {
        Map<String, String> movies = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            Matcher m = TITLE.matcher(lines.get(n));
            movies.put(split + "_" + cls + "_" + n, m.find() ? m.group(1) : lines.get(n).trim());
        }
        return movies;
    }
}
