package io.sentimentstream.core.data;

/**
 * A dataset that cannot be read: missing file, unreadable archive, unknown layout, or a bad
 * record (the message names the line or entry) when bad records are not being skipped.
 */
public class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public DatasetException(String message) {
        super(message);
    }

    /** An error with a message and a cause. */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
