package io.sentimentstream.streams.labels;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.EventJson;
import io.sentimentstream.streams.topology.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A valid label from the labels topic.
 *
 * @param id     the review id it is for
 * @param label  the true sentiment
 * @param key    the record's original key (for a dead letter), may be {@code null}
 * @param source where it was read
 */
public record LabelArrival(String id, Sentiment label, byte[] key, SourcePosition source) {

    /** Checks the parts. */
    public LabelArrival {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        source = source == null ? SourcePosition.UNKNOWN : source;
    }

    /** The label as the JSON a dead letter carries: {@code {"id": ..., "label": ...}}. */
    byte[] toJson() {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("id", id);
        node.put("label", label.label());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
