package io.sentimentstream.core.model;

import io.sentimentstream.core.text.Vocabulary;
import java.util.Objects;

/**
 * Everything needed to score reviews: the trained network, its vocabulary and the manifest with
 * the preprocessing settings, labels and training record. Read and written by
 * {@link ModelBundleFile}.
 *
 * @param manifest   settings, labels and provenance
 * @param vocabulary word ids the network was trained with
 * @param network    the trained network's layout and weights
 * @param ngram      the n-gram model fused with the network, or {@code null} (then the manifest
 *                   has no fusion weights either)
 * @param tfidf      the TF-IDF model fused with both, or {@code null}; present exactly when the
 *                   fusion weights give it a weight
 */
public record ModelBundle(BundleManifest manifest, Vocabulary vocabulary, LstmNetwork network, NgramLogit ngram,
                          TfidfLogit tfidf) {

    /** Validates that all parts are present. */
    public ModelBundle {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(network, "network");
        if (network.layout().vocabularySize() != vocabulary.size()) {
            throw new IllegalArgumentException("the network's embedding takes " + network.layout().vocabularySize()
                    + " ids but the vocabulary has " + vocabulary.size());
        }
        if ((ngram == null) != (manifest.fusion() == null)) {
            throw new IllegalArgumentException("an n-gram model and fusion weights go together");
        }
        boolean weighed = manifest.fusion() != null && manifest.fusion().usesTfidf();
        if (weighed != (tfidf != null)) {
            throw new IllegalArgumentException("a TF-IDF model and its fusion weight go together");
        }
    }

    /** A bundle whose fusion, if any, has no TF-IDF member. */
    public ModelBundle(BundleManifest manifest, Vocabulary vocabulary, LstmNetwork network, NgramLogit ngram) {
        this(manifest, vocabulary, network, ngram, null);
    }

    /** An LSTM-only bundle. */
    public ModelBundle(BundleManifest manifest, Vocabulary vocabulary, LstmNetwork network) {
        this(manifest, vocabulary, network, null, null);
    }
}
