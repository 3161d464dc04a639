package io.sentimentstream.demo.bench;

import io.sentimentstream.registry.RegistryTopic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentimentstream.core.data.Review;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The benchmarks' side of the broker: their topics, the review producer and the result reader. */
final class BenchKafka {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final int partitions;

    /**
     * @param bootstrapServers broker to use
     * @param partitions       partitions of the input and output topics
     */
    BenchKafka(String bootstrapServers, int partitions) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the scenario's topics: input and output with {@code partitions}, the others with one. */
    void createTopics(BenchTopics topics) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(
                    new NewTopic(topics.reviews(), partitions, (short) 1),
                    new NewTopic(topics.scored(), partitions, (short) 1),
                    new NewTopic(topics.dlq(), 1, (short) 1),
                    new NewTopic(topics.metrics(), 1, (short) 1),
                    new NewTopic(topics.labels(), partitions, (short) 1),
                    new NewTopic(topics.alerts(), 1, (short) 1))).all().get();
        }
    }

    /** The model registry's topic and the challenger's comparisons topic of a scenario with a challenger. */
    void createRegistryTopics(BenchTopics topics) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(
                    new NewTopic(topics.models(), RegistryTopic.PARTITIONS, (short) 1)
                            .configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(topics.challenger(), partitions, (short) 1))).all().get();
        }
    }

    Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(props);
    }

    /**
     * Records the consumer group {@code groupId} has yet to commit, over every partition it has
     * committed on (its internal repartition topics included): committed offsets against the
     * read_committed end offsets.
     */
    static long committedLag(Admin admin, String groupId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
            if (entry.getValue() != null) {
                lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
            }
        }
        return lag;
    }

    KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /**
     * A read_committed reader of all partitions of {@code topic} (what a downstream consumer
     * sees under exactly-once), from the beginning or from the end.
     */
    KafkaConsumer<String, byte[]> consumer(String topic, boolean fromBeginning) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + topic);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> assigned = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assigned.add(new TopicPartition(topic, p));
        }
        consumer.assign(assigned);
        if (fromBeginning) {
            consumer.seekToBeginning(assigned);
        } else {
            consumer.seekToEnd(assigned);
        }
        return consumer;
    }

    /** A review as the application reads it, stamped with its send time for latency. */
    static String reviewJson(String id, Review review, long sentAtMs) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("text", review.text());
        if (review.label() != null) {
            node.put("label", review.label().label());
        }
        node.put("sent_at_ms", sentAtMs);
        return node.toString();
    }
}
