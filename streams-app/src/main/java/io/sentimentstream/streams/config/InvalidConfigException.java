package io.sentimentstream.streams.config;

/** A setting is missing, unknown or out of range; the message names it. */
public final class InvalidConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A configuration error with a message fit for the user. */
    public InvalidConfigException(String message) {
        super(message);
    }
}
