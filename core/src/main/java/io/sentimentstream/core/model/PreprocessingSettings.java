package io.sentimentstream.core.model;

import io.sentimentstream.core.text.EncodingSettings;
import io.sentimentstream.core.text.NormalizationSettings;
import java.util.Objects;

/**
 * Every setting that turns a raw review into network input. Written into the bundle by the
 * trainer and read back by every scorer, so training and serving cannot disagree.
 *
 * @param normalization how text becomes tokens
 * @param encoding      how tokens become a bounded id sequence
 */
public record PreprocessingSettings(NormalizationSettings normalization, EncodingSettings encoding) {

    /** Validates that both parts are present. */
    public PreprocessingSettings {
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(encoding, "encoding");
    }
}
