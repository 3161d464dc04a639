package io.sentimentstream.tools.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void escapeSequencesAndBellBecomeVisibleText() {
        assertEquals("\\u001b]0;pwned\\u0007 \\u001b[2J ok", TerminalText.safe("\u001b]0;pwned\u0007 \u001b[2J ok"));
    }

    @Test
    void c1ControlsDelAndBidiOverridesAreEscaped() {
        assertEquals("\\u009b2J \\u0085 \\u007f \\u202eevil\\u202c", TerminalText.safe("\u009b2J \u0085 \u007f \u202eevil\u202c"));
    }

    @Test
    void lineBreaksAndTabsBecomeSpacesSoARecordStaysOneLine() {
        assertEquals("a b c d", TerminalText.safe("a\nb\tc\rd"));
    }

    @Test
    void ordinaryTextIsUnchanged() {
        String text = "✔ pos 0.98 [pos] r1 \"Très bien — 好, ünïcødé 😀\"";
        assertEquals(text, TerminalText.safe(text));
    }

    @Test
    void valueSafeForTheTerminalIsStillTheSameJson() throws Exception {
        String json = "{\"id\":\"x\u009b\u007f\",\n \"text\":\"\u202e\\u001b[2J\"}";
        String safe = TerminalText.safe(json);
        assertFalse(safe.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL), safe);
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(mapper.readTree(json), mapper.readTree(safe));
    }

    @Test
    void isIdempotent() {
        String once = TerminalText.safe("\u001b[31mred\u0007");
        assertEquals(once, TerminalText.safe(once));
    }
}
