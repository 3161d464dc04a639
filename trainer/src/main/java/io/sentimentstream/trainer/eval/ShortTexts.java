package io.sentimentstream.trainer.eval;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.trainer.text.Sentences;
import java.util.ArrayList;
import java.util.List;

/**
 * One-sentence reviews made without the official test split: the first and the last sentence of
 * each held-out validation review, labelled with the review's label. Openings often set the tone
 * and closings give the verdict; both are noisier than whole reviews (a sentence may be neutral),
 * so the figure is for comparing models on the same texts, here against a TF-IDF baseline.
 */
public final class ShortTexts {

    /** Sentences shorter than this many words ("Wow.") carry too little to label. */
    static final int MIN_WORDS = 4;

    private ShortTexts() {
    }

    /** The first and last sentences (when distinct and long enough) of each review. */
    public static List<Review> firstAndLastSentences(List<Review> reviews) {
        List<Review> texts = new ArrayList<>();
        for (Review review : reviews) {
            List<String> sentences = Sentences.split(review.text());
            if (sentences.isEmpty()) {
                continue;
            }
            add(texts, review, "first", sentences.get(0));
            if (sentences.size() > 1) {
                add(texts, review, "last", sentences.get(sentences.size() - 1));
            }
        }
        return texts;
    }

    private static void add(List<Review> texts, Review review, String which, String sentence) {
        if (sentence.split("\\s+").length >= MIN_WORDS) {
            texts.add(new Review(review.id() + "#" + which, sentence, review.label(), review.rating()));
        }
    }
}
