package io.sentimentstream.core.model;

import io.sentimentstream.core.text.Vocabulary;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Everything needed to score reviews: the trained network, its vocabulary and the manifest with
 * the preprocessing settings, labels and training record. Read and written by
 * {@link ModelBundleFile}.
 *
 * @param manifest   settings, labels and provenance
 * @param vocabulary word ids the network was trained with
 * @param network    the trained network (one input of token ids, one softmax output)
 * @param ngram      the n-gram model fused with the network, or {@code null} (then the manifest
 *                   has no fusion weights either)
 */
public record ModelBundle(BundleManifest manifest, Vocabulary vocabulary, ComputationGraph network, NgramLogit ngram) {

    /** Validates that all parts are present. */
    public ModelBundle {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(network, "network");
        if ((ngram == null) != (manifest.fusion() == null)) {
            throw new IllegalArgumentException("an n-gram model and fusion weights go together");
        }
    }

    /** An LSTM-only bundle. */
    public ModelBundle(BundleManifest manifest, Vocabulary vocabulary, ComputationGraph network) {
        this(manifest, vocabulary, network, null);
    }
}
