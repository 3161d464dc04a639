package io.sentimentstream.streams.testing;

import io.sentimentstream.testkit.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process KRaft broker (the kafka-testkit module's, the demo's too) for all the test classes of a run that use this extension (each
 * uses its own topics and application ids); closed when the run ends.
 */
public final class SharedKafka implements BeforeAllCallback {

    private static final String KEY = SharedKafka.class.getName();

    private static volatile EmbeddedKafkaBroker kafka;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SharedKafka.class) {
            if (kafka == null) {
                EmbeddedKafkaBroker started = EmbeddedKafkaBroker.start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(KEY, (ExtensionContext.Store.CloseableResource) started::close);
                kafka = started;
            }
        }
    }

    /** Bootstrap servers of the shared broker. */
    public static String bootstrapServers() {
        if (kafka == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedKafka.class)");
        }
        return kafka.bootstrapServers();
    }
}
