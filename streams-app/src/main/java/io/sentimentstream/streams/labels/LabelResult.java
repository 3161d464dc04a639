package io.sentimentstream.streams.labels;

import io.sentimentstream.streams.topology.DeadLetter;
import io.sentimentstream.streams.topology.ScoreOutcome;

/** What the label processors make of a record: something to count, or a dead letter. */
public sealed interface LabelResult {

    /**
     * A valid label, to be joined.
     *
     * @param label the label
     */
    record Accepted(LabelArrival label) implements LabelResult {
    }

    /**
     * An outcome for the metrics.
     *
     * @param outcome the outcome
     */
    record Counted(ScoreOutcome outcome) implements LabelResult {
    }

    /**
     * A label that cannot count.
     *
     * @param deadLetter what to write to the dead-letter topic
     */
    record Rejected(DeadLetter deadLetter) implements LabelResult {
    }
}
