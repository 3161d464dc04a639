package io.sentimentstream.trainer.train;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.text.EncodingSettings;
import io.sentimentstream.core.text.NormalizationSettings;
import io.sentimentstream.core.text.SequenceEncoder;
import io.sentimentstream.core.text.TextNormalizer;
import io.sentimentstream.core.text.Vocabulary;
import io.sentimentstream.core.text.VocabularyBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * How a configuration turns reviews into ids: the normaliser, and the vocabulary built from the
 * training part only (never from held-out reviews).
 *
 * @param normalization the normalisation settings
 * @param encoding      the encoding settings
 * @param normalizer    the normaliser
 * @param vocabulary    the vocabulary of the training part
 * @param encoder       the encoder
 * @param trainTokens   the training reviews' tokens, in order (tokenised once, reused)
 */
public record TextPreparation(NormalizationSettings normalization, EncodingSettings encoding, TextNormalizer normalizer,
                              Vocabulary vocabulary, SequenceEncoder encoder, List<List<String>> trainTokens) {

    /** Builds the preparation of {@code config} from the training reviews. */
    public static TextPreparation fit(TrainingConfig config, List<Review> train) {
        NormalizationSettings normalization = NormalizationSettings.defaults()
                .withRemoveStopWords(config.removeStopWords());
        TextNormalizer normalizer = new TextNormalizer(normalization);
        List<List<String>> tokens = new ArrayList<>(train.size());
        VocabularyBuilder counts = new VocabularyBuilder();
        for (Review review : train) {
            List<String> reviewTokens = normalizer.tokenize(review.text());
            tokens.add(reviewTokens);
            counts.add(reviewTokens);
        }
        Vocabulary vocabulary = counts.build(config.vocabularySize(), config.minWordCount());
        EncodingSettings encoding = new EncodingSettings(config.maxLength(), config.truncation(),
                EncodingSettings.Side.POST);
        return new TextPreparation(normalization, encoding, normalizer, vocabulary,
                new SequenceEncoder(vocabulary, encoding), tokens);
    }

    /** The training reviews as examples. */
    public List<EncodedExample> trainExamples(List<Review> train) {
        List<EncodedExample> examples = new ArrayList<>(train.size());
        for (int i = 0; i < train.size(); i++) {
            examples.add(new EncodedExample(encoder.encode(trainTokens.get(i)), train.get(i).label().index()));
        }
        return examples;
    }

    /** Other reviews as examples. */
    public List<EncodedExample> examples(List<Review> reviews) {
        List<EncodedExample> examples = new ArrayList<>(reviews.size());
        for (Review review : reviews) {
            examples.add(new EncodedExample(encoder.encode(normalizer.tokenize(review.text())), review.label().index()));
        }
        return examples;
    }
}
