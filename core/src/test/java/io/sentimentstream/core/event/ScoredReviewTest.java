package io.sentimentstream.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sentimentstream.core.data.Sentiment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoredReviewTest {

    private static final ModelRef MODEL = new ModelRef("imdb", "1.2.0");
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");

    @Test
    void labelledReviewWritesLabelAndCorrectness() throws Exception {
        Map<String, JsonNode> carried = new LinkedHashMap<>();
        carried.put("source", new TextNode("web"));
        ScoredReview scored = new ScoredReview("r1", Sentiment.POS, 0.8, Sentiment.NEG, MODEL, AT, 12, carried);
        assertEquals(Boolean.FALSE, scored.correct());

        JsonNode json = EventJson.mapper().readTree(scored.toJson());
        assertEquals(List.of("id", "sentiment", "probability", "label", "correct", "model", "scored_at",
                "latency_ms", "source"), iterate(json));
        assertEquals("pos", json.get("sentiment").asText());
        assertEquals("neg", json.get("label").asText());
        assertFalse(json.get("correct").asBoolean());
        assertEquals("1.2.0", json.get("model").get("version").asText());
        assertEquals("2026-03-01T10:15:30.123Z", json.get("scored_at").asText());
        assertEquals(scored, ScoredReview.fromJson(scored.toJson()));
    }

    @Test
    void unlabelledReviewHasNeitherLabelNorCorrectness() throws Exception {
        ScoredReview scored = new ScoredReview("r2", Sentiment.NEG, 0.1, null, MODEL, AT, 0, Map.of());
        assertNull(scored.correct());
        JsonNode json = EventJson.mapper().readTree(scored.toJson());
        assertFalse(json.has("label"));
        assertFalse(json.has("correct"));
        assertEquals(scored, ScoredReview.fromJson(scored.toJson()));
    }

    @Test
    void carriedFieldsWithTheScorersNamesAreDropped() {
        Map<String, JsonNode> carried = new LinkedHashMap<>();
        carried.put("sentiment", new TextNode("spoofed"));
        carried.put("note", new TextNode("kept"));
        ScoredReview scored = new ScoredReview("r3", Sentiment.POS, 0.9, Sentiment.POS, MODEL, AT, 1, carried);
        assertEquals(List.of("note"), List.copyOf(scored.carried().keySet()));
        assertTrue(scored.correct());
    }

    @Test
    void somethingElseIsNotAScoredReview() {
        assertThrows(IllegalArgumentException.class,
                () -> ScoredReview.fromJson("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class,
                () -> ScoredReview.fromJson("[]".getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> iterate(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
