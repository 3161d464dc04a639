package io.sentimentstream.core.model;

import java.util.Locale;

/** Which inference engine a {@link SentimentModel} scores with. */
public enum ScoringEngine {
    /** The fastest engine that supports the bundle's network: {@link #JAVA} when it can, else {@link #DL4J}. */
    AUTO,
    /** The DL4J network itself ({@link Dl4jScorer}). */
    DL4J,
    /** The plain-Java LSTM ({@link JavaLstmScorer}); fails for networks of another shape. */
    JAVA;

    /** Parses a name case-insensitively ({@code auto}, {@code dl4j}, {@code java}). */
    public static ScoringEngine parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scoring engine '" + name + "' (expected auto, dl4j or java)", e);
        }
    }
}
