package io.sentimentstream.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bombs end in one clear line, not an OutOfMemoryError: generated on the fly and gzipped, so a
 * few hundred MB of content takes a few hundred KB on disk.
 */
class DatasetBoundsTest {

    private static final long MB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aHugeReviewInATarIsOneLineNamingTheEntry() throws IOException {
        Path archive = dir.resolve("bomb.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip(archive))) {
            addEntry(tar, "aclImdb/train/pos/1_10.txt", 300 * MB);
            addEntry(tar, "aclImdb/train/neg/2_1.txt", 10);
        }
        DatasetException e = assertThrows(DatasetException.class,
                () -> new DatasetReader(ReadOptions.labelled()).read(archive));
        assertTrue(e.getMessage().contains("aclImdb/train/pos/1_10.txt: larger than 1 MiB"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());

        Dataset skipped = new DatasetReader(ReadOptions.labelled().withSkipBadRecords(true)).read(archive);
        assertEquals(1, skipped.reviews().size());
        assertEquals(1, skipped.problems().size());
    }

    @Test
    void aHundredMegabyteCsvFieldIsOneLine() throws IOException {
        Path csv = dir.resolve("bomb.csv.gz");
        try (OutputStream out = gzip(csv)) {
            out.write("id,rating,label,text\na,1,neg,fine\nb,2,pos,\"".getBytes(StandardCharsets.UTF_8));
            writeRepeated(out, (byte) 'x', 100 * MB);
            out.write("\"\n".getBytes(StandardCharsets.UTF_8));
        }
        DatasetException e = assertThrows(DatasetException.class,
                () -> new DatasetReader(ReadOptions.labelled()).read(csv));
        assertTrue(e.getMessage().contains("line 3: a CSV field longer than 1,048,576 characters"), e.getMessage());
    }

    @Test
    void anUnquotedRunawayFieldIsCaughtToo() throws IOException {
        Path csv = dir.resolve("runaway.csv");
        Files.writeString(csv, "id,rating,label,text\na,1,neg," + "y".repeat(2_000));
        DatasetException e = assertThrows(DatasetException.class,
                () -> new DatasetReader(ReadOptions.labelled(), limits(1_000, 1 << 30, 100)).read(csv));
        assertTrue(e.getMessage().contains("a CSV field longer than 1,000 characters"), e.getMessage());
    }

    @Test
    void fieldsJustUnderTheBoundAndQuotedSeparatorsAreFine() throws IOException {
        Path csv = dir.resolve("edge.csv");
        String quotedCommas = "\"" + ",\n\"\"".repeat(240) + "\"";
        Files.writeString(csv, "id,rating,label,text\na,1,neg," + "z".repeat(1_000) + "\nb,1,pos," + quotedCommas
                + "\nc,1,pos,fine\n");
        Dataset data = new DatasetReader(ReadOptions.labelled(), limits(1_000, 1 << 30, 100)).read(csv);
        assertEquals(3, data.reviews().size());
    }

    @Test
    void aGzipBombIsOneLine() throws IOException {
        Path archive = dir.resolve("bomb.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip(archive))) {
            addEntry(tar, "aclImdb/train/pos/1_10.txt", 10);
            addEntry(tar, "aclImdb/train/labeledBow.feat", 8 * MB); // not a review: skipped, but unpacked
        }
        DatasetException e = assertThrows(DatasetException.class,
                () -> new DatasetReader(ReadOptions.labelled(), limits(1_000, 4 * MB, 100)).read(archive));
        assertTrue(e.getMessage().contains("decompresses to more than 4 MiB"), e.getMessage());

        Path csv = dir.resolve("bomb.csv.gz");
        try (OutputStream out = gzip(csv)) {
            out.write("id,rating,label,text\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 1_000_000; i++) {
                out.write("a,1,neg,fine\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        e = assertThrows(DatasetException.class,
                () -> new DatasetReader(ReadOptions.labelled(), limits(1_000, 4 * MB, 10_000_000)).read(csv));
        assertTrue(e.getMessage().contains("decompresses to more than 4 MiB"), e.getMessage());
    }

    @Test
    void tooManyRecordsIsOneLine() throws IOException {
        Path csv = dir.resolve("many.csv");
        Files.writeString(csv, "id,rating,label,text\n" + "a,1,neg,fine\n".repeat(11));
        DatasetException e = assertThrows(DatasetException.class,
                () -> new DatasetReader(ReadOptions.labelled(), limits(1_000, 1 << 30, 10)).read(csv));
        assertTrue(e.getMessage().contains("more than 10 records"), e.getMessage());
    }

    @Test
    void aHugeFileInAnAclImdbFolderIsABadRecord() throws IOException {
        Path pos = Files.createDirectories(dir.resolve("aclImdb/train/pos"));
        Files.writeString(pos.resolve("1_10.txt"), "fine");
        Files.write(pos.resolve("2_10.txt"), new byte[2_000]);
        DatasetException e = assertThrows(DatasetException.class,
                () -> new DatasetReader(ReadOptions.labelled(), limits(1_000, 1 << 30, 100)).read(dir.resolve("aclImdb")));
        assertTrue(e.getMessage().contains("2_10.txt: larger than 1,000 bytes"), e.getMessage());
    }

    @Test
    void theDefaultsAreFarAboveTheRealData() {
        assertEquals(MB, DatasetLimits.DEFAULT.maxTextBytes());
        assertTrue(DatasetLimits.DEFAULT.maxFieldChars() > 50 * 13_704, "longest IMDB review: 13,704 characters");
        assertTrue(DatasetLimits.DEFAULT.maxRecords() >= 40 * 50_000, "largest split: 50,000 reviews");
    }

    private static DatasetLimits limits(int maxTextAndField, long maxDecompressed, int maxRecords) {
        return new DatasetLimits(maxTextAndField, maxTextAndField, maxDecompressed, maxRecords);
    }

    private static OutputStream gzip(Path path) throws IOException {
        GzipParameters fast = new GzipParameters();
        fast.setCompressionLevel(Deflater.BEST_SPEED);
        return new GzipCompressorOutputStream(Files.newOutputStream(path), fast);
    }

    private static void addEntry(TarArchiveOutputStream tar, String name, long size) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        writeRepeated(tar, (byte) 'a', size);
        tar.closeArchiveEntry();
    }

    private static void writeRepeated(OutputStream out, byte value, long count) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, value);
        for (long left = count; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }
}
