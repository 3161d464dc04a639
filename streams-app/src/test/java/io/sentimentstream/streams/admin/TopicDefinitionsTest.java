package io.sentimentstream.streams.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.testing.TestConfigs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicDefinitionsTest {

    private static final Path TOPICS_DIR = Path.of(System.getProperty("project.root", ".."), "topics");

    @Test
    void theBundledDefinitionsAreTheFileInTopicsAndNameTheDefaultTopics() {
        List<TopicDefinition> bundled = TopicDefinitions.bundled();
        assertEquals(TopicDefinitions.read(TOPICS_DIR.resolve("topics.json")), bundled);
        StreamsAppConfig.Topics topics = TestConfigs.of().topics();
        StreamsAppConfig.Evaluation evaluation = TestConfigs.of().evaluation();
        String registry = TestConfigs.of().modelRegistry().topic();
        String challenger = TestConfigs.of().modelRegistry().challengerTopic();
        assertEquals(Set.of(topics.reviews(), topics.scored(), topics.dlq(), topics.metrics(),
                        evaluation.labelsTopic(), evaluation.alertsTopic(), registry, challenger),
                bundled.stream().map(TopicDefinition::name).collect(Collectors.toSet()));
        Map<String, TopicDefinition> byName = bundled.stream()
                .collect(Collectors.toMap(TopicDefinition::name, t -> t));
        // Same key, same partitioner: scored results land in the partition number of their review.
        assertEquals(byName.get(topics.reviews()).partitions(), byName.get(topics.scored()).partitions());
        assertTrue(byName.get(topics.metrics()).config().get("cleanup.policy").contains("compact"));
        // The registry keeps every version until it is deleted: compacted, never deleted by age.
        assertEquals("compact", byName.get(registry).config().get("cleanup.policy"));
        assertEquals(2, byName.get(registry).partitions());
    }

    @Test
    void theKafkaTopicsScriptCreatesTheSameTopicsAsTheDefinitions() throws IOException {
        Pattern create = Pattern.compile("^create --topic (\\S+) --partitions (\\d+)((?: --config \\S+)*)\\s*$");
        Map<String, TopicDefinition> fromScript = new LinkedHashMap<>();
        for (String line : Files.readAllLines(TOPICS_DIR.resolve("create-topics.sh"))) {
            Matcher m = create.matcher(line);
            if (m.matches()) {
                Map<String, String> config = new TreeMap<>();
                for (String setting : m.group(3).trim().split("\\s*--config\\s+")) {
                    if (!setting.isBlank()) {
                        String[] kv = setting.trim().split("=", 2);
                        config.put(kv[0], kv[1]);
                    }
                }
                fromScript.put(m.group(1), new TopicDefinition(m.group(1), null, Integer.parseInt(m.group(2)), -1,
                        config));
            }
        }
        Map<String, TopicDefinition> fromJson = new LinkedHashMap<>();
        for (TopicDefinition topic : TopicDefinitions.read(TOPICS_DIR.resolve("topics.json"))) {
            fromJson.put(topic.name(), new TopicDefinition(topic.name(), null, topic.partitions(),
                    topic.replicationFactor(), topic.config()));
        }
        assertEquals(fromJson, fromScript);
    }

    @Test
    void badDefinitionsAreRefusedWithTheReason() {
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class, () -> read(
                "{\"topics\":[{\"name\":\"a\",\"partitions\":1,\"replication_factor\":-1},"
                        + "{\"name\":\"a\",\"partitions\":2,\"replication_factor\":-1}]}"));
        assertTrue(duplicate.getMessage().contains("twice"), duplicate.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> read("{\"topics\":[{\"name\":\"a\",\"partitions\":0,\"replication_factor\":1}]}"));
        assertThrows(IllegalArgumentException.class,
                () -> read("{\"topics\":[{\"name\":\"a\",\"partitions\":1,\"replication_factor\":0}]}"));
        assertThrows(IllegalArgumentException.class, () -> read("{\"topics\":[]}"));
        assertThrows(IllegalArgumentException.class, () -> read("not json"));
    }

    private static List<TopicDefinition> read(String json) {
        return TopicDefinitions.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
