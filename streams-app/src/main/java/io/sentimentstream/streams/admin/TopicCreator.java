package io.sentimentstream.streams.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics that do not exist yet and reports those that exist with another partition
 * count (it never changes an existing topic: that is an operator's decision, and fewer partitions
 * is impossible). Safe to run again.
 */
public final class TopicCreator {

    /** What happened to one topic. */
    public enum Status {
        /** Created now. */
        CREATED,
        /** Existed already as defined. */
        EXISTS,
        /** Exists, with a different partition count. */
        EXISTS_DIFFERENT
    }

    /**
     * The outcome for one topic.
     *
     * @param topic  topic name
     * @param status what happened
     * @param detail a line for the user
     */
    public record Result(String topic, Status status, String detail) {
    }

    private final Admin admin;
    private final Duration timeout;

    /** A creator using {@code admin}, waiting at most {@code timeout} per request. */
    public TopicCreator(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Creates the missing topics of {@code topics}. */
    public List<Result> createMissing(List<TopicDefinition> topics) throws ExecutionException, InterruptedException,
            TimeoutException {
        Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, TopicDefinition> toCreate = new LinkedHashMap<>();
        List<String> present = new ArrayList<>();
        for (TopicDefinition topic : topics) {
            if (existing.contains(topic.name())) {
                present.add(topic.name());
            } else {
                toCreate.put(topic.name(), topic);
            }
        }
        List<Result> results = new ArrayList<>();
        if (!toCreate.isEmpty()) {
            List<NewTopic> requests = new ArrayList<>();
            for (TopicDefinition topic : toCreate.values()) {
                requests.add(new NewTopic(topic.name(), Optional.of(topic.partitions()),
                        topic.replicationFactor() == -1 ? Optional.empty()
                                : Optional.of((short) topic.replicationFactor()))
                        .configs(topic.config()));
            }
            Map<String, org.apache.kafka.common.KafkaFuture<Void>> futures = admin.createTopics(requests).values();
            for (TopicDefinition topic : toCreate.values()) {
                try {
                    futures.get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    results.add(new Result(topic.name(), Status.CREATED, "created with " + topic.partitions()
                            + " partition(s), replication " + (topic.replicationFactor() == -1 ? "broker default"
                            : topic.replicationFactor()) + ", config " + topic.config()));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // Created concurrently by someone else: compare it like the others.
                    present.add(topic.name());
                }
            }
        }
        if (!present.isEmpty()) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (TopicDefinition topic : topics) {
                TopicDescription description = descriptions.get(topic.name());
                if (description == null) {
                    continue;
                }
                int partitions = description.partitions().size();
                results.add(partitions == topic.partitions()
                        ? new Result(topic.name(), Status.EXISTS, "exists with " + partitions + " partition(s)")
                        : new Result(topic.name(), Status.EXISTS_DIFFERENT, "exists with " + partitions
                                + " partition(s) but " + topic.partitions() + " are defined; left unchanged"));
            }
        }
        return results;
    }
}
