package io.sentimentstream.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.model.FusionWeights;
import io.sentimentstream.core.model.NgramLogit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FusionAndNgramTrainingTest {

    @Test
    void fusionRecoversKnownWeights() {
        // Labels drawn from a known logistic model over the two scores.
        Random random = new Random(3);
        int n = 20_000;
        double[] lstm = new double[n];
        double[] ngram = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            double lstmLogit = random.nextGaussian() * 2;
            lstm[i] = 1 / (1 + Math.exp(-lstmLogit));
            ngram[i] = random.nextGaussian() * 2;
            double z = 0.5 * lstmLogit + 1.5 * ngram[i] - 0.3;
            positive[i] = random.nextDouble() < 1 / (1 + Math.exp(-z));
        }
        FusionWeights w = FusionFitter.fit(lstm, ngram, positive, null);
        assertEquals(0.5, w.lstm(), 0.08);
        assertEquals(1.5, w.ngram(), 0.1);
        assertEquals(-0.3, w.bias(), 0.08);
    }

    @Test
    void fusionOfThreeMembersRecoversKnownWeights() {
        // Labels drawn from a known logistic model over the three scores, two of them correlated as
        // the two linear members are.
        Random random = new Random(4);
        int n = 30_000;
        double[] lstm = new double[n];
        double[] ngram = new double[n];
        double[] tfidf = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            double lstmLogit = random.nextGaussian() * 2;
            lstm[i] = 1 / (1 + Math.exp(-lstmLogit));
            ngram[i] = random.nextGaussian() * 2;
            tfidf[i] = 0.6 * ngram[i] + random.nextGaussian();
            double z = 0.4 * lstmLogit + 0.8 * ngram[i] + 0.7 * tfidf[i] - 0.2;
            positive[i] = random.nextDouble() < 1 / (1 + Math.exp(-z));
        }
        FusionWeights w = FusionFitter.fit(lstm, ngram, tfidf, positive, null);
        assertEquals(0.4, w.lstm(), 0.08);
        assertEquals(0.8, w.ngram(), 0.1);
        assertEquals(0.7, w.tfidf(), 0.1);
        assertEquals(-0.2, w.bias(), 0.08);
        assertEquals(0, FusionFitter.fit(lstm, ngram, positive, null).tfidf(), "two members leave the third at 0");
    }

    @Test
    void fusionStaysFiniteWhenOneScoreIsSaturatedAndNearlySeparating() {
        // The LSTM is sure of itself (probabilities at the clip limits) and right 90% of the time;
        // the n-gram score is informative but noisy. Fitted weights must stay moderate.
        Random random = new Random(9);
        int n = 2_500;
        double[] lstm = new double[n];
        double[] ngram = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            positive[i] = i % 2 == 0;
            boolean lstmRight = random.nextDouble() < 0.9;
            lstm[i] = positive[i] == lstmRight ? 1.0 : 0.0;
            ngram[i] = (positive[i] ? 2 : -2) + random.nextGaussian() * 3;
        }
        FusionWeights w = FusionFitter.fit(lstm, ngram, positive, null);
        assertTrue(Math.abs(w.lstm()) < 10 && Math.abs(w.ngram()) < 10 && Math.abs(w.bias()) < 10, w.toString());
        assertTrue(w.lstm() > 0 && w.ngram() > 0, w.toString());
    }

    @Test
    void ngramModelLearnsWhichWordsArePositive() {
        // Ids 10-19 mean positive, 20-29 negative, 30-99 are noise in both classes.
        Random random = new Random(4);
        List<EncodedExample> train = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int label = i % 2;
            int[] ids = new int[30];
            for (int t = 0; t < ids.length; t++) {
                ids[t] = t % 10 == 0 ? (label == 1 ? 10 : 20) + random.nextInt(10) : 30 + random.nextInt(70);
            }
            train.add(new EncodedExample(ids, label));
        }
        NgramLogit model = new NgramLogitTrainer(16, 3, 0.05, 1e-5, 1L).train(train);
        assertTrue(model.logit(new int[] {12, 40, 41}) > 1, "positive word should give a positive logit");
        assertTrue(model.logit(new int[] {25, 40, 41}) < -1, "negative word should give a negative logit");
    }
}
