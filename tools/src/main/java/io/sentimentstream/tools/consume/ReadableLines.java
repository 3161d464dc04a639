package io.sentimentstream.tools.consume;

import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ScoredReview;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Turns records of the output topics into one readable terminal line each. */
public final class ReadableLines {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private ReadableLines() {
    }

    /**
     * A scored review: a mark (✔ right, ✘ wrong, · no label), sentiment, probability of
     * positive, the true label when known, the id, and a snippet of the text when given.
     */
    public static String scored(ScoredReview review, String text) {
        String mark = review.correct() == null ? "·" : review.correct() ? "✔" : "✘";
        String label = review.label() == null ? "     " : "[" + review.label().label() + "]";
        String snippet = text == null ? "" : "  \"" + snippet(text, 70) + "\"";
        return String.format(Locale.ROOT, "%s %s %.2f %s %-16s%s", mark, review.sentiment().label(),
                review.probability(), label, review.id(), snippet);
    }

    /** A metrics snapshot: accuracy over the labelled reviews, counts and the window. */
    public static String metrics(MetricsSnapshot m) {
        String scope = m.kind() == MetricsSnapshot.Kind.CUMULATIVE ? "since start"
                : "window " + TIME.format(m.windowStart()) + "-" + TIME.format(m.windowEnd())
                        + (m.closed() ? " (closed)" : "");
        String accuracy = m.accuracy() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", m.accuracy());
        String f1 = m.f1() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", m.f1());
        return String.format(Locale.ROOT, "accuracy %s  F1 %s  over %,d labelled of %,d scored, %s, positive rate "
                        + "%.2f  [%s %s]", accuracy, f1, m.labelledCount(), m.count(), scope, m.positiveRate(),
                m.model().name(), m.model().version());
    }

    /** A dead letter: the reason headers and a snippet of the original value. */
    public static String deadLetter(String key, byte[] value, Headers headers) {
        StringBuilder line = new StringBuilder("dead letter ").append(key == null ? "(no key)" : key);
        for (Header header : headers) {
            if (header.key().startsWith("__streams.errors.message") || header.key().startsWith("sentiment.errors")) {
                line.append("  ").append(header.key().replace("__streams.errors.", "")).append('=')
                        .append(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        String original = value == null ? "(null)" : new String(value, StandardCharsets.UTF_8);
        return line.append("  value \"").append(snippet(original, 60)).append('"').toString();
    }

    static String snippet(String text, int max) {
        String flat = text.replaceAll("<br\\s*/?>", " ").replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
