package io.sentimentstream.trainer.train;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.ReviewMovies;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.data.StratifiedSplit;
import io.sentimentstream.core.metrics.ClassificationReport;
import io.sentimentstream.core.model.BundleManifest;
import io.sentimentstream.core.model.DataFingerprint;
import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.PreprocessingSettings;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.trainer.dl4j.Dl4jNetworks;
import io.sentimentstream.trainer.dl4j.Dl4jScorer;
import io.sentimentstream.trainer.dl4j.SentimentNetworkFactory;
import io.sentimentstream.core.text.EncodingSettings;
import io.sentimentstream.core.text.NormalizationSettings;
import io.sentimentstream.core.text.Vocabulary;
import io.sentimentstream.trainer.eval.ValidationProfile;
import io.sentimentstream.trainer.embed.WordVectors;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * Trains the sentiment classifier: stratified split (by movie where movies are known), vocabulary from the training part only,
 * encoding with the shared core code, length-bucketed mini-batches, and early stopping on
 * validation accuracy that keeps the best epoch's weights.
 */
public final class SentimentTrainer {

    /** Labels in network output order. */
    public static final List<String> LABELS = List.of(Sentiment.NEG.label(), Sentiment.POS.label());
    private static final int EVAL_BATCH = 128;
    private static final int TRAIN_SAMPLE = 2_000;

    private final TrainingConfig config;
    private final TrainingListener listener;
    private final PretrainedEmbedding pretrained;

    /**
     * Word vectors to start the embedding from, and where they came from (for the bundle's metrics).
     *
     * @param vectors vectors of the embedding's width
     * @param source  file name or description
     */
    public record PretrainedEmbedding(WordVectors vectors, String source) {
    }

    /** A trainer for one configuration, reporting progress to {@code listener}. */
    public SentimentTrainer(TrainingConfig config, TrainingListener listener) {
        this(config, listener, null);
    }

    /** As above, with the embedding initialised from {@code pretrained} (may be {@code null}). */
    public SentimentTrainer(TrainingConfig config, TrainingListener listener, PretrainedEmbedding pretrained) {
        this.config = config;
        this.listener = listener;
        this.pretrained = pretrained;
    }

    /**
     * Trains on labelled reviews.
     *
     * @param reviews     labelled reviews; the validation part is carved out of them
     * @param fingerprint identifies the data, stored in the bundle
     * @param modelName   name written into the bundle
     */
    public TrainingResult train(List<Review> reviews, DataFingerprint fingerprint, String modelName) {
        return train(reviews, ReviewMovies.none(), fingerprint, modelName);
    }

    /**
     * Trains on labelled reviews, holding out whole movies where {@code movies} names them.
     *
     * @param reviews     labelled reviews; the validation part is carved out of them
     * @param movies      the movie of each review where known ({@link ReviewMovies#none()} otherwise)
     * @param fingerprint identifies the data, stored in the bundle
     * @param modelName   name written into the bundle
     */
    public TrainingResult train(List<Review> reviews, ReviewMovies movies, DataFingerprint fingerprint,
                                String modelName) {
        StratifiedSplit split = StratifiedSplit.of(reviews, movies, config.validationFraction(),
                config.maxTrainExamples(), config.seed());
        listener.note("validation: " + split.provenance().describe());
        TextPreparation text = TextPreparation.fit(config, split.train());
        Vocabulary vocabulary = text.vocabulary();
        NormalizationSettings normalization = text.normalization();
        EncodingSettings encoding = text.encoding();
        List<EncodedExample> train = text.trainExamples(split.train());
        List<EncodedExample> validation = text.examples(split.validation());
        SentenceCrops crops = new SentenceCrops(split.train(), text.normalizer(), text.encoder(), config.sentenceCrops());
        listener.prepared(train.size(), validation.size(), vocabulary.size());

        ComputationGraph network = SentimentNetworkFactory.create(config.architecture(vocabulary.size()));
        Map<String, Object> embeddingInfo = null;
        if (pretrained != null) {
            int covered = pretrained.vectors().initialise(network.getLayer("embedding").getParam("W"), vocabulary);
            embeddingInfo = new LinkedHashMap<>();
            embeddingInfo.put("source", pretrained.source());
            embeddingInfo.put("vectors", pretrained.vectors().vectors().size());
            embeddingInfo.put("vocabularyCovered", covered);
            listener.note(String.format(java.util.Locale.ROOT, "embedding initialised from %s: %d of %d words",
                    pretrained.source(), covered, vocabulary.size()));
        }
        PreprocessingSettings preprocessing = new PreprocessingSettings(normalization, encoding);
        BundleManifest provisional = manifest(modelName, preprocessing, vocabulary, Map.of(), fingerprint);
        // DL4J engine: the Java engine copies weights once, and these change every epoch.
        SentimentModel scorer = SentimentModel.withEngine(
                new ModelBundle(provisional, vocabulary, Dl4jNetworks.toData(network)),
                new Dl4jScorer(network, encoding.padding()));

        Random random = new Random(config.seed());
        List<EncodedExample> trainSample = train.subList(0, Math.min(TRAIN_SAMPLE, train.size()));
        List<EpochStats> history = new ArrayList<>();
        INDArray bestParams = null;
        double bestAccuracy = -1;
        int bestEpoch = 0;
        double totalSeconds = 0;
        long totalExamples = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            List<EncodedExample> epochExamples = new ArrayList<>(train);
            epochExamples.addAll(crops.draw(random));
            listener.epochStarted(epoch, config.epochs(), epochExamples.size());
            long start = System.nanoTime();
            double lossSum = 0;
            int batches = 0;
            for (List<EncodedExample> batch : LengthBuckets.shuffled(epochExamples, config.batchSize(), random)) {
                MultiDataSet data = LengthBuckets.toDataSet(batch, encoding.padding());
                network.fit(data);
                double loss = network.score();
                lossSum += loss;
                batches++;
                listener.batchFitted(batch.size(), loss);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            totalSeconds += seconds;
            totalExamples += epochExamples.size();
            Evaluation val = evaluate(scorer, validation);
            Evaluation sample = evaluate(scorer, trainSample);
            EpochStats stats = new EpochStats(epoch, lossSum / Math.max(1, batches), sample.accuracy(),
                    val.loss(), val.accuracy(), seconds, epochExamples.size() / seconds);
            history.add(stats);
            boolean best = val.accuracy() > bestAccuracy;
            if (best) {
                bestAccuracy = val.accuracy();
                bestEpoch = epoch;
                bestParams = network.params().dup();
            }
            listener.epochFinished(stats, best);
            if (epoch - bestEpoch >= config.patience()) {
                break;
            }
        }
        network.setParams(bestParams);
        Evaluation finalVal = evaluate(scorer, validation);
        ClassificationReport report = ClassificationReport.of(LABELS, finalVal.probabilities(), finalVal.actual());

        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("validation", report.toMap());
        metrics.put("bestEpoch", bestEpoch);
        metrics.put("epochsRun", history.size());
        metrics.put("trainExamples", train.size());
        metrics.put("validationExamples", validation.size());
        metrics.put("split", split.provenance().toMap());
        metrics.put("trainingSeconds", totalSeconds);
        metrics.put("trainingExamplesPerSecond", totalExamples / Math.max(1e-9, totalSeconds));
        if (embeddingInfo != null) {
            metrics.put("pretrainedEmbedding", embeddingInfo);
        }
        ModelBundle bundle = new ModelBundle(manifest(modelName, preprocessing, vocabulary, metrics, fingerprint),
                vocabulary, Dl4jNetworks.toData(network));
        ClassificationReport lstmReport = report;
        if (config.ngram().enabled()) {
            NgramBranch.Outcome outcome = new NgramBranch(config.ngram(), config.seed()).attach(bundle, split);
            bundle = outcome.bundle();
            report = outcome.fused();
        }
        // The reference of drift detection: the final model on its own validation reviews.
        bundle = ValidationProfile.attach(bundle, split);
        return new TrainingResult(bundle, List.copyOf(history), bestEpoch, report, lstmReport, train.size(),
                totalSeconds, totalExamples / Math.max(1e-9, totalSeconds));
    }

    private BundleManifest manifest(String name, PreprocessingSettings preprocessing, Vocabulary vocabulary,
                                    Map<String, Object> metrics, DataFingerprint fingerprint) {
        Instant now = Instant.now();
        String version = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
        return new BundleManifest(BundleManifest.CURRENT_FORMAT_VERSION, name, version, now.toString(), LABELS,
                preprocessing, vocabulary.size(), config.toMap(), metrics, fingerprint, Map.of(), null);
    }

    private static Evaluation evaluate(SentimentModel scorer, List<EncodedExample> examples) {
        List<int[]> ids = new ArrayList<>(examples.size());
        boolean[] actual = new boolean[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            ids.add(examples.get(i).ids());
            actual[i] = examples.get(i).label() == Sentiment.POS.index();
        }
        double[] probabilities = scorer.positiveProbabilities(ids, EVAL_BATCH);
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = actual[i] ? probabilities[i] : 1 - probabilities[i];
            loss -= Math.log(Math.max(1e-7, p));
            if (p >= 0.5) {
                correct++;
            }
        }
        int n = Math.max(1, probabilities.length);
        return new Evaluation(probabilities, actual, loss / n, (double) correct / n);
    }

    private record Evaluation(double[] probabilities, boolean[] actual, double loss, double accuracy) {
    }
}
