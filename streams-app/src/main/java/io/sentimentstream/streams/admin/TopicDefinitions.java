package io.sentimentstream.streams.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentimentstream.core.event.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the topic definitions ({@code topics/topics.json}, also bundled in the application jar as
 * the resource {@value #RESOURCE}).
 */
public final class TopicDefinitions {

    /** Classpath location of the bundled definitions. */
    public static final String RESOURCE = "/topics/topics.json";

    private TopicDefinitions() {
    }

    /** The definitions bundled in the jar. */
    public static List<TopicDefinition> bundled() {
        try (InputStream in = TopicDefinitions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + RESOURCE);
            }
            return read(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The definitions in a file. */
    public static List<TopicDefinition> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The definitions in a JSON stream; {@code source} names it in errors. */
    public static List<TopicDefinition> read(InputStream in, String source) {
        File file;
        try {
            file = EventJson.mapper().readValue(in, File.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": not a valid topics file: " + e.getMessage(), e);
        }
        if (file.topics() == null || file.topics().isEmpty()) {
            throw new IllegalArgumentException(source + ": defines no topics");
        }
        Set<String> names = new HashSet<>();
        for (TopicDefinition topic : file.topics()) {
            if (!names.add(topic.name())) {
                throw new IllegalArgumentException(source + ": topic " + topic.name() + " is defined twice");
            }
        }
        return List.copyOf(file.topics());
    }

    private record File(@JsonProperty("topics") List<TopicDefinition> topics) {
    }
}
