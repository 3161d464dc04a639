package io.sentimentstream.core.model;

/**
 * A model bundle that is missing, truncated, corrupt or incompatible with this code. The message
 * names the file and what is wrong with it, in words an operator can act on.
 */
public class InvalidModelBundleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a message and no cause. */
    public InvalidModelBundleException(String message) {
        super(message);
    }

    /** An error with a message and the underlying cause. */
    public InvalidModelBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
