package io.sentimentstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.model.DefaultModel;
import io.sentimentstream.core.model.Prediction;
import io.sentimentstream.core.model.SentimentModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * A sanity check of the committed default model on short, plain sentences whose sentiment nobody
 * would dispute, negations included. Not a tuning target: a model that fails these is broken in
 * a way its validation accuracy on long reviews does not show. "The movie was not good." is the
 * negation case that holds; "Not bad at all." does not yet (see {@link #notBadIsPositive()}).
 */
class ShippedModelSanityTest {

    @Test
    void theShippedModelGetsTheObviousShortSentencesRight() {
        Path bundle = DefaultModel.locate();
        assertTrue(Files.isRegularFile(bundle), "the default model is committed: " + bundle);
        SentimentModel model = SentimentModel.load(bundle);
        List<String> positive = List.of(
                "A wonderful, moving film with brilliant acting.",
                "I loved this movie, one of the best I have ever seen.");
        List<String> negative = List.of(
                "Awful, boring and a complete waste of time.",
                "The worst film I have ever seen.",
                "The movie was not good.");
        List<Prediction> onPositive = model.predict(positive);
        List<Prediction> onNegative = model.predict(negative);
        for (int i = 0; i < positive.size(); i++) {
            assertEquals("pos", onPositive.get(i).label(), positive.get(i) + " -> " + onPositive.get(i));
        }
        for (int i = 0; i < negative.size(); i++) {
            assertEquals("neg", onNegative.get(i).label(), negative.get(i) + " -> " + onNegative.get(i));
        }
    }

    @Test
    @Disabled("known failure: 'Not bad at all.' scores neg 0.08 with the default model; 90 of the 153 IMDB training "
            + "reviews containing 'not bad' are negative, and every member learns that (docs/experiments.md)")
    void notBadIsPositive() {
        Prediction p = SentimentModel.load(DefaultModel.locate()).predict(List.of("Not bad at all.")).get(0);
        assertEquals("pos", p.label(), "Not bad at all. -> " + p);
    }
}
