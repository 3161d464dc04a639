package io.sentimentstream.trainer.embed;

import io.sentimentstream.core.text.TextNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;

/**
 * Learns word vectors with DL4J's Word2Vec (skip-gram, negative sampling) from review texts,
 * tokenised by the shared normaliser so that the words are exactly the classifier's tokens.
 */
public final class WordVectorTrainer {

    /**
     * Word2Vec settings.
     *
     * @param dimension   vector length (must equal the classifier's embedding size)
     * @param window      context words on each side
     * @param minCount    words seen fewer times get no vector
     * @param epochs      passes over the texts
     * @param negative    negative samples per context word
     * @param subsampling down-sampling threshold for frequent words
     * @param workers     training threads
     * @param seed        random seed
     */
    public record Settings(int dimension, int window, int minCount, int epochs, int negative, double subsampling,
                           int workers, long seed) {

        /** Checks ranges. */
        public Settings {
            if (dimension < 1 || window < 1 || minCount < 1 || epochs < 1 || negative < 1 || workers < 1
                    || subsampling < 0) {
                throw new IllegalArgumentException("word vector settings must be positive: " + this);
            }
        }
    }

    private final Settings settings;
    private final TextNormalizer normalizer;

    /** A trainer with {@code settings}, tokenising with {@code normalizer}. */
    public WordVectorTrainer(Settings settings, TextNormalizer normalizer) {
        this.settings = settings;
        this.normalizer = normalizer;
    }

    /** Learns vectors from {@code texts}. */
    public WordVectors train(List<String> texts) {
        List<String> sentences = new ArrayList<>(texts.size());
        for (String text : texts) {
            // Tokens never contain spaces, so whitespace tokenising gives the normaliser's tokens back.
            sentences.add(String.join(" ", normalizer.tokenize(text)));
        }
        Word2Vec word2vec = new Word2Vec.Builder()
                .layerSize(settings.dimension())
                .windowSize(settings.window())
                .minWordFrequency(settings.minCount())
                .epochs(settings.epochs())
                .iterations(1)
                .negativeSample(settings.negative())
                .useHierarchicSoftmax(false)
                .sampling(settings.subsampling())
                .workers(settings.workers())
                .seed(settings.seed())
                .iterate(new CollectionSentenceIterator(sentences))
                .tokenizerFactory(new DefaultTokenizerFactory())
                .build();
        word2vec.fit();
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (String word : word2vec.getVocab().words()) {
            vectors.put(word, word2vec.getWordVectorMatrix(word).toFloatVector());
        }
        return new WordVectors(settings.dimension(), vectors);
    }
}
