package io.sentimentstream.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TfidfLogisticTest {

    @Test
    void learnsWhichWordsMarkEachClass() {
        // ids 2 and 3 mark positives, 4 and 5 negatives; 10-29 are noise on both sides.
        Random random = new Random(3);
        List<int[]> texts = new ArrayList<>();
        boolean[] positive = new boolean[400];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = i % 2 == 0;
            int marker = (positive[i] ? 2 : 4) + random.nextInt(2);
            texts.add(new int[] {10 + random.nextInt(20), marker, 10 + random.nextInt(20)});
        }
        TfidfLogistic model = TfidfLogistic.fit(texts, positive, 1L);
        double[] p = model.positiveProbabilities(List.of(new int[] {11, 2, 12}, new int[] {11, 5, 12}));
        assertTrue(p[0] > 0.8, "positive marker: " + p[0]);
        assertTrue(p[1] < 0.2, "negative marker: " + p[1]);
    }
}
