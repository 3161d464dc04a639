package io.sentimentstream.streams.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HoppingWindowsTest {

    @Test
    void tumblingWindowsHoldEachTimestampOnce() {
        HoppingWindows windows = new HoppingWindows(60, 60);
        assertEquals(List.of(0L), windows.startsFor(0));
        assertEquals(List.of(0L), windows.startsFor(59));
        assertEquals(List.of(60L), windows.startsFor(60));
        assertEquals(List.of(120L), windows.startsFor(179));
    }

    @Test
    void hoppingWindowsHoldEachTimestampSizeOverAdvanceTimes() {
        HoppingWindows windows = new HoppingWindows(60, 20);
        assertEquals(List.of(20L, 40L, 60L), windows.startsFor(65));
        assertEquals(List.of(20L, 40L, 60L), windows.startsFor(60));
        assertEquals(List.of(0L, 20L, 40L), windows.startsFor(59));
    }

    @Test
    void noWindowStartsBeforeTheEpoch() {
        assertEquals(List.of(0L), new HoppingWindows(60, 20).startsFor(10));
    }

    @Test
    void anAdvanceLargerThanTheSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HoppingWindows(10, 20));
        assertThrows(IllegalArgumentException.class, () -> new HoppingWindows(0, 0));
    }
}
