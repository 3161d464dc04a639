package io.sentimentstream.core.model;

/**
 * The model's verdict on one review.
 *
 * @param label       the predicted label ({@code pos} or {@code neg} for the IMDB model)
 * @param probability probability of the positive label, in [0, 1]
 */
public record Prediction(String label, double probability) {
}
