package io.sentimentstream.trainer.embed;

import io.sentimentstream.core.text.Vocabulary;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Word vectors in word2vec's text format (a header line {@code <words> <dimension>}, then one
 * line per word: the word and its components, separated by single spaces). The words are the
 * shared normaliser's tokens, so they match the vocabulary the classifier builds.
 *
 * @param dimension length of every vector
 * @param vectors   vector per word
 */
public record WordVectors(int dimension, Map<String, float[]> vectors) {

    /** Checks that every vector has {@code dimension} components. */
    public WordVectors {
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
            if (e.getValue().length != dimension) {
                throw new IllegalArgumentException("vector of '" + e.getKey() + "' has " + e.getValue().length
                        + " components, not " + dimension);
            }
        }
        vectors = Map.copyOf(vectors);
    }

    /**
     * Copies the vector of every vocabulary word that has one into its row of {@code embedding}
     * ({@code [vocabulary size, dimension]}); other rows keep their random initialisation.
     *
     * @return how many vocabulary words got a vector
     */
    public int initialise(INDArray embedding, Vocabulary vocabulary) {
        if (embedding.rank() != 2 || embedding.size(1) != dimension || embedding.size(0) != vocabulary.size()) {
            throw new IllegalArgumentException("word vectors have dimension " + dimension + " but the embedding is "
                    + java.util.Arrays.toString(embedding.shape()) + " (use --embedding-size " + dimension + ")");
        }
        int found = 0;
        for (int id = 0; id < vocabulary.size(); id++) {
            float[] vector = vectors.get(vocabulary.tokenOf(id));
            if (vector != null) {
                for (int j = 0; j < dimension; j++) {
                    embedding.putScalar(id, j, vector[j]);
                }
                found++;
            }
        }
        return found;
    }

    /** Writes the vectors atomically (temporary file, then rename). */
    public void write(Path path) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write(vectors.size() + " " + dimension + "\n");
                StringBuilder line = new StringBuilder();
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    line.setLength(0);
                    line.append(e.getKey());
                    for (float v : e.getValue()) {
                        line.append(' ').append(String.format(Locale.ROOT, "%.6g", v));
                    }
                    out.write(line.append('\n').toString());
                }
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write word vectors to " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a file in the text format above.
     *
     * @throws IllegalArgumentException naming the file and line when it is missing or malformed
     */
    public static WordVectors read(Path path) {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            String[] counts = header == null ? new String[0] : header.trim().split(" ");
            if (counts.length != 2) {
                throw new IllegalArgumentException(path + ": line 1 must be '<words> <dimension>' (word2vec text format)");
            }
            int words = parse(counts[0], path, 1);
            int dimension = parse(counts[1], path, 1);
            Map<String, float[]> vectors = new LinkedHashMap<>(words * 2);
            String line;
            int lineNumber = 1;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                String[] parts = line.stripTrailing().split(" ");
                if (parts.length != dimension + 1) {
                    throw new IllegalArgumentException(path + ": line " + lineNumber + " has " + (parts.length - 1)
                            + " components, not " + dimension);
                }
                float[] vector = new float[dimension];
                for (int j = 0; j < dimension; j++) {
                    try {
                        vector[j] = Float.parseFloat(parts[j + 1]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(path + ": line " + lineNumber + ": '" + parts[j + 1]
                                + "' is not a number", e);
                    }
                }
                vectors.put(parts[0], vector);
            }
            if (vectors.size() != words) {
                throw new IllegalArgumentException(path + ": header promises " + words + " words but the file has "
                        + vectors.size() + " (truncated?)");
            }
            return new WordVectors(dimension, vectors);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("word vectors not found: " + path, e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(path + " is not UTF-8 text (word2vec's binary format is not read)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read word vectors " + path + ": " + e.getMessage(), e);
        }
    }

    private static int parse(String number, Path path, int line) {
        try {
            int value = Integer.parseInt(number);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + ": line " + line + ": '" + number + "' is not a positive count", e);
        }
    }
}
