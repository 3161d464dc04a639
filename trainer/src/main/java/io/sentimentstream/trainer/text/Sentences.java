package io.sentimentstream.trainer.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a raw review into sentences: after {@code .}, {@code !} or {@code ?} followed by space,
 * and at HTML line breaks (IMDB reviews mark paragraphs with {@code <br />}). Crude on
 * abbreviations ("Mr. Smith"), which is harmless for its two uses: short training crops and
 * short evaluation texts.
 */
public final class Sentences {

    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])\\s+|\\n+");

    private Sentences() {
    }

    /** The non-blank sentences of {@code raw}, trimmed, in order. */
    public static List<String> split(String raw) {
        List<String> sentences = new ArrayList<>();
        for (String part : BOUNDARY.split(LINE_BREAK.matcher(raw).replaceAll("\n"))) {
            String sentence = part.strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }
}
