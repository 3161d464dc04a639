package io.sentimentstream.trainer.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The n-gram branch: its features, how it is fitted, and how its fusion weights are fitted.
 *
 * @param hashBits         2^hashBits buckets; 0 turns the branch off
 * @param order            longest n-gram, 2 (bigrams) or 3 (trigrams)
 * @param lengthNormalised divide a text's weight sum by the square root of its number of n-grams
 * @param refitOnAll       after the validation part has given the fusion weights and the reported
 *                         figures, refit the branch on all labelled reviews for the shipped bundle
 * @param l2               L2 penalty of the logistic regression, per example
 * @param fusionOnShortTexts fit the fusion weights on the validation reviews and their first and last
 *                         sentences, instead of the whole reviews alone
 * @param tfidfHashBits    a third member, TF-IDF logistic regression over uni- and bigrams in
 *                         2^tfidfHashBits buckets, fused with the other two; 0 leaves it out
 */
public record NgramSettings(int hashBits, int order, boolean lengthNormalised, boolean refitOnAll, double l2,
                            boolean fusionOnShortTexts, int tfidfHashBits) {

    /** The L2 penalty measured best for bigrams over 2^20 buckets (docs/experiments.md). */
    public static final double DEFAULT_L2 = 1e-5;

    /** Settings fitted on the training part only, with the default penalty. */
    public NgramSettings(int hashBits, int order, boolean lengthNormalised) {
        this(hashBits, order, lengthNormalised, false, DEFAULT_L2, false);
    }

    /** Settings without a TF-IDF member. */
    public NgramSettings(int hashBits, int order, boolean lengthNormalised, boolean refitOnAll, double l2,
                         boolean fusionOnShortTexts) {
        this(hashBits, order, lengthNormalised, refitOnAll, l2, fusionOnShortTexts, 0);
    }

    /** Validates the ranges. */
    public NgramSettings {
        if (hashBits != 0 && (hashBits < 8 || hashBits > 24)) {
            throw new IllegalArgumentException("n-gram hash bits must be 0 (off) or 8 to 24, was " + hashBits);
        }
        if (tfidfHashBits != 0 && (tfidfHashBits < 8 || tfidfHashBits > 24)) {
            throw new IllegalArgumentException("TF-IDF hash bits must be 0 (off) or 8 to 24, was " + tfidfHashBits);
        }
        if (l2 < 0) {
            throw new IllegalArgumentException("n-gram L2 must not be negative, was " + l2);
        }
        if (order < 2 || order > 3) {
            throw new IllegalArgumentException("n-gram order must be 2 or 3, was " + order);
        }
    }

    /** The settings a bundle's metrics record ({@link #toMap()}); older bundles lack some, which take their defaults then. */
    public static NgramSettings fromMetrics(Map<String, Object> metrics) {
        return new NgramSettings(number(metrics, "ngramHashBits", 0).intValue(), number(metrics, "ngramOrder", 2).intValue(),
                Boolean.TRUE.equals(metrics.get("ngramLengthNormalised")), Boolean.TRUE.equals(metrics.get("ngramRefitOnAll")),
                number(metrics, "ngramL2", DEFAULT_L2).doubleValue(), Boolean.TRUE.equals(metrics.get("fusionOnShortTexts")),
                number(metrics, "tfidfHashBits", 0).intValue());
    }

    private static Number number(Map<String, Object> metrics, String key, Number absent) {
        return metrics.get(key) instanceof Number n ? n : absent;
    }

    /** Whether the branch is trained at all. */
    public boolean enabled() {
        return hashBits > 0;
    }

    /** For manifests and reports. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ngramHashBits", hashBits);
        map.put("ngramOrder", order);
        map.put("ngramLengthNormalised", lengthNormalised);
        map.put("ngramRefitOnAll", refitOnAll);
        map.put("ngramL2", l2);
        map.put("fusionOnShortTexts", fusionOnShortTexts);
        map.put("tfidfHashBits", tfidfHashBits);
        return map;
    }

    /** One phrase for logs and reports, e.g. "uni- to trigrams, 2^22 buckets, length-normalised". */
    public String describe() {
        return (order == 3 ? "uni- to trigrams" : "uni- and bigrams") + ", 2^" + hashBits + " buckets"
                + (lengthNormalised ? ", length-normalised" : "") + (refitOnAll ? ", refitted on all reviews" : "")
                + (l2 != DEFAULT_L2 ? ", L2 " + l2 : "")
                + (tfidfHashBits > 0 ? ", with TF-IDF logistic regression over uni- and bigrams in 2^" + tfidfHashBits + " buckets" : "")
                + (fusionOnShortTexts ? ", fusion fitted on whole reviews and their first and last sentences" : "");
    }
}
