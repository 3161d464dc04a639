package io.sentimentstream.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The untrusted-archive reader's caps: per entry, and over all entries together. */
class BoundedZipTest {

    private static final Map<String, Long> CAPS = Map.of("a", 100L, "b", 100L, "c", 100L);

    private static byte[] archive(int... sizes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String[] names = {"a", "b", "c"};
        for (int i = 0; i < sizes.length; i++) {
            entries.put(names[i], new byte[sizes[i]]);
        }
        return BoundedZip.write(entries);
    }

    @Test
    void entriesWithinTheirCapsAndTheTotalAreRead() throws IOException {
        Map<String, byte[]> read = BoundedZip.read(new ByteArrayInputStream(archive(100, 100, 50)), CAPS, 250);
        assertEquals(3, read.size());
        assertArrayEquals(new byte[50], read.get("c"));
    }

    @Test
    void entriesEachWithinTheirCapButTogetherAboveTheTotalAreRefused() throws IOException {
        BoundedZip.RefusedException e = assertThrows(BoundedZip.RefusedException.class,
                () -> BoundedZip.read(new ByteArrayInputStream(archive(100, 100, 51)), CAPS, 250));
        assertTrue(e.getMessage().contains("larger than the 250 bytes allowed in all"), e.getMessage());
    }

    @Test
    void anEntryAboveItsOwnCapIsNamed() throws IOException {
        BoundedZip.RefusedException e = assertThrows(BoundedZip.RefusedException.class,
                () -> BoundedZip.read(new ByteArrayInputStream(archive(101)), CAPS, 1_000));
        assertTrue(e.getMessage().contains("entry a is larger than the 100 bytes allowed"), e.getMessage());
    }
}
