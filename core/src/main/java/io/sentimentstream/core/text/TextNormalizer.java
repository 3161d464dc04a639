package io.sentimentstream.core.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns a raw review into the token sequence both the trainer and the stream use.
 *
 * <p>Steps, in order: HTML tags such as {@code <br />} become spaces and the common entities are
 * decoded; C1 control characters that are Windows-1252 punctuation mis-decoded in the IMDB data
 * are mapped back to their ASCII meaning; NFKC normalisation and lower-casing in the root locale;
 * then tokenisation into runs of letters/digits, where an apostrophe inside a word is kept so that
 * negations such as {@code don't} and {@code isn't} survive as one token. {@code !} and {@code ?}
 * are kept as tokens because they carry sentiment; other punctuation separates tokens.
 * Optionally, stop words are removed (negations are never stop words).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TextNormalizer {

    private static final Pattern HTML_TAG = Pattern.compile("<[^>]{0,200}>");
    private static final char[] EXCLAMATION = {'!'};
    private static final char[] QUESTION = {'?'};

    private final NormalizationSettings settings;

    /** Creates a normaliser with the given settings. */
    public TextNormalizer(NormalizationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The settings this normaliser applies. */
    public NormalizationSettings settings() {
        return settings;
    }

    /** Cleans the text (tags, entities, control characters, case) without tokenising it. */
    public String clean(String raw) {
        Objects.requireNonNull(raw, "text");
        String text = HTML_TAG.matcher(raw).replaceAll(" ");
        text = decodeEntities(text);
        text = mapWindows1252Controls(text);
        text = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return settings.lowercase() ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** The tokens of a raw review, after cleaning and (if configured) stop-word removal. */
    public List<String> tokenize(String raw) {
        String text = clean(raw);
        List<String> tokens = new ArrayList<>(Math.max(16, text.length() / 5));
        scan(text, (chars, length) -> {
            tokens.add(new String(chars, 0, length));
            return true;
        });
        return tokens;
    }

    /** Receives each token in turn from the tokeniser's buffer, valid only during the call. */
    @FunctionalInterface
    interface TokenSink {
        /** Takes the token {@code chars[0..length)}; false stops the scan. */
        boolean accept(char[] chars, int length);
    }

    /**
     * Cleans the raw review and hands its tokens, in order and after stop-word removal, to the
     * sink without making a String of each: the one tokeniser behind {@link #tokenize} and
     * {@link SequenceEncoder#encode(String, TextNormalizer)}.
     */
    void tokens(String raw, TokenSink sink) {
        scan(clean(raw), sink);
    }

    private void scan(String text, TokenSink sink) {
        char[] current = new char[32];
        int size = 0;
        int length = text.length();
        for (int i = 0; i < length; ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (size + 2 > current.length) {
                    current = Arrays.copyOf(current, current.length * 2);
                }
                size += Character.toChars(cp, current, size);
            } else if (isApostrophe(cp) && size > 0
                    && next < length && Character.isLetterOrDigit(text.codePointAt(next))) {
                // An apostrophe between two letters belongs to the word: don't, isn't, it's.
                if (size + 1 > current.length) {
                    current = Arrays.copyOf(current, current.length * 2);
                }
                current[size++] = '\'';
            } else {
                if (size > 0 && !emit(current, size, sink)) {
                    return;
                }
                size = 0;
                if (settings.keepExclamationAndQuestion() && (cp == '!' || cp == '?')
                        && !sink.accept(cp == '!' ? EXCLAMATION : QUESTION, 1)) {
                    return;
                }
            }
            i = next;
        }
        if (size > 0) {
            emit(current, size, sink);
        }
    }

    private boolean emit(char[] token, int length, TokenSink sink) {
        if (settings.removeStopWords() && StopWords.isStopWord(new String(token, 0, length))) {
            return true;
        }
        return sink.accept(token, length);
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '\u2019' || cp == '\u2018' || cp == '`';
    }

    private static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return text.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&nbsp;", " ");
    }

    /**
     * The IMDB files hold Windows-1252 punctuation decoded as Latin-1, which leaves C1 control
     * characters (U+0080-U+009F) in the text; mapping them back keeps "don\u0092t" one token.
     */
    private static String mapWindows1252Controls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u0080' && c <= '\u009f') {
                if (out == null) {
                    out = new StringBuilder(text.length());
                    out.append(text, 0, i);
                }
                out.append(windows1252(c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static String windows1252(char c) {
        return switch (c) {
            case '\u0085' -> "...";
            case '\u0091', '\u0092' -> "'";
            case '\u0093', '\u0094' -> "\"";
            case '\u0096', '\u0097' -> " - ";
            default -> " ";
        };
    }
}
