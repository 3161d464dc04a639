package io.sentimentstream.tools.produce;

import java.util.Locale;

/** How a file given to {@code produce} is read. */
public enum InputFormat {
    /** Decide from the name: {@code .jsonl}/{@code .json} as JSON lines, {@code .txt} as text, else a dataset. */
    AUTO,
    /** A dataset layout the trainer reads: CSV/CSV.gz, the aclImdb folder or tar.gz. */
    DATASET,
    /** One JSON review event per line. */
    JSONL,
    /** One plain-text review per line. */
    TEXT;

    /** The concrete format for a source name ({@code -} is standard input, read as text unless told). */
    public InputFormat resolve(String name) {
        if (this != AUTO) {
            return this;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jsonl") || lower.endsWith(".json") || lower.endsWith(".ndjson")) {
            return JSONL;
        }
        if (lower.equals("-") || lower.endsWith(".txt")) {
            return TEXT;
        }
        return DATASET;
    }
}
