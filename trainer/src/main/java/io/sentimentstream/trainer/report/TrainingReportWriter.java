package io.sentimentstream.trainer.report;

import io.sentimentstream.core.data.SplitProvenance;
import io.sentimentstream.core.metrics.ClassificationReport;
import io.sentimentstream.core.model.BundleManifest;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.trainer.train.EpochStats;
import io.sentimentstream.trainer.train.NgramSettings;
import io.sentimentstream.trainer.train.TrainingResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a training run's report next to the bundle: {@code report.json} (machine-readable),
 * {@code report.md} (for people and docs) and {@code learning-curves.png}.
 */
public final class TrainingReportWriter {

    private TrainingReportWriter() {
    }

    /** Writes the three report files into {@code dir} and returns the Markdown path. */
    public static Path write(TrainingResult result, String command, Path bundlePath, Path dir) throws IOException {
        Files.createDirectories(dir);
        BundleManifest manifest = result.bundle().manifest();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", Map.of("name", manifest.name(), "version", manifest.version(),
                "bundle", bundlePath.getFileName().toString()));
        json.put("command", command);
        json.put("hyperParameters", manifest.hyperParameters());
        json.put("data", manifest.data());
        json.put("validation", result.validation().toMap());
        json.put("bestEpoch", result.bestEpoch());
        json.put("trainExamples", result.trainExamples());
        json.put("trainingSeconds", result.trainingSeconds());
        json.put("trainingExamplesPerSecond", result.examplesPerSecond());
        json.put("history", result.history());
        ModelBundleFile.json().writeValue(dir.resolve("report.json").toFile(), json);

        Path png = dir.resolve("learning-curves.png");
        LearningCurveChart.write(result.history(), png);

        Path md = dir.resolve("report.md");
        Files.writeString(md, markdown(result, command, bundlePath, png.getFileName().toString()),
                StandardCharsets.UTF_8);
        return md;
    }

    static String markdown(TrainingResult result, String command, Path bundlePath, String png) {
        BundleManifest manifest = result.bundle().manifest();
        ClassificationReport v = result.validation();
        StringBuilder md = new StringBuilder();
        md.append("# Training report: ").append(manifest.name()).append(' ').append(manifest.version()).append("\n\n");
        md.append("Bundle: `").append(bundlePath.getFileName()).append("`  \n");
        md.append("Reproduce with:\n\n```\n").append(command).append("\n```\n\n");
        md.append("Data: `").append(manifest.data().source()).append("`, ").append(manifest.data().examples())
                .append(" labelled reviews, sha256 `").append(manifest.data().sha256()).append("`; ")
                .append(result.trainExamples()).append(" for training, ").append(v.count())
                .append(" held out for validation: ").append(splitDescription(manifest.metrics())).append(".\n\n");
        md.append("## Validation (best epoch ").append(result.bestEpoch()).append(")\n\n");
        md.append("| metric | value |\n|---|---|\n");
        md.append(row("accuracy", v.accuracy())).append(row("precision (pos)", v.precision()))
                .append(row("recall (pos)", v.recall())).append(row("F1 (pos)", v.f1()))
                .append(row("ROC AUC", v.auc()));
        md.append(components(manifest));
        md.append("\n| class | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
        v.perClass().forEach((label, m) -> md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %d |%n",
                label, m.precision(), m.recall(), m.f1(), m.support())));
        List<String> labels = v.labels();
        md.append("\nConfusion matrix (rows actual, columns predicted):\n\n");
        md.append("| | ").append(labels.get(0)).append(" | ").append(labels.get(1)).append(" |\n|---|---|---|\n");
        for (int r = 0; r < 2; r++) {
            md.append("| ").append(labels.get(r)).append(" | ").append(v.confusion()[r][0]).append(" | ")
                    .append(v.confusion()[r][1]).append(" |\n");
        }
        md.append(String.format(Locale.ROOT, "%nTraining time: %.0f s (%.1f min), %.1f examples/s.%n%n",
                result.trainingSeconds(), result.trainingSeconds() / 60, result.examplesPerSecond()));
        md.append("## Epochs\n\n| epoch | train loss | train acc (sample) | val loss | val acc | seconds | examples/s |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (EpochStats e : result.history()) {
            md.append(String.format(Locale.ROOT, "| %d | %.4f | %.4f | %.4f | %.4f | %.0f | %.1f |%n", e.epoch(),
                    e.trainLoss(), e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.seconds(),
                    e.examplesPerSecond()));
        }
        md.append("\n![learning curves](").append(png).append(")\n\n## Hyper-parameters\n\n| name | value |\n|---|---|\n");
        manifest.hyperParameters().forEach((k, val) -> md.append("| ").append(k).append(" | ").append(val).append(" |\n"));
        return md.toString();
    }

    /** How the validation part was carved, from the manifest (bundles before movie splits were random). */
    @SuppressWarnings("unchecked")
    static String splitDescription(Map<String, Object> metrics) {
        if (!(metrics.get("split") instanceof Map<?, ?> split)) {
            return SplitProvenance.random().describe();
        }
        Map<String, Object> m = (Map<String, Object>) split;
        return new SplitProvenance(SplitProvenance.Method.ofKey(String.valueOf(m.get("method"))),
                String.valueOf(m.get("moviesSource")), ((Number) m.get("reviewsWithMovie")).intValue(),
                ((Number) m.get("trainMovies")).intValue(), ((Number) m.get("validationMovies")).intValue()).describe();
    }

    /** For a fused bundle: how each part does alone on the same validation split, and on short texts. */
    public static String components(BundleManifest manifest) {
        if (manifest.fusion() == null) {
            return "";
        }
        Map<String, Object> metrics = manifest.metrics();
        boolean tfidf = manifest.fusion().usesTfidf() && metrics.get("validationTfidfOnly") != null;
        return String.format(Locale.ROOT, "%nThe model fuses the LSTM with an n-gram branch (%s). "
                        + "On the same validation split: LSTM alone %.4f, n-gram branch alone %.4f%s, fused %.4f; "
                        + "fusion weights fitted on one half of the split and scored on the other: %.4f. "
                        + "Fusion: %.3f x LSTM log-odds + %.3f x n-gram log-odds%s %+.3f.%n",
                ngramDescription(metrics), accuracy(metrics, "validationLstmOnly"),
                accuracy(metrics, "validationNgramOnly"),
                tfidf ? String.format(Locale.ROOT, ", TF-IDF member alone %.4f", accuracy(metrics, "validationTfidfOnly")) : "",
                accuracy(metrics, "validation"),
                ((Number) metrics.get("fusionCrossFittedAccuracy")).doubleValue(), manifest.fusion().lstm(),
                manifest.fusion().ngram(),
                tfidf ? String.format(Locale.ROOT, " + %.3f x TF-IDF log-odds", manifest.fusion().tfidf()) : "",
                manifest.fusion().bias()) + shortTexts(metrics);
    }

    private static String ngramDescription(Map<String, Object> metrics) {
        NgramSettings recorded = NgramSettings.fromMetrics(metrics);
        // Only the features: the refit and the fusion's data are reported elsewhere.
        return new NgramSettings(recorded.hashBits(), recorded.order(), recorded.lengthNormalised(), false,
                NgramSettings.DEFAULT_L2, false, recorded.tfidfHashBits()).describe();
    }

    @SuppressWarnings("unchecked")
    private static String shortTexts(Map<String, Object> metrics) {
        if (!(metrics.get("shortText") instanceof Map<?, ?> figures)) {
            return "";
        }
        Map<String, Object> f = (Map<String, Object>) figures;
        return String.format(Locale.ROOT, "%nShort texts (%s; %s texts): model %.4f, LSTM alone %.4f, n-gram branch "
                        + "alone %.4f; TF-IDF + logistic regression trained on the same training part %.4f "
                        + "(%.4f on the whole validation reviews).%n", f.get("source"), f.get("texts"),
                number(f, "model"), number(f, "lstmOnly"), number(f, "ngramOnly"), number(f, "tfidfBaseline"),
                number(f, "tfidfBaselineOnValidation"));
    }

    private static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static double accuracy(Map<String, Object> metrics, String key) {
        return ((Number) ((Map<String, Object>) metrics.get(key)).get("accuracy")).doubleValue();
    }

    private static String row(String name, double value) {
        return String.format(Locale.ROOT, "| %s | %.4f |%n", name, value);
    }
}
