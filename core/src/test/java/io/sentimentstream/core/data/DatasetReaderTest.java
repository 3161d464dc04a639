package io.sentimentstream.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

    private static final String IMDB_CSV = "id,rating,label,text\r\n"
            + "train_neg_0,2,neg,\"Awful, just \"\"awful\"\".<br />Skip it.\"\r\n"
            + "train_pos_1,9,pos,Loved it\r\n";

    @TempDir
    Path dir;

    private final DatasetReader reader = new DatasetReader(ReadOptions.labelled());

    @Test
    void readsImdbCsv() throws IOException {
        Dataset data = reader.read(write("train.csv", IMDB_CSV));
        assertEquals(DatasetFormat.CSV_IMDB, data.format());
        assertEquals(List.of(
                new Review("train_neg_0", "Awful, just \"awful\".<br />Skip it.", Sentiment.NEG, 2),
                new Review("train_pos_1", "Loved it", Sentiment.POS, 9)), data.reviews());
    }

    @Test
    void readsGzippedCsvWhateverItsName() throws IOException {
        Path gz = dir.resolve("train.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(IMDB_CSV.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(2, reader.read(gz).reviews().size());
    }

    @Test
    void readsKaggleCsv() throws IOException {
        Dataset data = reader.read(write("IMDB Dataset.csv",
                "review,sentiment\n\"Great, great film\",positive\nDull,negative\n"));
        assertEquals(DatasetFormat.CSV_KAGGLE, data.format());
        assertEquals(Sentiment.POS, data.reviews().get(0).label());
        assertEquals("Great, great film", data.reviews().get(0).text());
        assertEquals(Sentiment.NEG, data.reviews().get(1).label());
        assertNull(data.reviews().get(1).rating());
    }

    @Test
    void readsAclImdbFolder() throws IOException {
        Path root = dir.resolve("aclImdb");
        write("aclImdb/train/pos/10_8.txt", "Wonderful");
        write("aclImdb/train/pos/2_10.txt", "Superb");
        write("aclImdb/train/neg/5_1.txt", "Terrible");
        write("aclImdb/train/unsup/0_0.txt", "Unlabelled");
        write("aclImdb/test/pos/0_7.txt", "Test review");
        Dataset data = reader.read(root);
        assertEquals(DatasetFormat.ACLIMDB_FOLDER, data.format());
        assertEquals(List.of("train_neg_5", "train_pos_2", "train_pos_10"),
                data.reviews().stream().map(Review::id).toList());
        assertEquals(10, data.reviews().get(1).rating());
        assertTrue(data.movies().isEmpty(), "no urls files, no movies");
        // The test split, and unlabelled reviews on request.
        assertEquals(1, new DatasetReader(ReadOptions.labelled().withSplit("test")).read(root).reviews().size());
        Dataset withUnsup = new DatasetReader(ReadOptions.unlabelled()).read(root);
        assertEquals(4, withUnsup.reviews().size());
        assertTrue(withUnsup.reviews().stream().anyMatch(r -> !r.isLabelled()));
    }

    @Test
    void readsAclImdbTarGzAsAStream() throws IOException {
        Path archive = dir.resolve("aclImdb_v1.tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            addTarEntry(tar, "aclImdb/README", "readme");
            addTarEntry(tar, "aclImdb/train/pos/3_7.txt", "Good one");
            addTarEntry(tar, "aclImdb/train/neg/4_3.txt", "Bad one");
            addTarEntry(tar, "aclImdb/test/neg/9_2.txt", "Held out");
            addTarEntry(tar, "aclImdb/train/unsup/1_0.txt", "Unlabelled");
        }
        Dataset data = reader.read(archive);
        assertEquals(DatasetFormat.ACLIMDB_TAR_GZ, data.format());
        Map<String, Sentiment> labels = data.reviews().stream().collect(Collectors.toMap(Review::id, Review::label));
        assertEquals(Map.of("train_pos_3", Sentiment.POS, "train_neg_4", Sentiment.NEG), labels);
    }

    @Test
    void aclImdbUrlsFilesNameEachReviewsMovieByLine() throws IOException {
        write("aclImdb/train/pos/0_8.txt", "Wonderful");
        write("aclImdb/train/pos/1_10.txt", "Superb");
        write("aclImdb/train/neg/0_1.txt", "Terrible");
        write("aclImdb/train/urls_pos.txt", "http://www.imdb.com/title/tt0453418/usercomments\n"
                + "http://www.imdb.com/title/tt0064354/usercomments\n");
        write("aclImdb/train/urls_neg.txt", "http://www.imdb.com/title/tt0453418/usercomments\n");
        ReviewMovies movies = reader.read(dir.resolve("aclImdb")).movies();
        assertEquals("tt0453418", movies.movieOf("train_pos_0"));
        assertEquals("tt0064354", movies.movieOf("train_pos_1"));
        assertEquals("tt0453418", movies.movieOf("train_neg_0"));

        Path archive = dir.resolve("aclImdb_v1.tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            addTarEntry(tar, "aclImdb/train/pos/0_7.txt", "Good one");
            addTarEntry(tar, "aclImdb/train/urls_pos.txt", "http://www.imdb.com/title/tt0000042/usercomments\n");
            addTarEntry(tar, "aclImdb/test/urls_pos.txt", "http://www.imdb.com/title/tt0000099/usercomments\n");
        }
        assertEquals("tt0000042", reader.read(archive).movies().movieOf("train_pos_0"));
    }

    @Test
    void moviesCsvIsReadGzippedOrNot() throws IOException {
        Path csv = write("movies.csv", "id,movie\ntrain_neg_0,tt0064354\ntrain_pos_3,tt0100680\n");
        ReviewMovies movies = ReviewMovies.read(csv);
        assertEquals("tt0100680", movies.movieOf("train_pos_3"));
        assertNull(movies.movieOf("train_pos_4"));
        assertEquals("movies.csv", movies.source());
        Path bad = write("bad.csv", "review,film\n");
        assertThrows(DatasetException.class, () -> ReviewMovies.read(bad));
    }

    @Test
    void sharedMoviesFileCoversEveryTrainingReview() {
        ReviewMovies movies = ReviewMovies.read(SharedData.require("imdb/train-movies.csv.gz"));
        List<Review> reviews = new DatasetReader(ReadOptions.labelled()).read(SharedData.trainCsv()).reviews();
        assertTrue(reviews.stream().allMatch(r -> movies.movieOf(r.id()) != null));
    }

    @Test
    void missingFileIsAClearError() {
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(dir.resolve("absent.csv")));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void unreadableArchiveIsAClearError() throws IOException {
        Path archive = write("aclImdb_v1.tar.gz", "this is not gzip");
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(archive));
        assertTrue(e.getMessage().contains("unreadable archive"), e.getMessage());
    }

    @Test
    void rowWithWrongFieldCountNamesItsLine() throws IOException {
        Path csv = write("bad.csv", "id,rating,label,text\r\na,1,neg,fine\r\nb,2,neg\r\n");
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(csv));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 4 fields"), e.getMessage());
    }

    @Test
    void brokenQuotingIsAClearError() throws IOException {
        Path csv = write("quotes.csv", "id,rating,label,text\na,1,neg,\"ok\"x\n");
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(csv));
        assertTrue(e.getMessage().contains("malformed CSV"), e.getMessage());
    }

    @Test
    void emptyTextAndUnknownLabelAreBadRecords() throws IOException {
        Path empty = write("empty.csv", "id,rating,label,text\na,1,neg,\"  \"\n");
        assertTrue(assertThrows(DatasetException.class, () -> reader.read(empty)).getMessage().contains("empty review text"));
        Path unknown = write("unknown.csv", "id,rating,label,text\na,1,meh,text\n");
        assertTrue(assertThrows(DatasetException.class, () -> reader.read(unknown)).getMessage().contains("unknown label 'meh'"));
        Path missing = write("missing.csv", "id,rating,label,text\na,,,text\n");
        assertTrue(assertThrows(DatasetException.class, () -> reader.read(missing)).getMessage().contains("missing label"));
    }

    @Test
    void badRecordsCanBeSkippedAndCounted() throws IOException {
        Path csv = write("mixed.csv", "id,rating,label,text\na,1,neg,bad film\nb,1,meh,x\nc,1,pos,\nd,9,pos,good film\ne,1\n");
        Dataset data = new DatasetReader(ReadOptions.labelled().withSkipBadRecords(true)).read(csv);
        assertEquals(List.of("a", "d"), data.reviews().stream().map(Review::id).toList());
        assertEquals(3, data.skipped());
        assertTrue(data.problems().get(0).contains("line 3"), data.problems().get(0));
    }

    @Test
    void unknownHeaderListsTheAcceptedLayouts() throws IOException {
        Path csv = write("other.csv", "foo,bar\n1,2\n");
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(csv));
        assertTrue(e.getMessage().contains("review,sentiment"), e.getMessage());
    }

    @Test
    void invalidUtf8IsAClearError() throws IOException {
        Path csv = dir.resolve("latin1.csv");
        Files.write(csv, "id,rating,label,text\na,1,neg,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(csv));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void readsTheSharedTrainingSplit() {
        Dataset data = reader.read(SharedData.trainCsv());
        assertEquals(25_000, data.reviews().size());
        assertEquals(12_500, data.reviews().stream().filter(r -> r.label() == Sentiment.POS).count());
        assertEquals(0, data.skipped());
    }

    private Path write(String relative, String content) throws IOException {
        Path path = dir.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }

    private static void addTarEntry(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
