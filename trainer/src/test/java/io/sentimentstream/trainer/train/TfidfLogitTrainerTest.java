package io.sentimentstream.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.model.NgramLogit;
import io.sentimentstream.core.model.TfidfLogit;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TfidfLogitTrainerTest {

    private static List<EncodedExample> markedTexts() {
        // ids 2 and 3 mark positives, 4 and 5 negatives; 10-29 are noise on both sides.
        Random random = new Random(3);
        List<EncodedExample> texts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            boolean positive = i % 2 == 0;
            int marker = (positive ? 2 : 4) + random.nextInt(2);
            texts.add(new EncodedExample(new int[] {10 + random.nextInt(20), marker, 10 + random.nextInt(20)},
                    positive ? 1 : 0));
        }
        return texts;
    }

    @Test
    void learnsWhichWordsMarkEachClass() {
        TfidfLogit model = new TfidfLogitTrainer(12, 2, 1L).train(markedTexts());
        assertTrue(model.logit(new int[] {11, 2, 12}) > Math.log(4), "positive marker");
        assertTrue(model.logit(new int[] {11, 5, 12}) < -Math.log(4), "negative marker");
    }

    @Test
    void theServedLogitIsTheUnitLengthTfidfDotProduct() throws Exception {
        TfidfLogit model = new TfidfLogitTrainer(10, 3, 1L).train(markedTexts());
        TfidfLogit read = TfidfLogit.fromBytes(new ByteArrayInputStream(model.toBytes()));
        int[] ids = {11, 2, 12, 2, 11};
        // Recomputed here from the definition, over the sorted distinct buckets.
        float[] weights = new float[1 << 10];
        float[] idf = new float[1 << 10];
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(model.toBytes());
        bytes.position(12);
        float bias = bytes.getFloat();
        bytes.asFloatBuffer().get(weights).get(idf);
        double numerator = 0;
        double squares = 0;
        for (int b : NgramLogit.buckets(ids, 10, 3)) {
            numerator += weights[b];
            squares += (double) idf[b] * idf[b];
        }
        double expected = bias + numerator / Math.sqrt(squares);
        assertEquals(expected, model.logit(ids), 1e-12);
        assertEquals(expected, read.logit(ids), 1e-12);
        assertEquals(bias, read.logit(new int[0]), 1e-12, "no n-gram: the intercept alone");
    }
}
