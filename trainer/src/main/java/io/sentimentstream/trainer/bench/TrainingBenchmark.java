package io.sentimentstream.trainer.bench;

import io.sentimentstream.core.metrics.Percentiles;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.trainer.dl4j.SentimentNetworkFactory;
import io.sentimentstream.core.text.EncodingSettings;
import io.sentimentstream.core.text.NormalizationSettings;
import io.sentimentstream.core.text.SequenceEncoder;
import io.sentimentstream.core.text.TextNormalizer;
import io.sentimentstream.core.text.Vocabulary;
import io.sentimentstream.core.text.VocabularyBuilder;
import io.sentimentstream.trainer.train.EncodedExample;
import io.sentimentstream.trainer.train.LengthBuckets;
import io.sentimentstream.trainer.train.TrainingConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Training throughput (examples/s) of a configuration: one warm-up pass and then repeated passes
 * over the same reviews with the trainer's own batching, reporting the median.
 */
public final class TrainingBenchmark {

    private final TrainingConfig config;
    private final List<Review> reviews;
    private final int runs;

    /** Measures {@code config} on {@code reviews} (labelled) in {@code runs} passes. */
    public TrainingBenchmark(TrainingConfig config, List<Review> reviews, int runs) {
        this.config = config;
        this.reviews = reviews;
        this.runs = runs;
    }

    /** Runs and prints the result. */
    public double run(PrintWriter out) {
        TextNormalizer normalizer = new TextNormalizer(NormalizationSettings.defaults());
        List<List<String>> tokens = reviews.stream().map(r -> normalizer.tokenize(r.text())).toList();
        VocabularyBuilder counts = new VocabularyBuilder();
        tokens.forEach(counts::add);
        Vocabulary vocabulary = counts.build(config.vocabularySize(), 1);
        // The default vocabulary size keeps the embedding's cost realistic even on a small sample.
        int vocabularyIds = Math.max(vocabulary.size(), config.vocabularySize() + 2);
        SequenceEncoder encoder = new SequenceEncoder(vocabulary,
                new EncodingSettings(config.maxLength(), config.truncation(), EncodingSettings.Side.POST));
        List<EncodedExample> examples = new ArrayList<>();
        for (int i = 0; i < reviews.size(); i++) {
            examples.add(new EncodedExample(encoder.encode(tokens.get(i)), reviews.get(i).label().index()));
        }
        ComputationGraph network = SentimentNetworkFactory.create(config.architecture(vocabularyIds));
        Random random = new Random(config.seed());
        pass(network, examples, random);
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            rates[r] = pass(network, examples, random);
        }
        double median = Percentiles.median(rates);
        out.printf(Locale.ROOT, "%d reviews per pass, batch %d, max length %d, embedding %d, LSTM %d%s: "
                        + "median %.1f examples/s (min %.1f, max %.1f over %d passes)%n", examples.size(),
                config.batchSize(), config.maxLength(), config.embeddingSize(), config.lstmSize(),
                config.bidirectional() ? " bidirectional" : "", median, Percentiles.percentile(rates, 0),
                Percentiles.percentile(rates, 100), runs);
        out.flush();
        return median;
    }

    private double pass(ComputationGraph network, List<EncodedExample> examples, Random random) {
        long start = System.nanoTime();
        for (List<EncodedExample> batch : LengthBuckets.shuffled(examples, config.batchSize(), random)) {
            network.fit(LengthBuckets.toDataSet(batch, EncodingSettings.Side.POST));
        }
        return examples.size() / ((System.nanoTime() - start) / 1e9);
    }
}
