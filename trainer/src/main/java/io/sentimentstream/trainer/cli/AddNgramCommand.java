package io.sentimentstream.trainer.cli;

import io.sentimentstream.core.data.Dataset;
import io.sentimentstream.core.data.StratifiedSplit;
import io.sentimentstream.core.model.BundleManifest;
import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.trainer.TrainerCli;
import io.sentimentstream.trainer.dl4j.Dl4jBundles;
import io.sentimentstream.trainer.report.TrainingReportWriter;
import io.sentimentstream.trainer.train.NgramBranch;
import io.sentimentstream.trainer.train.NgramSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainer add-ngram}: the n-gram step as a one-off job on an existing LSTM bundle. It
 * re-creates the LSTM's exact split from the seed and settings in the bundle, refusing data
 * whose fingerprint differs (the validation part would no longer be held out).
 */
@Command(name = "add-ngram", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit the n-gram branch and fusion weights onto a trained LSTM bundle.")
public final class AddNgramCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private LabelledDataOptions input;

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "The LSTM bundle.")
    private Path model;

    @Option(names = "--output", required = true, paramLabel = "BUNDLE", description = "The fused bundle to write.")
    private Path output;

    @Option(names = "--ngram-bits", defaultValue = "20", description = "2^bits n-gram buckets (default: ${DEFAULT-VALUE}).")
    private int hashBits;

    @Option(names = "--ngram-order", defaultValue = "2", description = "Longest n-gram, 2 or 3 (default: ${DEFAULT-VALUE}).")
    private int order;

    @Option(names = "--ngram-length-normalised", description = "Divide the weight sum by the square root of the number of n-grams.")
    private boolean lengthNormalised;

    @Option(names = "--ngram-refit-all", description = "Refit the branch on all labelled reviews once validation has fitted the fusion.")
    private boolean refitAll;

    @Option(names = "--ngram-l2", description = "L2 penalty of the branch (default: ${DEFAULT-VALUE}).")
    private double l2 = NgramSettings.DEFAULT_L2;

    @Option(names = "--fusion-short-texts", description = "Fit the fusion weights on the validation reviews and their first and last sentences.")
    private boolean fusionShortTexts;

    @Option(names = "--tfidf-bits", defaultValue = "0", description = "A third member fused with the others: TF-IDF logistic regression over uni- and bigrams in 2^bits buckets; 0 for none (default: ${DEFAULT-VALUE}).")
    private int tfidfHashBits;

    @Override
    public Integer call() throws Exception {
        if (hashBits < 8 || hashBits > 24) {
            throw new IllegalArgumentException("--ngram-bits must be between 8 and 24, was " + hashBits);
        }
        PrintWriter err = spec.commandLine().getErr();
        ModelBundle bundle = Dl4jBundles.read(model);
        BundleManifest manifest = bundle.manifest();
        Dataset dataset = input.read(false);
        StratifiedSplit parts = BundleSplits.recreate(manifest, model, input, dataset);
        Map<String, Object> hp = manifest.hyperParameters();
        NgramBranch.Outcome outcome = new NgramBranch(new NgramSettings(hashBits, order, lengthNormalised, refitAll, l2, fusionShortTexts, tfidfHashBits),
                number(hp, "seed").longValue()).attach(bundle, parts);
        ModelBundleFile.write(outcome.bundle(), output);
        Path reportDir = output.toAbsolutePath().resolveSibling(
                output.getFileName().toString().replaceFirst("\\.[^.]*$", "") + "-report");
        Files.createDirectories(reportDir);
        String command = TrainerCli.INVOCATION + " " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        Files.writeString(reportDir.resolve("ngram.md"), "# N-gram branch\n\nReproduce with:\n\n```\n" + command
                + "\n```\n" + TrainingReportWriter.components(outcome.bundle().manifest()));
        ModelBundleFile.json().writeValue(reportDir.resolve("ngram.json").toFile(), Map.of(
                "command", command, "validation", outcome.fused().toMap(),
                "validationLstmOnly", outcome.lstmOnly().toMap(), "validationNgramOnly", outcome.ngramOnly().toMap(),
                "fusionCrossFittedAccuracy", outcome.crossFittedAccuracy(), "seconds", outcome.seconds()));
        err.printf(Locale.ROOT, "validation accuracy: LSTM %.4f, n-gram %.4f%s, fused %.4f (cross-fitted %.4f); "
                        + "short texts: fused %.4f, TF-IDF baseline %.4f; in %.0f s; bundle %s%n",
                outcome.lstmOnly().accuracy(), outcome.ngramOnly().accuracy(),
                outcome.tfidfOnly() == null ? "" : String.format(Locale.ROOT, ", TF-IDF %.4f", outcome.tfidfOnly().accuracy()),
                outcome.fused().accuracy(), outcome.crossFittedAccuracy(), outcome.shortTexts().model(),
                outcome.shortTexts().tfidf(), outcome.seconds(), output);
        err.flush();
        return 0;
    }

    private static Number number(Map<String, Object> map, String key) {
        return BundleSplits.number(map, key);
    }
}
