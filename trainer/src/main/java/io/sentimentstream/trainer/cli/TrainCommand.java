package io.sentimentstream.trainer.cli;

import io.sentimentstream.core.data.DataFingerprints;
import io.sentimentstream.core.data.Dataset;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.ReviewMovies;
import io.sentimentstream.core.model.DataFingerprint;
import io.sentimentstream.core.model.DefaultModel;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.core.text.EncodingSettings;
import io.sentimentstream.trainer.TrainerCli;
import io.sentimentstream.trainer.embed.WordVectors;
import io.sentimentstream.trainer.report.TrainingReportWriter;
import io.sentimentstream.trainer.train.NgramSettings;
import io.sentimentstream.trainer.train.SentimentTrainer;
import io.sentimentstream.trainer.train.TrainingConfig;
import io.sentimentstream.trainer.train.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainer train}: reads labelled reviews, trains, and writes the bundle and its report. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train the LSTM on labelled reviews and write a model bundle plus a report.")
public final class TrainCommand implements Callable<Integer> {

    private static final TrainingConfig D = TrainingConfig.defaults();

    @Spec
    private CommandSpec spec;

    @Mixin
    private LabelledDataOptions input;

    @Option(names = "--output", paramLabel = "BUNDLE", description = "Bundle to write (default: " + DefaultModel.RELATIVE_PATH + ").")
    private Path output = Path.of(DefaultModel.RELATIVE_PATH);

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where the report goes (default: <bundle>-report next to the bundle).")
    private Path reportDir;

    @Option(names = "--name", defaultValue = "imdb-lstm", description = "Model name in the bundle (default: ${DEFAULT-VALUE}).")
    private String name;

    @Option(names = "--skip-bad-records", description = "Skip and count bad records instead of stopping at the first.")
    private boolean skipBadRecords;

    @Option(names = "--embeddings", paramLabel = "FILE", description = "Start the embedding from these word vectors (from word-vectors; word2vec text format, width = --embedding-size).")
    private Path embeddings;

    @Option(names = "--vocab-size", description = "Words kept in the vocabulary (default: ${DEFAULT-VALUE}).")
    private int vocabularySize = D.vocabularySize();

    @Option(names = "--min-count", description = "Minimum word count to enter the vocabulary (default: ${DEFAULT-VALUE}).")
    private int minWordCount = D.minWordCount();

    @Option(names = "--max-length", description = "Tokens kept per review (default: ${DEFAULT-VALUE}).")
    private int maxLength = D.maxLength();

    @Option(names = "--truncate", description = "Which end of long reviews to drop: PRE keeps the end, POST the start (default: ${DEFAULT-VALUE}).")
    private EncodingSettings.Side truncation = D.truncation();

    @Option(names = "--remove-stop-words", description = "Remove English stop words (negations are kept).")
    private boolean removeStopWords = D.removeStopWords();

    @Option(names = "--embedding-size", description = "Word embedding width (default: ${DEFAULT-VALUE}).")
    private int embeddingSize = D.embeddingSize();

    @Option(names = "--lstm-size", description = "LSTM units per direction (default: ${DEFAULT-VALUE}).")
    private int lstmSize = D.lstmSize();

    // The negatable flags are boxed and start null: picocli negates relative to a field's initial
    // value, so with a true default `--no-x` left it true. Null means "not given": the default applies.
    @Option(names = "--bidirectional", negatable = true, description = "Bidirectional LSTM (default: off).")
    Boolean bidirectional;

    @Option(names = "--dropout", description = "Dropout before the output layer (default: ${DEFAULT-VALUE}).")
    private double dropout = D.dropout();

    @Option(names = "--learning-rate", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate = D.learningRate();

    @Option(names = "--l2", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    private double l2 = D.l2();

    @Option(names = "--gradient-clip", description = "Per-layer gradient L2 norm limit, 0 disables (default: ${DEFAULT-VALUE}).")
    private double gradientClip = D.gradientClip();

    @Option(names = "--batch-size", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    private int batchSize = D.batchSize();

    @Option(names = "--epochs", description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
    private int epochs = D.epochs();

    @Option(names = "--patience", description = "Epochs without improvement before early stopping (default: ${DEFAULT-VALUE}).")
    private int patience = D.patience();

    @Option(names = "--validation-fraction", description = "Stratified validation share (default: ${DEFAULT-VALUE}).")
    private double validationFraction = D.validationFraction();

    @Option(names = "--max-examples", description = "Use only this many labelled reviews, 0 for all (default: ${DEFAULT-VALUE}).")
    private int maxExamples = D.maxTrainExamples();

    @Option(names = "--seed", description = "Seed for split, shuffling and initialisation (default: ${DEFAULT-VALUE}).")
    private long seed = D.seed();

    @Option(names = "--sentence-crops", description = "Short crops (1-3 sentences, review's label) added per training review and epoch; 0 for none (default: ${DEFAULT-VALUE}).")
    private int sentenceCrops = D.sentenceCrops();

    @Option(names = "--ngram-bits", description = "N-gram branch with 2^bits buckets fused with the LSTM; 0 for LSTM only (default: ${DEFAULT-VALUE}).")
    private int ngramHashBits = D.ngram().hashBits();

    @Option(names = "--ngram-order", description = "Longest n-gram of the branch, 2 or 3 (default: ${DEFAULT-VALUE}).")
    private int ngramOrder = D.ngram().order();

    @Option(names = "--ngram-length-normalised", negatable = true, description = "Divide the branch's weight sum by the square root of the number of n-grams (default: off).")
    Boolean ngramLengthNormalised;

    @Option(names = "--ngram-refit-all", negatable = true, description = "Refit the linear members on all labelled reviews once validation has fitted the fusion; the shipped members are then not the validated ones and no review is held out (default: off).")
    Boolean ngramRefitAll;

    @Option(names = "--ngram-l2", description = "L2 penalty of the n-gram branch (default: ${DEFAULT-VALUE}).")
    private double ngramL2 = D.ngram().l2();

    @Option(names = "--fusion-short-texts", negatable = true, description = "Fit the fusion weights on the validation reviews and their first and last sentences (default: on).")
    Boolean fusionShortTexts;

    @Option(names = "--tfidf-bits", description = "A third member fused with the others: TF-IDF logistic regression over uni- and bigrams in 2^bits buckets; 0 for none (default: ${DEFAULT-VALUE}).")
    private int tfidfHashBits = D.ngram().tfidfHashBits();

    @Option(names = "--publish", description = "Publish the bundle to the model registry once written (see publish).")
    private boolean publish;

    @picocli.CommandLine.Mixin
    private RegistryPublishing registry;

    /** The configuration the flags give, defaults where a flag is absent. */
    TrainingConfig config() {
        return new TrainingConfig(vocabularySize, minWordCount, maxLength, truncation,
                removeStopWords, embeddingSize, lstmSize, given(bidirectional, D.bidirectional()), dropout, learningRate,
                l2, gradientClip, batchSize, epochs, patience, validationFraction, maxExamples, seed,
                new NgramSettings(ngramHashBits, ngramOrder, given(ngramLengthNormalised, D.ngram().lengthNormalised()),
                        given(ngramRefitAll, D.ngram().refitOnAll()), ngramL2,
                        given(fusionShortTexts, D.ngram().fusionOnShortTexts()), tfidfHashBits), sentenceCrops);
    }

    private static boolean given(Boolean flag, boolean absent) {
        return flag == null ? absent : flag;
    }

    @Override
    public Integer call() throws Exception {
        TrainingConfig config = config();
        var err = spec.commandLine().getErr();
        // Read before the dataset: a bad vectors file should fail in a second, not after the data.
        SentimentTrainer.PretrainedEmbedding pretrained = embeddings == null ? null
                : new SentimentTrainer.PretrainedEmbedding(WordVectors.read(embeddings), embeddings.getFileName().toString());
        if (pretrained != null && pretrained.vectors().dimension() != embeddingSize) {
            throw new IllegalArgumentException("the word vectors in " + embeddings + " have " + pretrained.vectors().dimension()
                    + " dimensions but --embedding-size is " + embeddingSize);
        }
        Dataset dataset = input.read(skipBadRecords);
        err.printf(Locale.ROOT, "read %d reviews from %s (%s)%s%n", dataset.reviews().size(), input.data,
                dataset.format(), dataset.skipped() > 0 ? ", skipped " + dataset.skipped() + " bad records" : "");
        err.flush();
        List<Review> reviews = dataset.reviews();
        DataFingerprint fingerprint = DataFingerprints.of(reviews, input.data.toString());
        ReviewMovies reviewMovies = input.movies(dataset);
        TrainingResult result = new SentimentTrainer(config, new ProgressBarListener(err), pretrained)
                .train(reviews, reviewMovies, fingerprint, name);
        ModelBundleFile.write(result.bundle(), output);
        Path reportPath = reportDir != null ? reportDir
                : output.toAbsolutePath().resolveSibling(output.getFileName().toString().replaceFirst("\\.[^.]*$", "") + "-report");
        String command = TrainerCli.INVOCATION + " " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        Path md = TrainingReportWriter.write(result, command, output, reportPath);
        err.printf(Locale.ROOT, "validation accuracy %.4f (best epoch %d); bundle %s; report %s%n",
                result.validation().accuracy(), result.bestEpoch(), output, md);
        err.flush();
        if (publish) {
            var published = registry.publish(output);
            spec.commandLine().getOut().printf("published %s to the model registry%n", published.ref());
        }
        return 0;
    }
}
