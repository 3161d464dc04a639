package io.sentimentstream.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the IMDB dataset in its public layouts (see {@link DatasetFormat}), recognised from the
 * path: a folder, a {@code .tar.gz}/{@code .tgz}/{@code .tar} archive, or a CSV file (gzip
 * detected from its content) whose header tells which CSV layout it is.
 *
 * <p>Bad records (a row with the wrong number of fields, an empty text, an unknown label, a file
 * name without an id) fail the read with the line or entry named, or are skipped and reported in
 * {@link Dataset#problems()} when {@link ReadOptions#skipBadRecords()} is set. A CSV file whose
 * quoting is broken cannot be resynchronised and always fails.
 *
 * <p>Input is bounded ({@link DatasetLimits}): a review file over 1 MiB is a bad record; a CSV
 * field over 1,048,576 characters, a gzip stream unpacking to over 2 GiB or more than 2,000,000
 * records fail the read with one line, before the excess is held in memory.
 */
public final class DatasetReader {

    private static final Pattern ACL_ENTRY =
            Pattern.compile("(?:^|/)(train|test)/(pos|neg|unsup)/(\\d+)_(\\d+)\\.txt$");
    private static final Pattern ACL_FILE = Pattern.compile("(\\d+)_(\\d+)\\.txt");

    private final ReadOptions options;
    private final DatasetLimits limits;

    /** A reader with the given options. */
    public DatasetReader(ReadOptions options) {
        this(options, DatasetLimits.DEFAULT);
    }

    DatasetReader(ReadOptions options, DatasetLimits limits) {
        this.options = options;
        this.limits = limits;
    }

    /** Reads every review at {@code path}. */
    public Dataset read(Path path) {
        if (!Files.exists(path)) {
            throw new DatasetException("dataset not found: " + path.toAbsolutePath());
        }
        if (!Files.isReadable(path)) {
            throw new DatasetException("dataset is not readable: " + path.toAbsolutePath());
        }
        if (Files.isDirectory(path)) {
            return readFolder(path);
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar")) {
            return readTar(path, !name.endsWith(".tar"));
        }
        return readCsv(path);
    }

    // ---------------------------------------------------------------- CSV

    private Dataset readCsv(Path path) {
        try (InputStream in = openMaybeGzip(path);
             Reader reader = BoundedInput.csvFieldsAtMost(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT)
                     .onUnmappableCharacter(CodingErrorAction.REPORT)), limits.maxFieldChars(), path.toString());
             CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build().parse(reader)) {
            Iterator<CSVRecord> rows = parser.iterator();
            if (!rows.hasNext()) {
                throw new DatasetException(path + ": the file is empty (expected a CSV header)");
            }
            CsvLayout layout = detectLayout(rows.next(), path);
            List<Review> reviews = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            while (true) {
                CSVRecord row;
                try {
                    if (!rows.hasNext()) {
                        break;
                    }
                    row = rows.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    if (isEncodingError(e)) {
                        throw new DatasetException(path + ": not valid UTF-8 text after line "
                                + parser.getCurrentLineNumber(), e);
                    }
                    throw new DatasetException(path + ": malformed CSV after line "
                            + parser.getCurrentLineNumber() + ": " + rootMessage(e), e);
                }
                String where = path.getFileName() + " line " + parser.getCurrentLineNumber();
                admit(reviews, problems, path);
                try {
                    reviews.add(layout.toReview(row));
                } catch (BadRecord e) {
                    reject(where + ": " + e.getMessage(), problems);
                }
            }
            return new Dataset(path.toString(), layout.format(), List.copyOf(reviews), List.copyOf(problems));
        } catch (UncheckedIOException e) {
            if (isEncodingError(e)) {
                throw new DatasetException(path + ": not valid UTF-8 text", e);
            }
            throw new DatasetException(path + ": cannot be read: " + rootMessage(e), e);
        } catch (CharacterCodingException e) {
            throw new DatasetException(path + ": not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new DatasetException(path + ": cannot be read (" + rootMessage(e) + ")", e);
        }
    }

    /** The two CSV layouts and how their rows become reviews. */
    private final class CsvLayout {
        private final DatasetFormat format;
        private final int id;
        private final int rating;
        private final int label;
        private final int text;
        private final int fields;

        private CsvLayout(DatasetFormat format, int id, int rating, int label, int text, int fields) {
            this.format = format;
            this.id = id;
            this.rating = rating;
            this.label = label;
            this.text = text;
            this.fields = fields;
        }

        DatasetFormat format() {
            return format;
        }

        Review toReview(CSVRecord row) {
            if (row.size() != fields) {
                throw new BadRecord("expected " + fields + " fields but found " + row.size());
            }
            String reviewId = id >= 0 && !row.get(id).isBlank() ? row.get(id) : "line-" + row.getRecordNumber();
            Integer stars = null;
            if (rating >= 0 && !row.get(rating).isBlank()) {
                try {
                    stars = Integer.valueOf(row.get(rating).trim());
                } catch (NumberFormatException e) {
                    throw new BadRecord("rating is not a number: '" + row.get(rating) + "'");
                }
            }
            return review(reviewId, row.get(text), row.get(label), stars);
        }
    }

    private CsvLayout detectLayout(CSVRecord header, Path path) {
        List<String> names = new ArrayList<>();
        for (String name : header) {
            names.add(name.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT));
        }
        if (names.contains("text") && names.contains("label")) {
            return new CsvLayout(DatasetFormat.CSV_IMDB, names.indexOf("id"), names.indexOf("rating"),
                    names.indexOf("label"), names.indexOf("text"), names.size());
        }
        if (names.contains("review") && names.contains("sentiment")) {
            return new CsvLayout(DatasetFormat.CSV_KAGGLE, -1, -1,
                    names.indexOf("sentiment"), names.indexOf("review"), names.size());
        }
        throw new DatasetException(path + ": unknown CSV header " + names
                + "; expected id,rating,label,text or review,sentiment");
    }

    // ---------------------------------------------------------------- aclImdb folder and archive

    private Dataset readFolder(Path path) {
        Path splitDir = path;
        if (Files.isDirectory(path.resolve(options.split()))) {
            splitDir = path.resolve(options.split());
        } else if (Files.isDirectory(path.resolve("aclImdb").resolve(options.split()))) {
            splitDir = path.resolve("aclImdb").resolve(options.split());
        }
        if (!Files.isDirectory(splitDir.resolve("pos")) && !Files.isDirectory(splitDir.resolve("neg"))
                && !(options.includeUnsup() && Files.isDirectory(splitDir.resolve("unsup")))) {
            throw new DatasetException(path + ": not an aclImdb folder (expected "
                    + options.split() + "/pos and " + options.split() + "/neg, or pos/ and neg/)");
        }
        List<Review> reviews = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String cls : classFolders()) {
            Path dir = splitDir.resolve(cls);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            Map<Long, Path> files = new TreeMap<>();
            try (Stream<Path> list = Files.list(dir)) {
                for (Path file : (Iterable<Path>) list.sorted(Comparator.naturalOrder())::iterator) {
                    Matcher m = ACL_FILE.matcher(file.getFileName().toString());
                    if (!m.matches()) {
                        reject(file + ": not a <id>_<rating>.txt review file", problems);
                        continue;
                    }
                    files.put(Long.parseLong(m.group(1)), file);
                }
            } catch (IOException e) {
                throw new DatasetException(dir + ": cannot be listed (" + rootMessage(e) + ")", e);
            }
            for (Map.Entry<Long, Path> file : files.entrySet()) {
                Matcher m = ACL_FILE.matcher(file.getValue().getFileName().toString());
                m.matches();
                admit(reviews, problems, path);
                try (InputStream in = Files.newInputStream(file.getValue())) {
                    String text = reviewText(in);
                    reviews.add(aclReview(options.split(), cls, m.group(1), m.group(2), text));
                } catch (BadRecord e) {
                    reject(file.getValue() + ": " + e.getMessage(), problems);
                } catch (IOException e) {
                    throw new DatasetException(file.getValue() + ": cannot be read (" + rootMessage(e) + ")", e);
                }
            }
        }
        return new Dataset(path.toString(), DatasetFormat.ACLIMDB_FOLDER, List.copyOf(reviews), List.copyOf(problems));
    }

    private Dataset readTar(Path path, boolean gzip) {
        List<Review> reviews = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
             InputStream body = gzip ? BoundedInput.decompressedAtMost(new GzipCompressorInputStream(file),
                     limits.maxDecompressedBytes(), path.toString()) : file;
             TarArchiveInputStream tar = new TarArchiveInputStream(body)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                Matcher m = ACL_ENTRY.matcher(entry.getName());
                if (!m.find() || !m.group(1).equals(options.split())) {
                    continue;
                }
                String cls = m.group(2);
                if (cls.equals("unsup") && !options.includeUnsup()) {
                    continue;
                }
                admit(reviews, problems, path);
                try {
                    String text = reviewText(tar);
                    reviews.add(aclReview(m.group(1), cls, m.group(3), m.group(4), text));
                } catch (BadRecord e) {
                    reject(path.getFileName() + "!" + entry.getName() + ": " + e.getMessage(), problems);
                }
            }
        } catch (IOException e) {
            throw new DatasetException(path + ": unreadable archive (" + rootMessage(e)
                    + "); expected aclImdb_v1.tar.gz or a tar of the aclImdb folder", e);
        }
        if (reviews.isEmpty() && problems.isEmpty()) {
            throw new DatasetException(path + ": the archive holds no aclImdb/" + options.split()
                    + "/{pos,neg} review files");
        }
        return new Dataset(path.toString(), DatasetFormat.ACLIMDB_TAR_GZ, List.copyOf(reviews), List.copyOf(problems));
    }

    private List<String> classFolders() {
        return options.includeUnsup() ? List.of("neg", "pos", "unsup") : List.of("neg", "pos");
    }

    private Review aclReview(String split, String cls, String number, String rating, String text) {
        String label = cls.equals("unsup") ? "" : cls;
        Integer stars = cls.equals("unsup") ? null : Integer.valueOf(rating);
        return review(split + "_" + cls + "_" + number, text, label, stars);
    }

    // ---------------------------------------------------------------- shared

    private Review review(String id, String text, String label, Integer rating) {
        if (text == null || text.isBlank()) {
            throw new BadRecord("empty review text");
        }
        Sentiment sentiment = null;
        if (label != null && !label.isBlank()) {
            Optional<Sentiment> parsed = Sentiment.parse(label);
            if (parsed.isEmpty()) {
                throw new BadRecord("unknown label '" + label + "' (expected pos/neg, positive/negative or 1/0)");
            }
            sentiment = parsed.get();
        } else if (options.requireLabels()) {
            throw new BadRecord("missing label");
        }
        return new Review(id, text, sentiment, rating);
    }

    private void reject(String problem, List<String> problems) {
        if (!options.skipBadRecords()) {
            throw new DatasetException(problem + " (pass the skip-bad-records option to skip and count such records)");
        }
        problems.add(problem);
    }

    /** Fails the read once it holds more records than {@link DatasetLimits#maxRecords()}. */
    private void admit(List<Review> reviews, List<String> problems, Path source) {
        if (reviews.size() + problems.size() >= limits.maxRecords()) {
            throw new DatasetException(source + ": more than " + String.format(Locale.ROOT, "%,d", limits.maxRecords())
                    + " records (the largest IMDB split has 50,000)");
        }
    }

    /** One review file's text, a bad record when it is over {@link DatasetLimits#maxTextBytes()}. */
    private String reviewText(InputStream in) throws IOException {
        byte[] bytes = BoundedInput.readAtMost(in, limits.maxTextBytes());
        if (bytes == null) {
            throw new BadRecord("larger than " + BoundedInput.size(limits.maxTextBytes())
                    + " (the longest IMDB review is about 14 KB)");
        }
        return decodeUtf8(bytes);
    }

    private InputStream openMaybeGzip(Path path) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return BoundedInput.decompressedAtMost(new GZIPInputStream(in, 1 << 16), limits.maxDecompressedBytes(),
                    path.toString());
        }
        return in;
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRecord("not valid UTF-8 text");
        }
    }

    private static boolean isEncodingError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** A single record that cannot be used; skippable. */
    private static final class BadRecord extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRecord(String message) {
            super(message, null, false, false);
        }
    }
}
