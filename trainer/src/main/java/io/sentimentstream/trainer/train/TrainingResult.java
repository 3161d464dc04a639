package io.sentimentstream.trainer.train;

import io.sentimentstream.core.metrics.ClassificationReport;
import io.sentimentstream.core.model.ModelBundle;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param bundle            the model with the best epoch's weights, ready to write
 * @param history           figures per epoch
 * @param bestEpoch         the epoch whose weights were kept
 * @param validation        the final model's report on the validation part (fused when there is
 *                          an n-gram branch)
 * @param lstmValidation    the LSTM's own report on the validation part
 * @param trainExamples     size of the training part
 * @param trainingSeconds   wall time of all epochs' training
 * @param examplesPerSecond mean training throughput
 */
public record TrainingResult(ModelBundle bundle, List<EpochStats> history, int bestEpoch,
                             ClassificationReport validation, ClassificationReport lstmValidation, int trainExamples, double trainingSeconds,
                             double examplesPerSecond) {
}
