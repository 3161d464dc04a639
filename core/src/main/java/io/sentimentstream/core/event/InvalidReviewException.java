package io.sentimentstream.core.event;

import java.util.Objects;

/**
 * A record on the reviews topic that cannot be scored. Checked, so that every caller decides
 * where bad input goes (the streaming application: the dead-letter topic).
 */
public final class InvalidReviewException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    /** Bad input for the given reason, with a message saying what exactly is wrong. */
    public InvalidReviewException(RejectionReason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Bad input caused by a parser error. */
    public InvalidReviewException(RejectionReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The machine-readable cause. */
    public RejectionReason reason() {
        return reason;
    }
}
