package io.sentimentstream.trainer.bench;

import io.sentimentstream.core.metrics.Percentiles;
import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.SentimentModel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import io.sentimentstream.core.model.LstmNetwork;
import io.sentimentstream.core.model.NetworkLayout;
import io.sentimentstream.trainer.dl4j.Engine;

/**
 * Scoring throughput, per-call latency and arithmetic rate of a bundle, per engine and batch size,
 * with and without preprocessing. Reviews are taken in their given order (a stream's batches are
 * not sorted by length), each configuration is warmed up and then measured in repeated timed runs,
 * and the medians are reported.
 *
 * <p>The arithmetic rate counts the recurrent product only, {@code 2 x units x 4·units} FLOP per
 * real (unpadded) token and LSTM direction: the work that remains once the embedding and input
 * projection are folded into a table, and nearly all of the Java engine's time. It is comparable
 * with a core's peak matrix-multiply rate on any machine.
 */
public final class ModelBenchmark {

    /** One result row. */
    public record Row(String engine, int batchSize, boolean preprocessing, double reviewsPerSecond,
                      double medianCallMs, double p95CallMs, double gflopsPerSecond) {
    }

    private final ModelBundle bundle;
    private final List<String> texts;
    private final double secondsPerRun;
    private final int runs;

    /**
     * @param bundle        the model
     * @param texts         real reviews, in the order they will be batched
     * @param secondsPerRun minimum length of one timed run
     * @param runs          timed runs per configuration (after one warm-up run)
     */
    public ModelBenchmark(ModelBundle bundle, List<String> texts, double secondsPerRun, int runs) {
        this.bundle = bundle;
        this.texts = texts;
        this.secondsPerRun = secondsPerRun;
        this.runs = runs;
    }

    /** Runs every configuration and prints a Markdown table row as each finishes. */
    public List<Row> run(List<Engine> engines, List<Integer> batchSizes, PrintWriter out) {
        List<Row> rows = new ArrayList<>();
        SentimentModel encoder = new SentimentModel(bundle);
        double meanTokens = texts.stream().mapToInt(t -> encoder.encode(t).length).average().orElse(0);
        out.printf(Locale.ROOT, "%.1f tokens per review on average; recurrent product %,d FLOP per token%n%n",
                meanTokens, recurrentFlopsPerToken(bundle.network()));
        out.println("| engine | batch | preprocessing | reviews/s (median) | ms per call (median) | ms per call (p95) "
                + "| GFLOP/s (median) |");
        out.println("|---|---|---|---|---|---|---|");
        out.flush();
        for (Engine engine : engines) {
            SentimentModel model = engine.model(bundle);
            List<int[]> encoded = new ArrayList<>(texts.size());
            texts.forEach(t -> encoded.add(model.encode(t)));
            for (int batchSize : batchSizes) {
                for (boolean preprocessing : new boolean[] {false, true}) {
                    Row row = measure(model, encoded, batchSize, preprocessing);
                    rows.add(row);
                    out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | %.3f | %.3f | %.2f |%n", row.engine(),
                            row.batchSize(), row.preprocessing() ? "included" : "excluded", row.reviewsPerSecond(),
                            row.medianCallMs(), row.p95CallMs(), row.gflopsPerSecond());
                    out.flush();
                }
            }
        }
        return rows;
    }

    /** The recurrent product's FLOP per token, over all LSTM directions: 2 per recurrent weight. */
    static long recurrentFlopsPerToken(LstmNetwork network) {
        NetworkLayout layout = network.layout();
        return 2L * layout.directions() * layout.lstmUnits() * 4L * layout.lstmUnits();
    }

    private Row measure(SentimentModel model, List<int[]> encoded, int batchSize, boolean preprocessing) {
        long[] tokensBefore = new long[encoded.size() + 1];
        for (int i = 0; i < encoded.size(); i++) {
            tokensBefore[i + 1] = tokensBefore[i] + encoded.get(i).length;
        }
        timedRun(model, encoded, tokensBefore, batchSize, preprocessing, new ArrayList<>());
        double[] throughput = new double[runs];
        double[] gflops = new double[runs];
        List<Double> calls = new ArrayList<>();
        long flopsPerToken = recurrentFlopsPerToken(bundle.network());
        for (int r = 0; r < runs; r++) {
            Throughput run = timedRun(model, encoded, tokensBefore, batchSize, preprocessing, calls);
            throughput[r] = run.reviewsPerSecond();
            gflops[r] = run.tokensPerSecond() * flopsPerToken / 1e9;
        }
        double[] callMs = calls.stream().mapToDouble(Double::doubleValue).toArray();
        return new Row(model.engine(), batchSize, preprocessing, Percentiles.median(throughput),
                Percentiles.median(callMs), Percentiles.percentile(callMs, 95), Percentiles.median(gflops));
    }

    private record Throughput(double reviewsPerSecond, double tokensPerSecond) {
    }

    /**
     * Scores consecutive batches until the run's time is up. {@code tokensBefore[i]} is the number
     * of tokens in reviews {@code 0..i-1}.
     */
    private Throughput timedRun(SentimentModel model, List<int[]> encoded, long[] tokensBefore, int batchSize,
                                boolean preprocessing, List<Double> callMs) {
        long start = System.nanoTime();
        long deadline = start + (long) (secondsPerRun * 1e9);
        long reviews = 0;
        long tokens = 0;
        int offset = 0;
        while (System.nanoTime() < deadline || reviews == 0) {
            int end = Math.min(texts.size(), offset + batchSize);
            long callStart = System.nanoTime();
            if (preprocessing) {
                model.predict(texts.subList(offset, end));
            } else {
                model.score(encoded.subList(offset, end));
            }
            callMs.add((System.nanoTime() - callStart) / 1e6);
            reviews += end - offset;
            tokens += tokensBefore[end] - tokensBefore[offset];
            offset = end >= texts.size() ? 0 : end;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Throughput(reviews / seconds, tokens / seconds);
    }
}
