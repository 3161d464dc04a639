package io.sentimentstream.trainer.train;

/** Receives progress from a training run (the command line shows it as a progress bar). */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Preprocessing is done; training is about to start. */
    default void prepared(int trainExamples, int validationExamples, int vocabularySize) {
    }

    /** Something worth a line of its own happened (e.g. how the embedding was initialised). */
    default void note(String message) {
    }

    /** An epoch starts over {@code examples} training examples. */
    default void epochStarted(int epoch, int epochs, int examples) {
    }

    /** A mini-batch of {@code examples} was fitted with the given loss. */
    default void batchFitted(int examples, double loss) {
    }

    /** An epoch finished and was evaluated. */
    default void epochFinished(EpochStats stats, boolean best) {
    }
}
