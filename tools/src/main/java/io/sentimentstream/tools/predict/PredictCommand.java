package io.sentimentstream.tools.predict;

import io.sentimentstream.core.model.DefaultModel;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.core.model.Prediction;
import io.sentimentstream.core.model.SentimentModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sentiment-tools predict}: scores texts given as arguments, or one per line on stdin. Prints
 * {@code label<TAB>probability<TAB>text} per review, or JSON lines with {@code --json}. Empty
 * lines are reported on stderr and skipped, never scored.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Score reviews given as arguments or one per line on stdin.")
public final class PredictCommand implements Callable<Integer> {

    private static final int BATCH = 64;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "BUNDLE", description = "Model bundle (default: $SENTIMENT_MODEL or " + DefaultModel.RELATIVE_PATH + ").")
    private Path model;

    @Option(names = "--json", description = "Print one JSON object per review.")
    private boolean json;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Reviews to score; none means read stdin.")
    private List<String> texts = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        SentimentModel scorer = SentimentModel.load(model != null ? model : DefaultModel.locate());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int empty = 0;
        List<String> batch = new ArrayList<>(BATCH);
        if (!texts.isEmpty()) {
            for (String text : texts) {
                if (text.isBlank()) {
                    empty++;
                    continue;
                }
                batch.add(text);
                if (batch.size() == BATCH) {
                    print(scorer, batch, out);
                }
            }
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    empty++;
                    continue;
                }
                batch.add(line);
                if (batch.size() == BATCH) {
                    print(scorer, batch, out);
                }
            }
        }
        print(scorer, batch, out);
        if (empty > 0) {
            err.println("skipped " + empty + " empty review(s)");
            err.flush();
        }
        return 0;
    }

    private void print(SentimentModel scorer, List<String> batch, PrintWriter out) throws Exception {
        if (batch.isEmpty()) {
            return;
        }
        List<Prediction> predictions = scorer.predict(batch);
        for (int i = 0; i < batch.size(); i++) {
            Prediction p = predictions.get(i);
            if (json) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("sentiment", p.label());
                row.put("probability", p.probability());
                row.put("text", batch.get(i));
                out.println(ModelBundleFile.json().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(row));
            } else {
                out.printf(Locale.ROOT, "%s\t%.4f\t%s%n", p.label(), p.probability(), batch.get(i));
            }
        }
        out.flush();
        batch.clear();
    }
}
