package io.sentimentstream.core.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Word-to-id mapping of a trained model. Id {@value #PAD_ID} is padding and id {@value #OOV_ID}
 * stands for every word outside the vocabulary; real words start at 2, most frequent first.
 *
 * <p>Immutable and thread-safe. Serialised as one token per line in id order.
 */
public final class Vocabulary {

    /** Id of the padding token. */
    public static final int PAD_ID = 0;
    /** Id shared by all out-of-vocabulary words. */
    public static final int OOV_ID = 1;
    /** Line used for the padding token in the serialised form. */
    public static final String PAD_TOKEN = "<pad>";
    /** Line used for the out-of-vocabulary token in the serialised form. */
    public static final String OOV_TOKEN = "<unk>";

    private final List<String> tokens;
    private final Map<String, Integer> ids;
    private final CharTable table;

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        Map<String, Integer> map = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            if (map.putIfAbsent(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate token in vocabulary: " + tokens.get(i));
            }
        }
        this.ids = Collections.unmodifiableMap(map);
        this.table = new CharTable(this.tokens);
    }

    /** A vocabulary of the given words, in id order, after the two reserved ids. */
    public static Vocabulary of(List<String> words) {
        List<String> all = new ArrayList<>(words.size() + 2);
        all.add(PAD_TOKEN);
        all.add(OOV_TOKEN);
        all.addAll(words);
        return new Vocabulary(all);
    }

    /** Total number of ids, reserved ones included (the embedding's input size). */
    public int size() {
        return tokens.size();
    }

    /** The id of a token, or {@link #OOV_ID} when it is unknown. */
    public int idOf(String token) {
        Integer id = ids.get(token);
        return id == null || id == PAD_ID ? OOV_ID : id;
    }

    /**
     * {@link #idOf(String)} of the token held in {@code chars[0..length)}, without making a String
     * of it (the stream looks up every token of every review).
     */
    int idOf(char[] chars, int length) {
        int id = table.find(chars, length);
        return id < 0 || id == PAD_ID ? OOV_ID : id;
    }

    /** Whether the token has an id of its own. */
    public boolean contains(String token) {
        Integer id = ids.get(token);
        return id != null && id > OOV_ID;
    }

    /** The token with the given id. */
    public String tokenOf(int id) {
        return tokens.get(id);
    }

    /** Writes one token per line, in id order. */
    public void write(Writer out) throws IOException {
        for (String token : tokens) {
            out.write(token);
            out.write('\n');
        }
        out.flush();
    }

    /** Reads the form written by {@link #write(Writer)}, checking the reserved ids. */
    public static Vocabulary read(Reader in) throws IOException {
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            lines.add(line);
        }
        if (lines.size() < 2 || !PAD_TOKEN.equals(lines.get(0)) || !OOV_TOKEN.equals(lines.get(1))) {
            throw new IOException("vocabulary does not start with the reserved tokens "
                    + PAD_TOKEN + " and " + OOV_TOKEN);
        }
        return new Vocabulary(lines);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && tokens.equals(v.tokens);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tokens);
    }

    @Override
    public String toString() {
        return "Vocabulary[size=" + size() + "]";
    }
}
