package io.sentimentstream.trainer.cli;

import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.trainer.dl4j.Dl4jBundles;
import io.sentimentstream.trainer.dl4j.Engine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainer export}: rewrites a bundle of any format in the current one (format 3, which
 * serving reads without DL4J), and checks on the way that the written bundle, scored by serving's
 * engine, gives what the original network gives.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Rewrite a model bundle (format 1-3) in the current format (3: the network as plain weights).")
public final class ExportCommand implements Callable<Integer> {

    /** How far the converted bundle's probabilities may be from the original network's. */
    static final double TOLERANCE = 1e-5;

    private static final List<String> PROBES = List.of("A wonderful film, moving and funny.",
            "Dull, predictable and far too long. I want my evening back.", "not bad", "!",
            "The plot was thin but the acting saved it; I would watch it again.");

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Bundle to convert.")
    private Path model;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Where to write the format-3 bundle.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        ModelBundle bundle = Dl4jBundles.read(model);
        ModelBundleFile.write(bundle, out);
        // The reference: the original's weights in a DL4J network; the copy: what serving loads.
        double[] expected = probabilities(Engine.DL4J.model(bundle).predict(PROBES));
        double[] actual = probabilities(io.sentimentstream.core.model.SentimentModel.load(out).predict(PROBES));
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        if (worst > TOLERANCE) {
            throw new IllegalStateException("the written bundle scores up to " + worst
                    + " away from the original network; not trusted");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "wrote %s (format %d, %s %s) from %s (format %d); largest difference from DL4J %.2e%n",
                out, ModelBundleFile.read(out).manifest().formatVersion(), bundle.manifest().name(),
                bundle.manifest().version(), model, bundle.manifest().formatVersion(), worst);
        return 0;
    }

    private static double[] probabilities(List<io.sentimentstream.core.model.Prediction> predictions) {
        return predictions.stream().mapToDouble(io.sentimentstream.core.model.Prediction::probability).toArray();
    }
}
