package io.sentimentstream.trainer.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracy on short texts ({@link ShortTexts}) of the model and its parts, next to the TF-IDF
 * baseline trained on the same training part; and the baseline's accuracy on whole validation
 * reviews for scale.
 *
 * @param texts              number of short texts
 * @param model              the fused model
 * @param lstmOnly           the LSTM alone
 * @param ngramOnly          the n-gram branch alone
 * @param tfidf              the TF-IDF + logistic regression baseline
 * @param tfidfOnValidation  the baseline on the whole validation reviews
 */
public record ShortTextFigures(int texts, double model, double lstmOnly, double ngramOnly, double tfidf,
                               double tfidfOnValidation) {

    /** What the short texts are, for reports. */
    public static final String SOURCE = "first and last sentences (at least " + ShortTexts.MIN_WORDS
            + " words) of the validation reviews, with the review's label";

    /** For manifests and reports. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", SOURCE);
        map.put("texts", texts);
        map.put("model", model);
        map.put("lstmOnly", lstmOnly);
        map.put("ngramOnly", ngramOnly);
        map.put("tfidfBaseline", tfidf);
        map.put("tfidfBaselineOnValidation", tfidfOnValidation);
        return map;
    }
}
