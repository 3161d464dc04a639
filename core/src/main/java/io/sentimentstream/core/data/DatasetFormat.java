package io.sentimentstream.core.data;

/** The public layouts of the IMDB dataset that can be read. */
public enum DatasetFormat {
    /** CSV (optionally gzip) with header {@code id,rating,label,text}. */
    CSV_IMDB,
    /** The Kaggle CSV with header {@code review,sentiment}. */
    CSV_KAGGLE,
    /** The extracted {@code aclImdb} folder (or one split folder with pos/neg). */
    ACLIMDB_FOLDER,
    /** {@code aclImdb_v1.tar.gz}, read as a stream without unpacking. */
    ACLIMDB_TAR_GZ
}
