package io.sentimentstream.core.text;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Maps tokens to ids with a vocabulary and cuts them to the maximum length. The result keeps its
 * true length; the Java engine never pads, and the trainer's DL4J batches pad only to the longest
 * sequence of a batch, so that a batch of short reviews is not padded to the maximum.
 */
public final class SequenceEncoder {

    private final Vocabulary vocabulary;
    private final EncodingSettings settings;

    /** An encoder for one vocabulary and one set of encoding settings. */
    public SequenceEncoder(Vocabulary vocabulary, EncodingSettings settings) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Characters of raw text kept per token the model reads. Real reviews spend about 6 characters
     * a token (HTML breaks and punctuation included), so 64 keeps every token the encoder would
     * keep of any text that is not mostly markup or symbols, while a text of megabytes costs no
     * more to normalise than a long review.
     */
    public static final int CHARS_PER_TOKEN = 64;

    /** The encoding settings applied. */
    public EncodingSettings settings() {
        return settings;
    }

    /** The most characters of raw text {@link #window} keeps. */
    public int windowChars() {
        return settings.maxLength() * CHARS_PER_TOKEN;
    }

    /**
     * The part of a raw review that normalisation needs: the last (or, when truncation keeps the
     * beginning, the first) {@link #windowChars()} characters. Cutting before normalising bounds
     * the cost per review by the model's length rather than by the text's; a surrogate pair on the
     * cut is never split.
     */
    public String window(String raw) {
        int max = windowChars();
        if (raw.length() <= max) {
            return raw;
        }
        if (settings.truncation() == EncodingSettings.Side.PRE) {
            int from = raw.length() - max;
            if (Character.isLowSurrogate(raw.charAt(from))) {
                from++;
            }
            return raw.substring(from);
        }
        int to = max;
        if (Character.isHighSurrogate(raw.charAt(to - 1))) {
            to--;
        }
        return raw.substring(0, to);
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

    /**
     * {@code encode(normalizer.tokenize(raw))} in one pass: tokens are looked up straight from the
     * tokeniser's buffer, no String or list is made per token, and when truncation keeps the
     * beginning the scan stops at the maximum length.
     */
    public int[] encode(String raw, TextNormalizer normalizer) {
        IdCollector ids = new IdCollector(vocabulary, settings.maxLength(),
                settings.truncation() == EncodingSettings.Side.PRE);
        normalizer.tokens(raw, ids);
        return ids.result();
    }

    /**
     * Collects the ids of one review: the first {@code max}, or (keeping the end) the last
     * {@code max} in a ring, so that a long review is never held whole.
     */
    private static final class IdCollector implements TextNormalizer.TokenSink {

        private final Vocabulary vocabulary;
        private final int max;
        private final boolean keepEnd;
        private int[] ids;
        private int count;

        IdCollector(Vocabulary vocabulary, int max, boolean keepEnd) {
            this.vocabulary = vocabulary;
            this.max = max;
            this.keepEnd = keepEnd;
            this.ids = new int[Math.min(max, 64)];
        }

        @Override
        public boolean accept(char[] chars, int length) {
            int id = vocabulary.idOf(chars, length);
            int n = count++;
            if (n >= max) {
                ids[n % max] = id; // only when keeping the end: the ring is full, overwrite the oldest
                return true;
            }
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, Math.min(max, ids.length * 2));
            }
            ids[n] = id;
            return keepEnd || n + 1 < max;
        }

        int[] result() {
            if (count == 0) {
                return new int[] {Vocabulary.OOV_ID};
            }
            if (count <= max) {
                return count == ids.length ? ids : Arrays.copyOf(ids, count);
            }
            // The ring holds the last max ids, the oldest at count % max.
            int[] result = new int[max];
            int oldest = count % max;
            System.arraycopy(ids, oldest, result, 0, max - oldest);
            System.arraycopy(ids, 0, result, max - oldest, oldest);
            return result;
        }
    }
}
