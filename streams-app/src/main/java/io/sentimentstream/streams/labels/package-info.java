/**
 * Labels that arrive after (or before) their reviews, on the labels topic: validated
 * ({@link io.sentimentstream.streams.labels.LabelValidator}), joined with the predictions made for
 * the same review id within the label horizon ({@link io.sentimentstream.streams.labels.LabelJoiner}),
 * and passed on to the rolling metrics as outcomes.
 */
package io.sentimentstream.streams.labels;
