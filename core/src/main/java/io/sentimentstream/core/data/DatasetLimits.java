package io.sentimentstream.core.data;

/**
 * How much a dataset may hold, so that a tar bomb, a gzip bomb or a runaway CSV field ends in one
 * {@link DatasetException} line instead of an {@link OutOfMemoryError}. Far above the real data:
 * the longest IMDB review is 13,704 characters (about 14 KB), the largest public form
 * ({@code aclImdb_v1.tar.gz}) unpacks to well under 1 GB, and the largest split has 50,000 reviews.
 *
 * @param maxTextBytes         one review file (folder or archive entry): 1 MiB, about 75 times the longest review
 * @param maxFieldChars        one CSV field: 1,048,576 characters
 * @param maxDecompressedBytes everything a gzip stream unpacks to: 2 GiB
 * @param maxRecords           reviews and skipped records of one dataset: 2,000,000, 40 times the largest split
 */
record DatasetLimits(int maxTextBytes, int maxFieldChars, long maxDecompressedBytes, int maxRecords) {

    /** The limits every reader uses. */
    static final DatasetLimits DEFAULT = new DatasetLimits(1 << 20, 1 << 20, 2L << 30, 2_000_000);
}
