package io.sentimentstream.tools.produce;

/**
 * One record to send to the input topic.
 *
 * @param key   the review id (record key)
 * @param value the record value: a review event as JSON, or plain text
 */
public record OutgoingReview(String key, String value) {
}
