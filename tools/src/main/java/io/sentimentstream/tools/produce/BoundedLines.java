package io.sentimentstream.tools.produce;

import io.sentimentstream.core.data.DatasetException;
import java.io.IOException;
import java.io.Reader;
import java.util.Locale;

/**
 * The lines of a reader (ended by LF, CR LF or CR, as {@link java.io.BufferedReader#readLine()}
 * ends them), each at most {@link #MAX_LINE_CHARS} long: a longer one fails with one line naming
 * it, before it fills the heap ({@code readLine} would hold all of it).
 */
final class BoundedLines {

    /** 8 Mi characters: a JSON line of the longest review, escaped, is a few tens of KB. */
    static final int MAX_LINE_CHARS = 8 << 20;

    private final Reader in;
    private final int maxChars;
    private final String source;
    private long number;
    private boolean skipLineFeed;

    BoundedLines(Reader in, int maxChars, String source) {
        this.in = in;
        this.maxChars = maxChars;
        this.source = source;
    }

    /** The next line without its line break, or {@code null} at the end. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') {
                    continue;
                }
            }
            if (c < 0) {
                return line.length() > 0 ? end(line) : null;
            }
            if (c == '\n' || c == '\r') {
                skipLineFeed = c == '\r';
                return end(line);
            }
            if (line.length() == maxChars) {
                throw new DatasetException(source + " line " + (number + 1) + ": longer than "
                        + String.format(Locale.ROOT, "%,d", maxChars) + " characters");
            }
            line.append((char) c);
        }
    }

    private String end(StringBuilder line) {
        number++;
        return line.toString();
    }
}
