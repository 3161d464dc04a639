package io.sentimentstream.streams.testing;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.text.Vocabulary;
import io.sentimentstream.streams.scoring.ReviewScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scorer with known answers: a review containing the word {@code good} is positive with
 * probability 0.95, any other negative with 0.15. Words are ids 2 ({@code good}), 3 (other known
 * words) or {@link Vocabulary#OOV_ID} (words starting with {@code zz}).
 */
public final class WordScorer implements ReviewScorer {

    /** The model it reports. */
    public static final ModelRef MODEL = new ModelRef("words", "1");

    @Override
    public ModelRef model() {
        return MODEL;
    }

    @Override
    public int[] encode(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).trim().split("\\s+");
        int[] ids = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            ids[i] = words[i].equals("good") ? 2 : words[i].startsWith("zz") ? Vocabulary.OOV_ID : 3;
        }
        return ids;
    }

    @Override
    public List<Score> score(List<int[]> encoded) {
        List<Score> scores = new ArrayList<>();
        for (int[] ids : encoded) {
            boolean good = false;
            for (int id : ids) {
                good |= id == 2;
            }
            scores.add(good ? new Score(Sentiment.POS, 0.95) : new Score(Sentiment.NEG, 0.15));
        }
        return scores;
    }
}
