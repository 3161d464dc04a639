package io.sentimentstream.core.model;

/**
 * Identifies the data a model was trained on: a SHA-256 over every training example's id, label
 * and text in reading order, the number of examples and where they came from.
 *
 * @param sha256   hex digest of the examples
 * @param examples number of labelled examples read (training and validation together)
 * @param source   the path or description given to the trainer
 */
public record DataFingerprint(String sha256, long examples, String source) {
}
