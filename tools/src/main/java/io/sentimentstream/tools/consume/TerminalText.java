package io.sentimentstream.tools.consume;

/**
 * Makes text from a topic safe to print on a terminal: anyone who can write to a topic could
 * otherwise retitle the window, clear the screen or reorder what is shown (ESC and C1 control
 * sequences, BEL, bidirectional overrides). Such characters become visible {@code \}{@code uXXXX}
 * escapes; line breaks and tabs become spaces, so one record stays one line. The result of a JSON
 * value is the same JSON: the escapes only stand where raw control characters stood, inside
 * strings (anywhere else they are not JSON), and the spaces only where whitespace stood.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} with every control, bidi-control and line-separator character made harmless. */
    public static String safe(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static String replacement(char c) {
        if (c == '\n' || c == '\r' || c == '\t') {
            return " ";
        }
        if (Character.getType(c) == Character.CONTROL || isBidiControl(c) || c == '\u2028' || c == '\u2029') {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }

    private static boolean isBidiControl(char c) {
        return c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
