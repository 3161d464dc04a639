package io.sentimentstream.core.model;

import java.util.List;

/**
 * An inference engine: turns encoded reviews (token ids, no padding) into positive-class
 * probabilities, one network evaluation for the whole list.
 */
public interface SequenceScorer {

    /** The probability of the positive class for each sequence, in input order. */
    double[] positiveProbabilities(List<int[]> sequences);

    /** A scorer safe to use from another thread (may be this one if it is stateless). */
    SequenceScorer copy();

    /** Short engine name for logs and metrics, e.g. {@code dl4j} or {@code java}. */
    String engine();
}
