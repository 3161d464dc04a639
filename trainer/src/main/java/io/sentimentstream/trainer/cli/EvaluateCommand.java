package io.sentimentstream.trainer.cli;

import io.sentimentstream.core.data.Dataset;
import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.metrics.ClassificationReport;
import io.sentimentstream.core.model.DefaultModel;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.trainer.dl4j.Dl4jBundles;
import io.sentimentstream.trainer.dl4j.Engine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainer evaluate}: scores a labelled file and prints accuracy, precision, recall, F1,
 * ROC AUC and the confusion matrix; with {@code --json}, one JSON object on stdout and nothing
 * else there (progress and notes go to stderr).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a model bundle on labelled reviews.")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "BUNDLE", description = "Model bundle (default: $SENTIMENT_MODEL or " + DefaultModel.RELATIVE_PATH + ").")
    private Path model;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "Labelled reviews in any format `train` reads.")
    private Path data;

    @Option(names = "--split", defaultValue = "test", description = "Split to read from aclImdb (default: ${DEFAULT-VALUE}).")
    private String split;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    private boolean json;

    @Option(names = "--skip-bad-records", description = "Skip and count bad records instead of stopping at the first.")
    private boolean skipBadRecords;

    @Option(names = "--batch-size", defaultValue = "128", description = "Reviews per network call (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--engine", defaultValue = "java",
            description = "Engine: java (serving's), java-scalar or dl4j (the reference) (default: ${DEFAULT-VALUE}).")
    private String engine;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be positive, was " + batchSize);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path bundlePath = model != null ? model : DefaultModel.locate();
        SentimentModel scorer = Engine.parse(engine).model(Dl4jBundles.read(bundlePath));
        Dataset dataset = new DatasetReader(ReadOptions.labelled().withSplit(split).withSkipBadRecords(skipBadRecords))
                .read(data);
        List<Review> reviews = dataset.reviews();
        if (reviews.isEmpty()) {
            throw new IllegalArgumentException(data + ": no labelled reviews to evaluate");
        }
        err.printf(Locale.ROOT, "evaluating %s %s on %d reviews from %s%s%n", scorer.manifest().name(),
                scorer.manifest().version(), reviews.size(), data,
                dataset.skipped() > 0 ? " (skipped " + dataset.skipped() + " bad records)" : "");
        err.flush();
        List<int[]> encoded = new ArrayList<>(reviews.size());
        boolean[] actual = new boolean[reviews.size()];
        for (int i = 0; i < reviews.size(); i++) {
            encoded.add(scorer.encode(reviews.get(i).text()));
            actual[i] = reviews.get(i).label() == Sentiment.POS;
        }
        long start = System.nanoTime();
        double[] probabilities = scorer.positiveProbabilities(encoded, batchSize);
        double seconds = (System.nanoTime() - start) / 1e9;
        ClassificationReport report = ClassificationReport.of(scorer.manifest().labels(), probabilities, actual);
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>(report.toMap());
            result.put("model", Map.of("name", scorer.manifest().name(), "version", scorer.manifest().version()));
            result.put("data", data.toString());
            result.put("skipped", dataset.skipped());
            result.put("secondsScoring", seconds);
            out.println(ModelBundleFile.json().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            out.printf(Locale.ROOT, "reviews    %d%naccuracy   %.4f%nprecision  %.4f%nrecall     %.4f%n"
                            + "f1         %.4f%nroc auc    %.4f%n", report.count(), report.accuracy(),
                    report.precision(), report.recall(), report.f1(), report.auc());
            long[][] c = report.confusion();
            out.printf(Locale.ROOT, "confusion  (rows actual, columns predicted: %s, %s)%n", report.labels().get(0),
                    report.labels().get(1));
            out.printf(Locale.ROOT, "           %6d %6d%n           %6d %6d%n", c[0][0], c[0][1], c[1][0], c[1][1]);
            out.printf(Locale.ROOT, "scored in %.1f s (%.0f reviews/s)%n", seconds, reviews.size() / seconds);
        }
        out.flush();
        return 0;
    }
}
