package io.sentimentstream.core.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluation of a binary sentiment classifier on a labelled set, in the shape the trainer writes
 * to JSON: overall accuracy, positive-class precision/recall/F1, per-class figures, the confusion
 * matrix (rows actual, columns predicted, in label order) and ROC AUC.
 *
 * @param count     number of examples
 * @param accuracy  fraction correct
 * @param precision precision of the positive class
 * @param recall    recall of the positive class
 * @param f1        F1 of the positive class
 * @param auc       area under the ROC curve of the positive probability
 * @param perClass  precision, recall, F1 and support by label
 * @param labels    label order of the confusion matrix
 * @param confusion {@code [[tn, fp], [fn, tp]]}
 */
public record ClassificationReport(long count, double accuracy, double precision, double recall, double f1,
                                   double auc, Map<String, ClassMetrics> perClass, List<String> labels,
                                   long[][] confusion) {

    /**
     * Figures for one class.
     *
     * @param precision fraction of predictions of this class that were right
     * @param recall    fraction of this class found
     * @param f1        harmonic mean of the two
     * @param support   number of examples of this class
     */
    public record ClassMetrics(double precision, double recall, double f1, long support) {
    }

    /**
     * Builds the report from positive probabilities and true labels; the decision threshold is 0.5.
     *
     * @param labels        {@code [negative, positive]} label names
     * @param positiveProbs probability of the positive class per example
     * @param actual        whether each example is truly positive
     */
    public static ClassificationReport of(List<String> labels, double[] positiveProbs, boolean[] actual) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < actual.length; i++) {
            boolean predicted = positiveProbs[i] >= 0.5;
            if (actual[i]) {
                if (predicted) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (predicted) {
                fp++;
            } else {
                tn++;
            }
        }
        BinaryConfusion c = new BinaryConfusion(tp, fp, tn, fn);
        Map<String, ClassMetrics> perClass = new LinkedHashMap<>();
        perClass.put(labels.get(0), new ClassMetrics(c.negativePrecision(), c.negativeRecall(), c.negativeF1(), tn + fp));
        perClass.put(labels.get(1), new ClassMetrics(c.precision(), c.recall(), c.f1(), tp + fn));
        return new ClassificationReport(c.total(), c.accuracy(), c.precision(), c.recall(), c.f1(),
                RocAuc.of(positiveProbs, actual), perClass, List.copyOf(labels),
                new long[][] {{tn, fp}, {fn, tp}});
    }

    /** The figures as a plain map, for JSON manifests. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", count);
        map.put("accuracy", accuracy);
        map.put("precision", precision);
        map.put("recall", recall);
        map.put("f1", f1);
        map.put("auc", auc);
        Map<String, Object> classes = new LinkedHashMap<>();
        perClass.forEach((label, m) -> classes.put(label, Map.of(
                "precision", m.precision(), "recall", m.recall(), "f1", m.f1(), "support", m.support())));
        map.put("perClass", classes);
        map.put("labels", labels);
        map.put("confusion", confusion);
        return map;
    }
}
