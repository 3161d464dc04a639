package io.sentimentstream.core.data;

import io.sentimentstream.core.model.DataFingerprint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Computes the {@link DataFingerprint} of labelled training data. */
public final class DataFingerprints {

    private DataFingerprints() {
    }

    /** SHA-256 over id, label and text of every review, in order. */
    public static DataFingerprint of(List<Review> reviews, String source) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Review review : reviews) {
            digest.update(review.id().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update((review.label() == null ? "" : review.label().label()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(review.text().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return new DataFingerprint(HexFormat.of().formatHex(digest.digest()), reviews.size(), source);
    }
}
