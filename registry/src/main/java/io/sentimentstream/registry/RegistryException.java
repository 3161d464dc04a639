package io.sentimentstream.registry;

/**
 * A registry operation that cannot be done, with a message of one line that says why and, where
 * there is one, what to do (a bundle refused at publish time, an unknown version, deleting the
 * champion, a version whose chunks are missing or corrupt).
 */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure explained by {@code message}. */
    public RegistryException(String message) {
        super(message);
    }

    /** A failure explained by {@code message}, caused by {@code cause}. */
    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
