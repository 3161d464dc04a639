package io.sentimentstream.trainer.train;

/**
 * The figures of one finished epoch; together they make the learning curves.
 *
 * @param epoch              1-based epoch number
 * @param trainLoss          mean mini-batch loss over the epoch
 * @param trainAccuracy      accuracy on a fixed sample of the training part, after the epoch
 * @param validationLoss     mean cross-entropy on the validation part
 * @param validationAccuracy accuracy on the validation part
 * @param seconds            wall time of the epoch's training (evaluation excluded)
 * @param examplesPerSecond  training throughput of the epoch
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double seconds, double examplesPerSecond) {
}
