package io.sentimentstream.core.text;

/**
 * How a token sequence becomes a fixed-length id sequence.
 *
 * @param maxLength  longest sequence the model sees; longer reviews are truncated
 * @param truncation which end of a long review is cut off
 * @param padding    on which side shorter sequences are padded when a batch is built
 */
public record EncodingSettings(int maxLength, Side truncation, Side padding) {

    /** One end of a sequence. */
    public enum Side {
        /** The beginning. */
        PRE,
        /** The end. */
        POST
    }

    /** Validates the settings. */
    public EncodingSettings {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive, was " + maxLength);
        }
        if (truncation == null || padding == null) {
            throw new IllegalArgumentException("truncation and padding sides are required");
        }
    }
}
