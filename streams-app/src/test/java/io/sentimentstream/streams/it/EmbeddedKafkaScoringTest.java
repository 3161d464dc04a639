package io.sentimentstream.streams.it;

import io.sentimentstream.streams.testing.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The scenario against Kafka's own KRaft broker started in this JVM (no Docker). */
class EmbeddedKafkaScoringTest extends AbstractScoringScenarioTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Override
    protected String bootstrapServers() {
        return kafka.bootstrapServers();
    }
}
