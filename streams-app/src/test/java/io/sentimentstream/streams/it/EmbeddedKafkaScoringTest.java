package io.sentimentstream.streams.it;

import io.sentimentstream.streams.testing.SharedKafka;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scenario against Kafka's own KRaft broker started in this JVM (no Docker). */
@ExtendWith(SharedKafka.class)
class EmbeddedKafkaScoringTest extends AbstractScoringScenarioTest {

    @Override
    protected String bootstrapServers() {
        return SharedKafka.bootstrapServers();
    }
}
