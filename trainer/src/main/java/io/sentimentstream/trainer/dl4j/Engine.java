package io.sentimentstream.trainer.dl4j;

import io.sentimentstream.core.model.JavaLstmScorer;
import io.sentimentstream.core.model.LstmKernelType;
import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.SentimentModel;
import java.util.Locale;

/**
 * The engines the trainer's {@code benchmark} and {@code evaluate} compare: serving's Java engine
 * (with its fastest or its scalar kernel) and the DL4J network rebuilt from the bundle's weights.
 */
public enum Engine {
    /** Serving's engine, fastest kernel. */
    JAVA,
    /** Serving's engine with its scalar kernel. */
    JAVA_SCALAR,
    /** The DL4J network ({@link Dl4jScorer}). */
    DL4J;

    /** Parses {@code java}, {@code java-scalar} or {@code dl4j} ({@code auto} is {@code java}). */
    public static Engine parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "auto", "java" -> JAVA;
            case "java-scalar" -> JAVA_SCALAR;
            case "dl4j" -> DL4J;
            default -> throw new IllegalArgumentException("unknown engine '" + name + "' (expected java, java-scalar or dl4j)");
        };
    }

    /** A scorer of the bundle with this engine. */
    public SentimentModel model(ModelBundle bundle) {
        return switch (this) {
            case JAVA -> new SentimentModel(bundle);
            case JAVA_SCALAR -> SentimentModel.withEngine(bundle, JavaLstmScorer.of(bundle.network(), LstmKernelType.SCALAR));
            case DL4J -> SentimentModel.withEngine(bundle, new Dl4jScorer(Dl4jNetworks.toGraph(bundle.network()),
                    bundle.manifest().preprocessing().encoding().padding()));
        };
    }
}
