package io.sentimentstream.trainer.cli;

import io.sentimentstream.trainer.train.EpochStats;
import io.sentimentstream.trainer.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training on stderr: a progress bar per epoch (reviews/s, running loss, ETA) and one
 * summary line per epoch, which is also what ends up in a log file.
 */
final class ProgressBarListener implements TrainingListener {

    private final PrintWriter err;
    private ProgressBar bar;
    private double runningLoss = Double.NaN;

    ProgressBarListener(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void prepared(int trainExamples, int validationExamples, int vocabularySize) {
        err.printf(Locale.ROOT, "training on %d reviews, validating on %d, vocabulary %d ids%n",
                trainExamples, validationExamples, vocabularySize);
        err.flush();
    }

    @Override
    public void note(String message) {
        err.println(message);
        err.flush();
    }

    @Override
    public void epochStarted(int epoch, int epochs, int examples) {
        runningLoss = Double.NaN;
        bar = new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                .setInitialMax(examples)
                .setUnit(" reviews", 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(2_000)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }

    @Override
    public void batchFitted(int examples, double loss) {
        runningLoss = Double.isNaN(runningLoss) ? loss : 0.98 * runningLoss + 0.02 * loss;
        bar.stepBy(examples);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", runningLoss));
    }

    @Override
    public void epochFinished(EpochStats s, boolean best) {
        bar.close();
        err.printf(Locale.ROOT, "epoch %d: train loss %.4f, train acc %.4f, val loss %.4f, val acc %.4f, "
                        + "%.0f s, %.1f reviews/s%s%n", s.epoch(), s.trainLoss(), s.trainAccuracy(),
                s.validationLoss(), s.validationAccuracy(), s.seconds(), s.examplesPerSecond(),
                best ? " (best so far)" : "");
        err.flush();
    }
}
