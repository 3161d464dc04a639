package io.sentimentstream.core.data;

/**
 * How a dataset is read.
 *
 * @param split          for the aclImdb folder or archive: {@code train} or {@code test}
 * @param requireLabels  whether every review must carry a known label (training, evaluation)
 * @param skipBadRecords skip and count bad records instead of failing on the first
 * @param includeUnsup   for aclImdb: also read {@code <split>/unsup} (unlabelled reviews)
 */
public record ReadOptions(String split, boolean requireLabels, boolean skipBadRecords, boolean includeUnsup) {

    /** Labelled training data, failing on the first bad record. */
    public static ReadOptions labelled() {
        return new ReadOptions("train", true, false, false);
    }

    /** Unlabelled (or partly labelled) data, e.g. for word vectors or producing to Kafka. */
    public static ReadOptions unlabelled() {
        return new ReadOptions("train", false, false, true);
    }

    /** A copy with another split. */
    public ReadOptions withSplit(String newSplit) {
        return new ReadOptions(newSplit, requireLabels, skipBadRecords, includeUnsup);
    }

    /** A copy that skips (and counts) bad records. */
    public ReadOptions withSkipBadRecords(boolean skip) {
        return new ReadOptions(split, requireLabels, skip, includeUnsup);
    }
}
