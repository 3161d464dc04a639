package io.sentimentstream.core.model;

import io.sentimentstream.core.drift.ReferenceProfile;
import java.util.List;
import java.util.Map;

/**
 * The JSON manifest at the root of a model bundle.
 *
 * @param formatVersion   layout version of the bundle; readers refuse newer versions
 * @param name            model name, e.g. {@code imdb-lstm}
 * @param version         model version, reported with every prediction
 * @param createdAt       ISO-8601 instant of creation
 * @param labels          class names in network output order; index 1 is the positive class
 * @param preprocessing   normalisation and encoding settings
 * @param vocabularySize  number of vocabulary ids, reserved ones included
 * @param hyperParameters the training configuration, for the record
 * @param metrics         evaluation results (e.g. {@code validation}), for the record
 * @param data            fingerprint of the training data
 * @param checksums       SHA-256 of every other entry of the bundle, by entry name
 * @param fusion          how the n-gram model's score joins the LSTM's, or {@code null} for an
 *                        LSTM-only bundle
 * @param referenceProfile what the model's input and output looked like on its validation reviews
 *                        (drift detection compares live windows with it), or {@code null}: the
 *                        stream then runs without drift detection
 */
public record BundleManifest(
        int formatVersion,
        String name,
        String version,
        String createdAt,
        List<String> labels,
        PreprocessingSettings preprocessing,
        int vocabularySize,
        Map<String, Object> hyperParameters,
        Map<String, Object> metrics,
        DataFingerprint data,
        Map<String, String> checksums,
        FusionWeights fusion,
        ReferenceProfile referenceProfile) {

    /** A manifest without a reference profile (as every bundle before profiles). */
    public BundleManifest(int formatVersion, String name, String version, String createdAt, List<String> labels,
                          PreprocessingSettings preprocessing, int vocabularySize, Map<String, Object> hyperParameters,
                          Map<String, Object> metrics, DataFingerprint data, Map<String, String> checksums,
                          FusionWeights fusion) {
        this(formatVersion, name, version, createdAt, labels, preprocessing, vocabularySize, hyperParameters,
                metrics, data, checksums, fusion, null);
    }

    /**
     * The bundle layout this code writes and the only one serving reads: 2 added the n-gram branch,
     * 3 replaced DL4J's {@code network.zip} by the network as data ({@code network.json} and
     * {@code weights.bin}). The trainer converts 1 and 2.
     */
    public static final int CURRENT_FORMAT_VERSION = 3;

    /** A copy with the entry checksums replaced. */
    public BundleManifest withChecksums(Map<String, String> newChecksums) {
        return new BundleManifest(formatVersion, name, version, createdAt, labels, preprocessing,
                vocabularySize, hyperParameters, metrics, data, Map.copyOf(newChecksums), fusion, referenceProfile);
    }

    /** A copy in the current format with the given entry checksums (what a writer stores; the profile kept). */
    public BundleManifest written(Map<String, String> newChecksums) {
        return new BundleManifest(CURRENT_FORMAT_VERSION, name, version, createdAt, labels, preprocessing,
                vocabularySize, hyperParameters, metrics, data, Map.copyOf(newChecksums), fusion, referenceProfile);
    }

    /** A copy with other metrics and fusion weights (when an n-gram branch is added). */
    public BundleManifest withFusion(Map<String, Object> newMetrics, FusionWeights newFusion) {
        return new BundleManifest(CURRENT_FORMAT_VERSION, name, version, createdAt, labels, preprocessing,
                vocabularySize, hyperParameters, newMetrics, data, checksums, newFusion, referenceProfile);
    }

    /** A copy with a reference profile (the format version is kept: older readers ignore the field). */
    public BundleManifest withReferenceProfile(ReferenceProfile profile) {
        return new BundleManifest(formatVersion, name, version, createdAt, labels, preprocessing,
                vocabularySize, hyperParameters, metrics, data, checksums, fusion, profile);
    }
}
