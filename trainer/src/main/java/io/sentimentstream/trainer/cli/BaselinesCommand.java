package io.sentimentstream.trainer.cli;

import io.sentimentstream.core.data.Dataset;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.data.StratifiedSplit;
import io.sentimentstream.core.model.NgramLogit;
import io.sentimentstream.trainer.eval.ShortTexts;
import io.sentimentstream.core.model.TfidfLogit;
import io.sentimentstream.trainer.train.TfidfLogitTrainer;
import io.sentimentstream.trainer.train.EncodedExample;
import io.sentimentstream.trainer.train.NgramBranch;
import io.sentimentstream.trainer.train.NgramSettings;
import io.sentimentstream.trainer.train.TextPreparation;
import io.sentimentstream.trainer.train.TrainingConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainer baselines}: the linear models alone on the split {@code train} would make, in
 * seconds instead of the LSTM's half hour: the TF-IDF + logistic regression reference and
 * n-gram branch variants, each on whole validation reviews and on short texts.
 */
@Command(name = "baselines", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Accuracy of TF-IDF + logistic regression and n-gram branch variants on train's validation split "
                + "(whole reviews and short texts).")
public final class BaselinesCommand implements Callable<Integer> {

    private static final TrainingConfig D = TrainingConfig.defaults();

    @Spec
    private CommandSpec spec;

    @Mixin
    private LabelledDataOptions input;

    @Option(names = "--ngram", paramLabel = "BITS:ORDER[:norm]", split = ",",
            description = "N-gram branch variants, e.g. 20:2,22:3,22:3:norm (default: the default branch).")
    private List<String> variants = List.of();

    @Option(names = "--ngram-l2", split = ",", description = "L2 penalties to try for each variant (default: the default).")
    private List<Double> penalties = List.of(NgramSettings.DEFAULT_L2);

    @Option(names = "--seed", description = "Split seed (default: ${DEFAULT-VALUE}).")
    private long seed = D.seed();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Dataset dataset = input.read(false);
        StratifiedSplit parts = StratifiedSplit.of(dataset.reviews(), input.movies(dataset),
                D.validationFraction(), D.maxTrainExamples(), seed);
        out.println("validation: " + parts.provenance().describe());
        TextPreparation text = TextPreparation.fit(D, parts.train());
        List<EncodedExample> train = text.trainExamples(parts.train());
        List<EncodedExample> validation = text.examples(parts.validation());
        List<EncodedExample> shortTexts = text.examples(ShortTexts.firstAndLastSentences(parts.validation()));
        out.printf(Locale.ROOT, "%d training reviews, %d validation reviews, %d short texts%n", train.size(),
                validation.size(), shortTexts.size());

        TfidfLogit tfidf = TfidfLogitTrainer.baseline(seed).train(train);
        out.printf(Locale.ROOT, "%-40s validation %.4f  short texts %.4f%n", "TF-IDF + logistic regression",
                accuracy(validation, e -> tfidf.logit(e.ids())), accuracy(shortTexts, e -> tfidf.logit(e.ids())));
        List<String> specs = variants.isEmpty() ? List.of(D.ngram().hashBits() + ":" + D.ngram().order()) : variants;
        for (String variant : specs) {
            for (double l2 : penalties) {
                report(out, parse(variant, l2), train, validation, shortTexts);
            }
        }
        return 0;
    }

    private void report(PrintWriter out, NgramSettings settings, List<EncodedExample> train,
                        List<EncodedExample> validation, List<EncodedExample> shortTexts) {
        long start = System.nanoTime();
        NgramLogit ngram = NgramBranch.fit(settings, train, seed);
        out.printf(Locale.ROOT, "%-40s validation %.4f  short texts %.4f  (%.0f s)%n", "n-gram " + settings.describe(),
                accuracy(validation, e -> ngram.logit(e.ids())), accuracy(shortTexts, e -> ngram.logit(e.ids())),
                (System.nanoTime() - start) / 1e9);
        out.flush();
    }

    private static NgramSettings parse(String variant, double l2) {
        String[] parts = variant.split(":");
        if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].equals("norm"))) {
            throw new IllegalArgumentException("--ngram expects BITS:ORDER or BITS:ORDER:norm, was " + variant);
        }
        return new NgramSettings(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), parts.length == 3, false, l2, false);
    }

    /** Share of examples whose margin (positive means "pos") has the right sign. */
    private static double accuracy(List<EncodedExample> examples, ToDoubleFunction<EncodedExample> margin) {
        int correct = 0;
        for (EncodedExample e : examples) {
            if ((margin.applyAsDouble(e) >= 0) == (e.label() == Sentiment.POS.index())) {
                correct++;
            }
        }
        return (double) correct / Math.max(1, examples.size());
    }
}
