package io.sentimentstream.core.text;

import java.util.List;
import java.util.Objects;

/**
 * Maps tokens to ids with a vocabulary and cuts them to the maximum length. The result keeps its
 * true length; padding happens only when sequences are stacked into a batch
 * ({@link EncodedBatch}), so that a batch of short reviews is not padded to the maximum.
 */
public final class SequenceEncoder {

    private final Vocabulary vocabulary;
    private final EncodingSettings settings;

    /** An encoder for one vocabulary and one set of encoding settings. */
    public SequenceEncoder(Vocabulary vocabulary, EncodingSettings settings) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The encoding settings applied. */
    public EncodingSettings settings() {
        return settings;
    }

    /**
     * The ids of the tokens, truncated to the maximum length on the configured side. An empty
     * token list encodes as a single out-of-vocabulary id so that every review can be scored.
     */
    public int[] encode(List<String> tokens) {
        int n = tokens.size();
        if (n == 0) {
            return new int[] {Vocabulary.OOV_ID};
        }
        int keep = Math.min(n, settings.maxLength());
        int from = settings.truncation() == EncodingSettings.Side.PRE ? n - keep : 0;
        int[] ids = new int[keep];
        for (int i = 0; i < keep; i++) {
            ids[i] = vocabulary.idOf(tokens.get(from + i));
        }
        return ids;
    }
}
