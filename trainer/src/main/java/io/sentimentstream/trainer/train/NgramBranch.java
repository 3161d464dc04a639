package io.sentimentstream.trainer.train;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.data.StratifiedSplit;
import io.sentimentstream.core.metrics.ClassificationReport;
import io.sentimentstream.core.model.BundleManifest;
import io.sentimentstream.core.model.FusionWeights;
import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.NgramLogit;
import io.sentimentstream.core.model.SentimentModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second training step: fits the {@link NgramLogit} on the training part of the same split
 * the LSTM used, then the fusion weights on the validation part. Runs inside {@code train} or on
 * its own against an existing LSTM bundle ({@code trainer add-ngram}), so the slow LSTM need not
 * be retrained to add or retune the fast branch.
 */
public final class NgramBranch {

    /** Validation outcome of the branch. */
    public record Outcome(ModelBundle bundle, ClassificationReport fused, ClassificationReport lstmOnly,
                          ClassificationReport ngramOnly, double crossFittedAccuracy, double seconds) {
    }

    private final int hashBits;
    private final long seed;

    /** A branch of {@code 2^hashBits} n-gram buckets. */
    public NgramBranch(int hashBits, long seed) {
        this.hashBits = hashBits;
        this.seed = seed;
    }

    /**
     * Adds the branch to an LSTM-only bundle.
     *
     * @param lstmBundle the trained LSTM (its preprocessing settings are reused)
     * @param split      the split the LSTM was trained with
     */
    public Outcome attach(ModelBundle lstmBundle, StratifiedSplit split) {
        long start = System.nanoTime();
        ModelBundle lstmOnly = new ModelBundle(lstmBundle.manifest().withFusion(lstmBundle.manifest().metrics(), null),
                lstmBundle.vocabulary(), lstmBundle.network());
        SentimentModel lstm = new SentimentModel(lstmOnly);
        List<EncodedExample> train = encode(lstm, split.train());
        List<int[]> validationIds = new ArrayList<>();
        boolean[] positive = new boolean[split.validation().size()];
        for (int i = 0; i < positive.length; i++) {
            Review review = split.validation().get(i);
            validationIds.add(lstm.encode(review.text()));
            positive[i] = review.label() == Sentiment.POS;
        }
        NgramLogit ngram = new NgramLogitTrainer(hashBits, 5, 0.05, 1e-5, seed).train(train);

        double[] lstmProbabilities = lstm.positiveProbabilities(validationIds, 128);
        double[] ngramLogits = new double[positive.length];
        double[] ngramProbabilities = new double[positive.length];
        for (int i = 0; i < positive.length; i++) {
            ngramLogits[i] = ngram.logit(validationIds.get(i));
            ngramProbabilities[i] = 1 / (1 + Math.exp(-ngramLogits[i]));
        }
        double crossFitted = crossFittedAccuracy(lstmProbabilities, ngramLogits, positive);
        FusionWeights fusion = FusionFitter.fit(lstmProbabilities, ngramLogits, positive, null);
        double[] fused = new double[positive.length];
        for (int i = 0; i < fused.length; i++) {
            fused[i] = fusion.fuse(lstmProbabilities[i], ngramLogits[i]);
        }
        List<String> labels = lstmBundle.manifest().labels();
        ClassificationReport fusedReport = ClassificationReport.of(labels, fused, positive);
        ClassificationReport lstmReport = ClassificationReport.of(labels, lstmProbabilities, positive);
        ClassificationReport ngramReport = ClassificationReport.of(labels, ngramProbabilities, positive);
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> metrics = new LinkedHashMap<>(lstmBundle.manifest().metrics());
        metrics.put("validation", fusedReport.toMap());
        metrics.put("validationLstmOnly", lstmReport.toMap());
        metrics.put("validationNgramOnly", ngramReport.toMap());
        metrics.put("fusionCrossFittedAccuracy", crossFitted);
        metrics.put("ngramHashBits", hashBits);
        metrics.put("ngramTrainingSeconds", seconds);
        BundleManifest manifest = lstmBundle.manifest().withFusion(metrics, fusion);
        ModelBundle bundle = new ModelBundle(manifest, lstmBundle.vocabulary(), lstmBundle.network(), ngram);
        return new Outcome(bundle, fusedReport, lstmReport, ngramReport, crossFitted, seconds);
    }

    /**
     * Accuracy of fusion weights fitted on one half of the validation part and applied to the
     * other, both ways: an estimate that the weights did not just memorise the validation part.
     */
    private static double crossFittedAccuracy(double[] lstm, double[] ngram, boolean[] positive) {
        boolean[] even = new boolean[positive.length];
        boolean[] odd = new boolean[positive.length];
        for (int i = 0; i < positive.length; i++) {
            even[i] = i % 2 == 0;
            odd[i] = !even[i];
        }
        FusionWeights onEven = FusionFitter.fit(lstm, ngram, positive, even);
        FusionWeights onOdd = FusionFitter.fit(lstm, ngram, positive, odd);
        int correct = 0;
        for (int i = 0; i < positive.length; i++) {
            FusionWeights heldOut = even[i] ? onOdd : onEven;
            if ((heldOut.fuse(lstm[i], ngram[i]) >= 0.5) == positive[i]) {
                correct++;
            }
        }
        return (double) correct / Math.max(1, positive.length);
    }

    private static List<EncodedExample> encode(SentimentModel model, List<Review> reviews) {
        List<EncodedExample> examples = new ArrayList<>(reviews.size());
        for (Review review : reviews) {
            examples.add(new EncodedExample(model.encode(review.text()), review.label().index()));
        }
        return examples;
    }
}
