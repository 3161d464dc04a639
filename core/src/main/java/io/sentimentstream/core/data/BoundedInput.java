package io.sentimentstream.core.data;

import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Locale;

/**
 * Reading that stops at a {@link DatasetLimits} bound with a {@link DatasetException} naming the
 * file and the bound, before the excess is held in memory.
 */
final class BoundedInput {

    private BoundedInput() {
    }

    /** Everything {@code in} holds, or {@code null} when it holds more than {@code max} bytes (nothing more is read). */
    static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        return bytes.length > max ? null : bytes;
    }

    /** {@code in}, failing once more than {@code max} bytes have come out of it (what a gzip stream unpacks to). */
    static InputStream decompressedAtMost(InputStream in, long max, String source) {
        return new FilterInputStream(in) {
            private long total;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                count(skipped);
                return skipped;
            }

            private void count(long n) {
                total += n;
                if (total > max) {
                    throw new DatasetException(source + ": decompresses to more than " + size(max)
                            + " (a compression bomb?); the largest public IMDB form unpacks to well under 1 GB");
                }
            }
        };
    }

    /**
     * {@code in}, failing as soon as one CSV field (RFC 4180: commas and line breaks outside quotes
     * end it) grows past {@code maxChars}, so the parser never buffers it.
     */
    static Reader csvFieldsAtMost(Reader in, int maxChars, String source) {
        return new FilterReader(in) {
            private boolean quoted;
            private int fieldLength;
            private long line = 1;

            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c >= 0) {
                    see((char) c);
                }
                return c;
            }

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                for (int i = 0; i < n; i++) {
                    see(buffer[offset + i]);
                }
                return n;
            }

            private void see(char c) {
                if (c == '\n') {
                    line++;
                }
                if (c == '"') {
                    quoted = !quoted; // an escaped "" toggles twice
                } else if (!quoted && (c == ',' || c == '\n' || c == '\r')) {
                    fieldLength = 0;
                    return;
                }
                if (++fieldLength > maxChars) {
                    throw new DatasetException(source + " line " + line + ": a CSV field longer than "
                            + String.format(Locale.ROOT, "%,d", maxChars) + " characters (reviews are far shorter;"
                            + " an unclosed quote?)");
                }
            }
        };
    }

    /** A byte count as people read it: {@code 1 MiB}, {@code 2 GiB}. */
    static String size(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }
}
