package io.sentimentstream.core.model;

import java.util.Locale;

/**
 * Which inference engine a {@link SentimentModel} scores with. Serving has one engine, the plain-Java
 * LSTM ({@link JavaLstmScorer}); the DL4J network is the trainer's (its {@code benchmark} and
 * {@code evaluate} compare the two).
 */
public enum ScoringEngine {
    /** The fastest engine: the Java engine with the fastest kernel this JVM runs. */
    AUTO,
    /** The plain-Java LSTM ({@link JavaLstmScorer}). */
    JAVA;

    /** Parses a name case-insensitively ({@code auto}, {@code java}). */
    public static ScoringEngine parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scoring engine '" + name + "' (expected auto or java)", e);
        }
    }
}
