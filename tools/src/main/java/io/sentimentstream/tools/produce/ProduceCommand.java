package io.sentimentstream.tools.produce;

import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.model.BundleManifest;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.tools.BrokerConnectionOptions;
import io.sentimentstream.tools.data.HeldOutReviews;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code produce}: sends reviews from a file or standard input to the input topic. */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send reviews to the input topic from CSV/CSV.gz, aclImdb, JSON lines, text lines or stdin.")
public final class ProduceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "PATH",
            description = "Reviews to send; - for standard input.")
    private String file;

    @Option(names = "--format", defaultValue = "auto",
            description = "auto, dataset, jsonl or text (default: ${DEFAULT-VALUE}: by file name).")
    private InputFormat format;

    @Option(names = {"-t", "--topic"}, defaultValue = "reviews", description = "Input topic (default: ${DEFAULT-VALUE}).")
    private String topic;

    @Option(names = "--rate", defaultValue = "0", description = "Reviews per second, 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--max", defaultValue = "0", description = "Send at most this many, 0 for all (default: ${DEFAULT-VALUE}).")
    private int max;

    @Option(names = "--split", defaultValue = "train", description = "Split of an aclImdb folder or archive (default: ${DEFAULT-VALUE}).")
    private String split;

    @Option(names = "--held-out-of", paramLabel = "BUNDLE",
            description = "Send only the reviews this model did not learn from: when the file is the model's training"
                    + " data, its held-out validation part (as the demo streams it), shuffled; says so when it has none.")
    private Path heldOutOf;

    @Option(names = "--skip-bad-records", description = "Skip and count bad records instead of stopping at the first.")
    private boolean skipBad;

    @Option(names = "--no-progress", negatable = false, description = "No progress bar.")
    private boolean noProgress;

    @Mixin
    private BrokerConnectionOptions broker;

    /** The reviews of the file that the model at {@code --held-out-of} did not learn from. */
    private ReviewSource.Loaded heldOut(PrintWriter err) {
        if (file.equals("-")) {
            throw new IllegalArgumentException("--held-out-of needs a dataset file, not standard input");
        }
        Path source = Path.of(file);
        BundleManifest manifest = ModelBundleFile.read(heldOutOf).manifest();
        HeldOutReviews.Selection selection = HeldOutReviews.select(new DatasetReader(
                ReadOptions.unlabelled().withSplit(split).withSkipBadRecords(skipBad)).read(source).reviews(),
                source, manifest);
        err.printf(Locale.ROOT, "%d review(s) of %s%s%n", selection.reviews().size(), source,
                selection.note().isEmpty() ? " (not the data " + heldOutOf + " was trained on)" : selection.note());
        List<OutgoingReview> reviews = new ArrayList<>(selection.reviews().size());
        for (Review review : selection.reviews()) {
            reviews.add(new OutgoingReview(review.id(), ReviewSource.eventJson(review)));
        }
        return new ReviewSource.Loaded(reviews, List.of());
    }

    @Override
    public Integer call() throws Exception {
        if (rate < 0 || max < 0) {
            throw new IllegalArgumentException("--rate and --max must not be negative");
        }
        PrintWriter err = spec.commandLine().getErr();
        ReviewSource.Loaded loaded = heldOutOf == null ? new ReviewSource(skipBad, split).read(file, format, System.in)
                : heldOut(err);
        List<OutgoingReview> reviews = max > 0 && max < loaded.reviews().size()
                ? loaded.reviews().subList(0, max) : loaded.reviews();
        if (!loaded.problems().isEmpty()) {
            err.printf(Locale.ROOT, "skipped %d bad record(s), first: %s%n", loaded.problems().size(),
                    loaded.problems().get(0));
        }
        broker.verify(List.of(topic));
        int sent;
        try (ReviewProducer producer = new ReviewProducer(broker.clientConfig(), topic)) {
            if (noProgress) {
                sent = producer.send(reviews, rate, n -> { });
            } else {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("produce").setInitialMax(reviews.size())
                        .setUnit(" reviews", 1).showSpeed().setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
                    sent = producer.send(reviews, rate, bar::stepTo);
                }
            }
        }
        err.printf(Locale.ROOT, "sent %d review(s) to %s%s%n", sent, topic,
                loaded.problems().isEmpty() ? "" : ", skipped " + loaded.problems().size());
        err.flush();
        return 0;
    }
}
