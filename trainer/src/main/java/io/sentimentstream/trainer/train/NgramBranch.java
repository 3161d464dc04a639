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
import io.sentimentstream.core.model.TfidfLogit;
import io.sentimentstream.trainer.eval.ShortTextFigures;
import io.sentimentstream.trainer.eval.ShortTexts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second training step: fits the {@link NgramLogit} (and, where the settings ask, the
 * {@link TfidfLogit}) on the training part of the same split the LSTM used, then the fusion
 * weights on the validation part. Runs inside {@code train} or on
 * its own against an existing LSTM bundle ({@code trainer add-ngram}), so the slow LSTM need not
 * be retrained to add or retune the fast branch.
 */
public final class NgramBranch {

    /** Validation outcome of the branch. */
    public record Outcome(ModelBundle bundle, ClassificationReport fused, ClassificationReport lstmOnly,
                          ClassificationReport ngramOnly, ClassificationReport tfidfOnly, double crossFittedAccuracy,
                          ShortTextFigures shortTexts, double seconds) {
    }

    private static final int EPOCHS = 5;
    private static final double LEARNING_RATE = 0.05;

    private final NgramSettings features;
    private final long seed;

    /** A branch with the given features. */
    public NgramBranch(NgramSettings features, long seed) {
        this.features = features;
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
        Members members = Members.fit(features, train, seed);
        Scores validation = Scores.of(lstm, members, split.validation());
        Scores shortScores = Scores.of(lstm, members, ShortTexts.firstAndLastSentences(split.validation()));
        boolean[] positive = validation.positive();
        double crossFitted = crossFittedAccuracy(validation);
        // Fitted on long reviews alone, the weights trust the n-gram branch, which is weak on short texts.
        Scores fusionData = features.fusionOnShortTexts() ? validation.and(shortScores) : validation;
        FusionWeights fusion = fusionData.fit(null);
        List<String> labels = lstmBundle.manifest().labels();
        ClassificationReport fusedReport = ClassificationReport.of(labels, validation.fused(fusion), positive);
        ClassificationReport lstmReport = ClassificationReport.of(labels, validation.lstm(), positive);
        ClassificationReport ngramReport = ClassificationReport.of(labels, probabilities(validation.ngram()), positive);
        ClassificationReport tfidfReport = validation.tfidf() == null ? null
                : ClassificationReport.of(labels, probabilities(validation.tfidf()), positive);
        ShortTextFigures shortTexts = shortTexts(fusion, train, validation, shortScores);
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> metrics = new LinkedHashMap<>(lstmBundle.manifest().metrics());
        metrics.put("validation", fusedReport.toMap());
        metrics.put("validationLstmOnly", lstmReport.toMap());
        metrics.put("validationNgramOnly", ngramReport.toMap());
        if (tfidfReport != null) {
            metrics.put("validationTfidfOnly", tfidfReport.toMap());
        } else {
            metrics.remove("validationTfidfOnly");
        }
        metrics.put("fusionCrossFittedAccuracy", crossFitted);
        metrics.putAll(features.toMap());
        metrics.put("shortText", shortTexts.toMap());
        metrics.put("ngramTrainingSeconds", seconds);
        BundleManifest manifest = lstmBundle.manifest().withFusion(metrics, fusion);
        Members shipped = members;
        if (features.refitOnAll()) {
            // The figures above are the training-part members'; the shipped ones also learn from the
            // validation part, with the fusion weights fitted for their predecessors.
            List<EncodedExample> all = new ArrayList<>(train);
            all.addAll(encode(lstm, split.validation()));
            shipped = Members.fit(features, all, seed);
        }
        ModelBundle bundle = new ModelBundle(manifest, lstmBundle.vocabulary(), lstmBundle.network(), shipped.ngram(),
                shipped.tfidf());
        return new Outcome(bundle, fusedReport, lstmReport, ngramReport, tfidfReport, crossFitted, shortTexts, seconds);
    }

    /**
     * {@code shipped} with its linear members as validation measured them: fitted again on the
     * training part of {@code split} alone, with the settings and seed the bundle records. Where
     * the shipped members were refit on every review, this is the model whose behaviour on the
     * validation reviews is honest (the shipped one has learnt them).
     */
    public static ModelBundle withTrainingPartMembers(ModelBundle shipped, StratifiedSplit split, long seed) {
        NgramSettings settings = NgramSettings.fromMetrics(shipped.manifest().metrics());
        SentimentModel model = new SentimentModel(shipped);
        Members members = Members.fit(settings, encode(model, split.train()), seed);
        return new ModelBundle(shipped.manifest(), shipped.vocabulary(), shipped.network(), members.ngram(),
                members.tfidf());
    }

    /** The linear members: the NB-weighted n-gram model and, optionally, the TF-IDF model. */
    private record Members(NgramLogit ngram, TfidfLogit tfidf) {

        static Members fit(NgramSettings features, List<EncodedExample> examples, long seed) {
            TfidfLogit tfidf = features.tfidfHashBits() == 0 ? null
                    : new TfidfLogitTrainer(features.tfidfHashBits(), 2, seed).train(examples);
            return new Members(NgramBranch.fit(features, examples, seed), tfidf);
        }
    }

    /** Fits the branch's logistic regression with the branch's optimiser settings. */
    public static NgramLogit fit(NgramSettings features, List<EncodedExample> examples, long seed) {
        return new NgramLogitTrainer(features, EPOCHS, LEARNING_RATE, features.l2(), seed).train(examples);
    }

    /** The model, its parts and the TF-IDF baseline (fitted on the same training part) on short texts. */
    private ShortTextFigures shortTexts(FusionWeights fusion, List<EncodedExample> train, Scores validation,
                                        Scores shortTexts) {
        TfidfLogit baseline = TfidfLogitTrainer.baseline(seed).train(train);
        return new ShortTextFigures(shortTexts.positive().length,
                accuracy(shortTexts.fused(fusion), shortTexts.positive()),
                accuracy(shortTexts.lstm(), shortTexts.positive()),
                accuracy(probabilities(shortTexts.ngram()), shortTexts.positive()),
                accuracy(probabilities(logits(baseline, shortTexts.ids())), shortTexts.positive()),
                accuracy(probabilities(logits(baseline, validation.ids())), validation.positive()));
    }

    private static double[] logits(TfidfLogit model, List<int[]> ids) {
        double[] z = new double[ids.size()];
        for (int i = 0; i < z.length; i++) {
            z[i] = model.logit(ids.get(i));
        }
        return z;
    }

    private static double[] probabilities(double[] logits) {
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1 / (1 + Math.exp(-logits[i]));
        }
        return p;
    }

    private static double accuracy(double[] probabilities, boolean[] positive) {
        int correct = 0;
        for (int i = 0; i < positive.length; i++) {
            if ((probabilities[i] >= 0.5) == positive[i]) {
                correct++;
            }
        }
        return (double) correct / Math.max(1, positive.length);
    }

    /** The members' scores of some labelled texts; {@code tfidf} is null without that member. */
    private record Scores(List<int[]> ids, boolean[] positive, double[] lstm, double[] ngram, double[] tfidf) {

        static Scores of(SentimentModel lstm, Members members, List<Review> reviews) {
            List<int[]> ids = new ArrayList<>(reviews.size());
            boolean[] positive = new boolean[reviews.size()];
            double[] ngram = new double[reviews.size()];
            double[] tfidf = members.tfidf() == null ? null : new double[reviews.size()];
            for (int i = 0; i < positive.length; i++) {
                ids.add(lstm.encode(reviews.get(i).text()));
                positive[i] = reviews.get(i).label() == Sentiment.POS;
                ngram[i] = members.ngram().logit(ids.get(i));
                if (tfidf != null) {
                    tfidf[i] = members.tfidf().logit(ids.get(i));
                }
            }
            return new Scores(ids, positive, lstm.positiveProbabilities(ids, 128), ngram, tfidf);
        }

        /** These texts followed by {@code other}'s. */
        Scores and(Scores other) {
            List<int[]> allIds = new ArrayList<>(ids);
            allIds.addAll(other.ids);
            return new Scores(allIds, concat(positive, other.positive), concat(lstm, other.lstm),
                    concat(ngram, other.ngram), tfidf == null ? null : concat(tfidf, other.tfidf));
        }

        /** Fusion weights fitted on the texts selected by {@code use} (all when null). */
        FusionWeights fit(boolean[] use) {
            return FusionFitter.fit(lstm, ngram, tfidf, positive, use);
        }

        private static double[] concat(double[] a, double[] b) {
            double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        }

        private static boolean[] concat(boolean[] a, boolean[] b) {
            boolean[] c = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        }

        double fused(FusionWeights fusion, int i) {
            return fusion.fuse(lstm[i], ngram[i], tfidf == null ? 0 : tfidf[i]);
        }

        double[] fused(FusionWeights fusion) {
            double[] p = new double[lstm.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = fused(fusion, i);
            }
            return p;
        }
    }

    /**
     * Accuracy of fusion weights fitted on one half of the validation part and applied to the
     * other, both ways: an estimate that the weights did not just memorise the validation part.
     */
    private static double crossFittedAccuracy(Scores scores) {
        boolean[] positive = scores.positive();
        boolean[] even = new boolean[positive.length];
        boolean[] odd = new boolean[positive.length];
        for (int i = 0; i < positive.length; i++) {
            even[i] = i % 2 == 0;
            odd[i] = !even[i];
        }
        FusionWeights onEven = scores.fit(even);
        FusionWeights onOdd = scores.fit(odd);
        int correct = 0;
        for (int i = 0; i < positive.length; i++) {
            FusionWeights heldOut = even[i] ? onOdd : onEven;
            if ((scores.fused(heldOut, i) >= 0.5) == positive[i]) {
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
