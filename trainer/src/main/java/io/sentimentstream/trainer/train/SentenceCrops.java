package io.sentimentstream.trainer.train;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.text.SequenceEncoder;
import io.sentimentstream.core.text.TextNormalizer;
import io.sentimentstream.trainer.text.Sentences;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Short training examples cut out of whole reviews: one to {@link #MAX_SENTENCES} consecutive
 * sentences with the review's label. The LSTM otherwise only ever sees long reviews and learns
 * to wait for the verdict at their end, so a one-sentence review is out of its distribution. New
 * crops are drawn every epoch; the label is noisy (a positive review has negative sentences),
 * which the long reviews outweigh.
 */
final class SentenceCrops {

    static final int MAX_SENTENCES = 3;
    private static final int MIN_TOKENS = 3;

    private final List<List<List<String>>> sentenceTokens = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private final SequenceEncoder encoder;
    private final int cropsPerReview;

    SentenceCrops(List<Review> reviews, TextNormalizer normalizer, SequenceEncoder encoder, int cropsPerReview) {
        this.encoder = encoder;
        this.cropsPerReview = cropsPerReview;
        if (cropsPerReview == 0) {
            return;
        }
        for (Review review : reviews) {
            List<List<String>> sentences = new ArrayList<>();
            for (String sentence : Sentences.split(review.text())) {
                List<String> tokens = normalizer.tokenize(sentence);
                if (!tokens.isEmpty()) {
                    sentences.add(tokens);
                }
            }
            if (sentences.size() > 1) {
                sentenceTokens.add(sentences);
                labels.add(review.label().index());
            }
        }
    }

    /** This epoch's crops: {@code cropsPerReview} per review of two or more sentences. */
    List<EncodedExample> draw(Random random) {
        List<EncodedExample> crops = new ArrayList<>(sentenceTokens.size() * cropsPerReview);
        for (int r = 0; r < sentenceTokens.size(); r++) {
            List<List<String>> sentences = sentenceTokens.get(r);
            for (int c = 0; c < cropsPerReview; c++) {
                int length = 1 + random.nextInt(Math.min(MAX_SENTENCES, sentences.size()));
                int start = random.nextInt(sentences.size() - length + 1);
                List<String> tokens = new ArrayList<>();
                for (int s = start; s < start + length; s++) {
                    tokens.addAll(sentences.get(s));
                }
                if (tokens.size() >= MIN_TOKENS) {
                    crops.add(new EncodedExample(encoder.encode(tokens), labels.get(r)));
                }
            }
        }
        return crops;
    }
}
