package io.sentimentstream.trainer.bench;

import io.sentimentstream.core.metrics.Percentiles;
import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.ScoringEngine;
import io.sentimentstream.core.model.SentimentModel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scoring throughput and per-call latency of a bundle, per engine and batch size, with and
 * without preprocessing. Reviews are taken in their given order (a stream's batches are not
 * sorted by length), each configuration is warmed up and then measured in repeated timed runs,
 * and the medians are reported.
 */
public final class ModelBenchmark {

    /** One result row. */
    public record Row(String engine, int batchSize, boolean preprocessing, double reviewsPerSecond,
                      double medianCallMs, double p95CallMs) {
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
    public List<Row> run(List<ScoringEngine> engines, List<Integer> batchSizes, PrintWriter out) {
        List<Row> rows = new ArrayList<>();
        out.println("| engine | batch | preprocessing | reviews/s (median) | ms per call (median) | ms per call (p95) |");
        out.println("|---|---|---|---|---|---|");
        out.flush();
        for (ScoringEngine engine : engines) {
            SentimentModel model = new SentimentModel(bundle, engine);
            List<int[]> encoded = new ArrayList<>(texts.size());
            texts.forEach(t -> encoded.add(model.encode(t)));
            for (int batchSize : batchSizes) {
                for (boolean preprocessing : new boolean[] {false, true}) {
                    Row row = measure(model, encoded, batchSize, preprocessing);
                    rows.add(row);
                    out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | %.2f | %.2f |%n", row.engine(), row.batchSize(),
                            row.preprocessing() ? "included" : "excluded", row.reviewsPerSecond(),
                            row.medianCallMs(), row.p95CallMs());
                    out.flush();
                }
            }
        }
        return rows;
    }

    private Row measure(SentimentModel model, List<int[]> encoded, int batchSize, boolean preprocessing) {
        timedRun(model, encoded, batchSize, preprocessing, new ArrayList<>());
        double[] throughput = new double[runs];
        List<Double> calls = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            throughput[r] = timedRun(model, encoded, batchSize, preprocessing, calls);
        }
        double[] callMs = calls.stream().mapToDouble(Double::doubleValue).toArray();
        return new Row(model.engine(), batchSize, preprocessing, Percentiles.median(throughput),
                Percentiles.median(callMs), Percentiles.percentile(callMs, 95));
    }

    /** Scores consecutive batches until the run's time is up; returns reviews per second. */
    private double timedRun(SentimentModel model, List<int[]> encoded, int batchSize, boolean preprocessing,
                            List<Double> callMs) {
        long start = System.nanoTime();
        long deadline = start + (long) (secondsPerRun * 1e9);
        long reviews = 0;
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
            offset = end >= texts.size() ? 0 : end;
        }
        return reviews / ((System.nanoTime() - start) / 1e9);
    }
}
