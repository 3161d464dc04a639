package io.sentimentstream.tools.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.DatasetException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReviewSourceTest {

    /** {@code head}, then {@code count} bytes of {@code x} made on the fly, then a line break. */
    private static InputStream hugeLineAfter(String head, long count) {
        InputStream body = new InputStream() {
            private long left = count;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        return new SequenceInputStream(new SequenceInputStream(
                new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)), body),
                new ByteArrayInputStream("\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aHundredMegabyteTextLineIsOneClearError() {
        DatasetException e = assertThrows(DatasetException.class, () -> new ReviewSource(false, "train")
                .read("-", InputFormat.TEXT, hugeLineAfter("a fine review\n", 100L << 20)));
        assertTrue(e.getMessage().contains("line 2: longer than 8,388,608 characters"), e.getMessage());
    }

    @Test
    void aHundredMegabyteJsonLineIsOneClearError() {
        DatasetException e = assertThrows(DatasetException.class, () -> new ReviewSource(true, "train")
                .read("-", InputFormat.JSONL, hugeLineAfter("{\"text\":\"ok\"}\n{\"text\":\"", 100L << 20)));
        assertTrue(e.getMessage().contains("line 2: longer than 8,388,608 characters"), e.getMessage());
    }

    @Test
    void ordinaryLinesAreRead() throws Exception {
        ReviewSource.Loaded loaded = new ReviewSource(false, "train").read("-", InputFormat.TEXT,
                new ByteArrayInputStream("one\r\n\ntwo\nthree".getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, loaded.reviews().size());
        assertEquals("two", loaded.reviews().get(1).value());
        assertEquals("line-4", loaded.reviews().get(2).key());
    }
}
