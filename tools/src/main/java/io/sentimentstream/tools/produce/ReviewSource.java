package io.sentimentstream.tools.produce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentimentstream.core.data.Dataset;
import io.sentimentstream.core.data.DatasetException;
import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.event.EventJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the reviews {@code produce} sends: a dataset file (every layout the trainer reads), JSON
 * lines or plain-text lines, from a file or standard input. Bad records fail with their line
 * named, or are skipped and counted; a line over {@link BoundedLines#MAX_LINE_CHARS} always fails.
 */
public final class ReviewSource {

    /**
     * What was read.
     *
     * @param reviews  the records to send
     * @param problems one message per skipped record
     */
    public record Loaded(List<OutgoingReview> reviews, List<String> problems) {
    }

    private final boolean skipBad;
    private final String split;

    /** A source that skips bad records (or fails on the first) and reads the given aclImdb split. */
    public ReviewSource(boolean skipBad, String split) {
        this.skipBad = skipBad;
        this.split = split;
    }

    /** Reads {@code name} ({@code -} for standard input) in the given format. */
    public Loaded read(String name, InputFormat format, InputStream stdin) throws IOException {
        InputFormat resolved = format.resolve(name);
        if (resolved == InputFormat.DATASET) {
            if (name.equals("-")) {
                throw new IllegalArgumentException("standard input can be read as --format text or jsonl, not dataset");
            }
            return fromDataset(Path.of(name));
        }
        if (!name.equals("-") && !Files.isRegularFile(Path.of(name))) {
            throw new DatasetException("file not found: " + Path.of(name).toAbsolutePath());
        }
        try (InputStream in = name.equals("-") ? stdin : Files.newInputStream(Path.of(name));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            BoundedLines lines = new BoundedLines(reader, BoundedLines.MAX_LINE_CHARS,
                    name.equals("-") ? "standard input" : name);
            return resolved == InputFormat.JSONL ? fromJsonLines(lines, name) : fromTextLines(lines);
        }
    }

    private Loaded fromDataset(Path path) {
        Dataset dataset = new DatasetReader(new ReadOptions(split, false, skipBad, false)).read(path);
        List<OutgoingReview> reviews = new ArrayList<>(dataset.reviews().size());
        for (Review review : dataset.reviews()) {
            reviews.add(new OutgoingReview(review.id(), eventJson(review)));
        }
        return new Loaded(reviews, dataset.problems());
    }

    /** The input-topic JSON of a dataset review: id, text and (when known) label. */
    public static String eventJson(Review review) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("id", review.id());
        node.put("text", review.text());
        if (review.label() != null) {
            node.put("label", review.label().label());
        }
        if (review.rating() != null) {
            node.put("rating", review.rating());
        }
        return node.toString();
    }

    private Loaded fromJsonLines(BoundedLines lines, String name) throws IOException {
        List<OutgoingReview> reviews = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = lines.next()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = EventJson.mapper().readTree(line);
                if (!node.isObject()) {
                    reject(name, number, "not a JSON object", problems);
                } else if (!node.path("text").isTextual() || node.path("text").asText().isBlank()) {
                    reject(name, number, "no \"text\" field with a non-empty string", problems);
                } else {
                    String id = node.path("id").isValueNode() ? node.path("id").asText() : "line-" + number;
                    reviews.add(new OutgoingReview(id, line));
                }
            } catch (JsonProcessingException e) {
                reject(name, number, "not valid JSON (" + e.getOriginalMessage() + ")", problems);
            }
        }
        return new Loaded(reviews, problems);
    }

    private Loaded fromTextLines(BoundedLines lines) throws IOException {
        List<OutgoingReview> reviews = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = lines.next()) != null) {
            number++;
            if (!line.isBlank()) {
                reviews.add(new OutgoingReview("line-" + number, line));
            }
        }
        return new Loaded(reviews, List.of());
    }

    private void reject(String name, int line, String why, List<String> problems) {
        String problem = name + " line " + line + ": " + why;
        if (!skipBad) {
            throw new DatasetException(problem + " (pass --skip-bad-records to skip and count such lines)");
        }
        problems.add(problem);
    }
}
