package io.sentimentstream.core.event;

/**
 * The size and shape budget of one review record: what a review may be before anything else
 * touches it. A record over any limit is bad input with its own {@link RejectionReason}, decided
 * before the value is decoded or parsed, so no record costs more than the budget allows.
 *
 * <p>The limits are chosen so that everything written for an accepted review (its micro-batch
 * buffer entry, its scored result, its metrics) provably fits one Kafka record: the text is never
 * copied whole (only the part the model reads is kept), so what grows an output is the key, the
 * id and the carried fields, which these limits bound.
 *
 * @param maxValueBytes    largest record value (the whole JSON or plain-text review) in bytes; the
 *                         text therefore has at most this many characters
 * @param maxKeyBytes      largest record key in bytes (the key is copied to every output)
 * @param maxIdChars       longest review id in characters (written with every output)
 * @param maxDepth         deepest JSON nesting of the value, the review object itself being 1
 * @param maxCarriedFields most carried fields (JSON fields other than id, text and label)
 * @param maxCarriedBytes  largest size of the carried fields written as one JSON object
 */
public record ReviewLimits(int maxValueBytes, int maxKeyBytes, int maxIdChars, int maxDepth,
                           int maxCarriedFields, int maxCarriedBytes) {

    /** The defaults: a 1 MiB review, a 4 KiB key, a 512-character id, 32 levels, 64 fields in 64 KiB. */
    public static final ReviewLimits DEFAULTS = new ReviewLimits(1 << 20, 4096, 512, 32, 64, 64 * 1024);

    /** Checks that every limit is positive and the depth leaves room for the review object. */
    public ReviewLimits {
        if (maxValueBytes < 1 || maxKeyBytes < 1 || maxIdChars < 1 || maxCarriedFields < 0 || maxCarriedBytes < 2) {
            throw new IllegalArgumentException("review limits must be positive");
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("the nesting depth must be at least 1 (the review object)");
        }
    }
}
