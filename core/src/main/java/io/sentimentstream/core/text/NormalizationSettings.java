package io.sentimentstream.core.text;

/**
 * How raw text becomes tokens. Stored in every model bundle so that serving normalises exactly
 * as training did.
 *
 * @param lowercase                  lower-case the text (root locale)
 * @param removeStopWords            drop common English function words (negations are kept)
 * @param keepExclamationAndQuestion keep {@code !} and {@code ?} as tokens
 */
public record NormalizationSettings(boolean lowercase, boolean removeStopWords,
                                    boolean keepExclamationAndQuestion) {

    /** The defaults: lower-case, keep stop words, keep {@code !} and {@code ?}. */
    public static NormalizationSettings defaults() {
        return new NormalizationSettings(true, false, true);
    }

    /** A copy with stop-word removal switched on or off. */
    public NormalizationSettings withRemoveStopWords(boolean remove) {
        return new NormalizationSettings(lowercase, remove, keepExclamationAndQuestion);
    }
}
