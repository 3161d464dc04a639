package io.sentimentstream.trainer.cli;

import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.model.DefaultModel;
import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.trainer.dl4j.Dl4jBundles;
import io.sentimentstream.trainer.dl4j.Engine;
import io.sentimentstream.trainer.bench.ModelBenchmark;
import io.sentimentstream.trainer.bench.TrainingBenchmark;
import io.sentimentstream.trainer.train.TrainingConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainer benchmark}: the model's own speed limit. Prints Markdown tables of scoring
 * throughput and latency per engine and batch size, and (optionally) training throughput of the
 * default configuration, ready to paste into {@code docs/benchmarks.md}.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure scoring throughput/latency per engine and batch size, and training throughput.")
public final class BenchmarkCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "BUNDLE", description = "Model bundle (default: $SENTIMENT_MODEL or " + DefaultModel.RELATIVE_PATH + ").")
    private Path model;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "Reviews to score (any format `train` reads).")
    private Path data;

    @Option(names = "--reviews", defaultValue = "2048", description = "Reviews sampled from the data (default: ${DEFAULT-VALUE}).")
    private int reviews;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "1,8,32,128,512", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    private List<Integer> batchSizes;

    @Option(names = "--engines", split = ",", defaultValue = "java,dl4j", description = "Engines to compare (default: ${DEFAULT-VALUE}).")
    private List<String> engines;

    @Option(names = "--seconds", defaultValue = "2", description = "Length of one timed run (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs per configuration (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--without-ngram", description = "Score with the LSTM alone (drops a fused bundle's n-gram branch), to compare.")
    private boolean withoutNgram;

    @Option(names = "--training", description = "Also measure training throughput of the default configuration.")
    private boolean training;

    @Override
    public Integer call() throws Exception {
        if (reviews < 1 || runs < 1 || seconds <= 0) {
            throw new IllegalArgumentException("--reviews, --runs and --seconds must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path bundlePath = model != null ? model : DefaultModel.locate();
        ModelBundle bundle = Dl4jBundles.read(bundlePath);
        if (withoutNgram && bundle.ngram() != null) {
            bundle = new ModelBundle(bundle.manifest().withFusion(bundle.manifest().metrics(), null),
                    bundle.vocabulary(), bundle.network());
        }
        List<Review> all = new ArrayList<>(new DatasetReader(ReadOptions.unlabelled()).read(data).reviews());
        Collections.shuffle(all, new Random(1));
        List<Review> sample = all.subList(0, Math.min(reviews, all.size()));
        List<String> texts = sample.stream().map(Review::text).toList();
        out.printf(Locale.ROOT, "# Model benchmark%n%nmodel %s %s (%s), %d reviews from %s, %d timed runs of %.1f s "
                        + "after a warm-up, %s, %d cores, java %s, OMP_NUM_THREADS=%s%n%n",
                bundle.manifest().name(), bundle.manifest().version(), bundlePath, texts.size(), data, runs, seconds,
                Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getenv("OMP_NUM_THREADS"));
        List<Engine> engineList = engines.stream().map(Engine::parse).toList();
        new ModelBenchmark(bundle, texts, seconds, runs).run(engineList, batchSizes, out);
        if (training) {
            List<Review> labelled = sample.stream().filter(Review::isLabelled).toList();
            out.printf(Locale.ROOT, "%n## Training throughput (default configuration)%n%n");
            new TrainingBenchmark(TrainingConfig.defaults(), labelled, runs).run(out);
        }
        out.flush();
        return 0;
    }
}
