package io.sentimentstream.trainer.cli;

import io.sentimentstream.core.data.Dataset;
import io.sentimentstream.core.data.StratifiedSplit;
import io.sentimentstream.core.drift.ReferenceProfile;
import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.trainer.eval.ValidationProfile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainer profile}: computes the reference profile (drift detection's baseline) of an
 * existing bundle on its own validation split, re-created from the bundle's seed exactly as
 * {@code add-ngram} does, and writes the bundle with the profile in its manifest. The network,
 * vocabulary and n-gram branch are copied unchanged.
 */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Embed the reference profile (validation reviews' distributions) into an existing bundle.")
public final class ProfileCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private LabelledDataOptions input;

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "The bundle.")
    private Path model;

    @Option(names = "--output", paramLabel = "BUNDLE", description = "Where to write it (default: over --model).")
    private Path output;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ModelBundle bundle = ModelBundleFile.read(model);
        Dataset dataset = input.read(false);
        StratifiedSplit split = BundleSplits.recreate(bundle.manifest(), model, input, dataset);
        ModelBundle profiled = ValidationProfile.attach(bundle, split);
        Path target = output == null ? model : output;
        ModelBundleFile.write(profiled, target);
        ReferenceProfile profile = profiled.manifest().referenceProfile();
        err.printf(Locale.ROOT, "reference profile of %d reviews (%s): positive rate %.3f, unknown words %.2f %%,"
                        + " accuracy %.4f, Brier %.4f, ECE %.4f; bundle %s%n", profile.reviews(), profile.source(),
                profile.counts().positiveRate(), 100 * profile.counts().unknownShare(), profile.accuracy(),
                profile.calibration().brier(), profile.calibration().expectedCalibrationError(), target);
        err.flush();
        return 0;
    }
}
