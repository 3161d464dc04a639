package io.sentimentstream.streams.it;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The scenario against the {@code apache/kafka} image in Docker; skipped where no Docker engine
 * runs. The image can be changed with {@code -Dkafka.image=...}.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaScoringTest extends AbstractScoringScenarioTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(System.getProperty("kafka.image", "apache/kafka:4.3.1"))
            // one broker: internal topics with one replica, so exactly-once works
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            .withEnv("KAFKA_GROUP_MIN_SESSION_TIMEOUT_MS", "1000");

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
