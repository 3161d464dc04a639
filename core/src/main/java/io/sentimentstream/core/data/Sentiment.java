package io.sentimentstream.core.data;

import java.util.Locale;
import java.util.Optional;

/** The two classes of the IMDB task, with the spellings the public dataset layouts use. */
public enum Sentiment {
    /** A negative review (1-4 stars). */
    NEG("neg"),
    /** A positive review (7-10 stars). */
    POS("pos");

    private final String label;

    Sentiment(String label) {
        this.label = label;
    }

    /** The canonical label, {@code neg} or {@code pos}. */
    public String label() {
        return label;
    }

    /** The class index in network output order (neg 0, pos 1). */
    public int index() {
        return ordinal();
    }

    /**
     * Parses {@code pos}/{@code neg}, {@code positive}/{@code negative} or {@code 1}/{@code 0},
     * ignoring case and surrounding spaces; empty when the value is none of these.
     */
    public static Optional<Sentiment> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "pos", "positive", "1" -> Optional.of(POS);
            case "neg", "negative", "0" -> Optional.of(NEG);
            default -> Optional.empty();
        };
    }
}
