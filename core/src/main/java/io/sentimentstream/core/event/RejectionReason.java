package io.sentimentstream.core.event;

/**
 * Why a record was sent to the dead-letter topic; written to the
 * {@link DeadLetterHeaders#REASON} header so tools can group and replay dead letters by cause.
 */
public enum RejectionReason {
    /** The record had no value (a tombstone). */
    NULL_VALUE,
    /** The value is not valid UTF-8. */
    INVALID_UTF8,
    /** The value starts with <code>{</code> but is not one valid JSON object. */
    INVALID_JSON,
    /** The JSON object has no {@code text} field (or it is null). */
    MISSING_TEXT,
    /** The text is empty or only white space. */
    EMPTY_TEXT,
    /** The {@code label} is not a known sentiment. */
    UNKNOWN_LABEL,
    /** A known field has the wrong JSON type (e.g. {@code text} is a number, {@code id} an object). */
    INVALID_FIELD,
    /** The text could not be normalised or encoded with the model's settings. */
    ENCODING_FAILED,
    /** The scored record could not be written (e.g. larger than the broker accepts). */
    PRODUCTION_FAILED,
    /** The record key is larger than {@link ReviewLimits#maxKeyBytes()}. */
    KEY_TOO_LARGE,
    /** The record value is larger than {@link ReviewLimits#maxValueBytes()}. */
    VALUE_TOO_LARGE,
    /** The JSON value is nested deeper than {@link ReviewLimits#maxDepth()}. */
    TOO_DEEP,
    /** The id is longer than {@link ReviewLimits#maxIdChars()}. */
    ID_TOO_LONG,
    /** More carried fields than {@link ReviewLimits#maxCarriedFields()}. */
    TOO_MANY_FIELDS,
    /** The carried fields are larger than {@link ReviewLimits#maxCarriedBytes()}. */
    FIELDS_TOO_LARGE,
    /** The model failed on this review (the rest of its batch was scored). */
    SCORING_FAILED,
    /** A label record that is not a label: no id, no {@code label}, or not a JSON object nor plain text. */
    INVALID_LABEL,
    /** A label for an id that no prediction had within the label horizon (before or after it). */
    UNMATCHED_LABEL,
    /** A second label for an id that already has one (on the labels topic or inside the review); the first counts. */
    DUPLICATE_LABEL,
    /** An unexpected error while processing this record (a defect: the stack trace is in the headers). */
    PROCESSING_FAILED
}
