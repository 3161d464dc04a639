package io.sentimentstream.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.EventJson;
import io.sentimentstream.core.event.ReviewEvent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The micro-batch buffer's compact form keeps everything, bounds its size and reads older entries. */
class BufferedReviewSerdeTest {

    private final BufferedReviewSerde serde = new BufferedReviewSerde();

    private BufferedReview roundTrip(BufferedReview entry) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", entry));
    }

    private static BufferedReview entry(byte[] key, ReviewEvent event, int[] tokens) {
        return new BufferedReview(key, 42L, new PendingReview(event, tokens, "m@1", 1000L,
                new SourcePosition("reviews", 3, 77L)));
    }

    @Test
    void keepsEverything() {
        ReviewEvent event = new ReviewEvent("r1", "Great \u00e9 film \uD83C\uDFAC", Sentiment.POS,
                Map.of("n", IntNode.valueOf(3)));
        BufferedReview buffered = entry(new byte[] {1, (byte) 0xFF}, event, new int[] {5, 1, 9});
        BufferedReview back = roundTrip(buffered);
        assertArrayEquals(buffered.key(), back.key());
        assertEquals(42L, back.timestampMs());
        assertEquals(event, back.review().event());
        assertArrayEquals(new int[] {5, 1, 9}, back.review().encoded());
        assertEquals("m@1", back.review().encodedBy());
        assertEquals(1000L, back.review().receivedAtMs());
        assertEquals(new SourcePosition("reviews", 3, 77L), back.review().source());

        BufferedReview noKeyNoLabel = entry(null, ReviewEvent.of("r2", "meh", null), new int[] {1});
        BufferedReview back2 = roundTrip(noKeyNoLabel);
        assertNull(back2.key());
        assertNull(back2.review().event().label());
        assertEquals(Map.of(), back2.review().event().carried());
    }

    @Test
    void tokenIdsAreBigEndianIntsAsWrittenBefore() throws Exception {
        int[] tokens = {0x01020304, -1, 5};
        byte[] bytes = serde.serializer().serialize("t", entry(null, ReviewEvent.of("r", "t", null), tokens));
        // version, key (none), two longs, id "r", label, text "t", encodedBy "m@1": 39 bytes, then the count.
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(expected);
        out.writeInt(tokens.length);
        for (int id : tokens) {
            out.writeInt(id); // the layout of the entries already in changelogs
        }
        assertArrayEquals(expected.toByteArray(), Arrays.copyOfRange(bytes, 39, 39 + 16));
        assertArrayEquals(tokens, serde.deserializer().deserialize("t", bytes).review().encoded());
    }

    @Test
    void controlCharactersAreNotEscaped() {
        String text = "good " + "\u0001".repeat(10_000);
        byte[] bytes = serde.serializer().serialize("t", entry(null, ReviewEvent.of("r", text, null), new int[] {1}));
        // JSON would write each control character as six bytes.
        assertTrue(bytes.length < 10_100, "compact: " + bytes.length + " bytes");
    }

    @Test
    void readsEntriesThatEarlierVersionsWroteAsJson() throws Exception {
        byte[] legacy = ("{\"key\":\"AQI=\",\"timestampMs\":42,\"review\":{\"event\":{\"id\":\"r1\",\"text\":\"fine\","
                + "\"label\":\"NEG\",\"carried\":{\"x\":1}},\"encoded\":[4,2],\"encodedBy\":\"m@1\","
                + "\"receivedAtMs\":1000}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        BufferedReview back = serde.deserializer().deserialize("t", legacy);
        assertArrayEquals(new byte[] {1, 2}, back.key());
        assertEquals("fine", back.review().event().text());
        assertEquals(Sentiment.NEG, back.review().event().label());
        assertEquals(1, back.review().event().carried().get("x").asInt());
        assertArrayEquals(new int[] {4, 2}, back.review().encoded());
        assertEquals(SourcePosition.UNKNOWN, back.review().source());
        // and the current form of the same entry is the same entry
        assertEquals(back.review().event(), roundTrip(back).review().event());
        assertTrue(EventJson.mapper().readTree(legacy).isObject());
    }

    @Test
    void aCorruptEntryIsASerializationExceptionNotAHugeAllocation() {
        byte[] bytes = serde.serializer().serialize("t", entry(null, ReviewEvent.of("r", "ok", null), new int[] {1}));
        byte[] lying = Arrays.copyOf(bytes, bytes.length);
        // the key's length field: claim two gigabytes
        lying[1] = 0x7F;
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", lying));
        assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length / 2)));
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", new byte[] {9}));
    }

    @Test
    void theWorstCaseEntryFitsItsBound() {
        int keyBytes = 300;
        int idChars = 50;
        int textChars = 2_000;
        int tokens = 400;
        // three UTF-8 bytes per character everywhere
        String id = "\u20ac".repeat(idChars);
        String text = "\u20ac".repeat(textChars);
        Map<String, JsonNode> carried = new LinkedHashMap<>();
        carried.put("f", TextNode.valueOf("\u0001".repeat(100)));
        ReviewEvent event = new ReviewEvent(id, text, Sentiment.POS, carried);
        int carriedBytes = event.carriedJson().length;
        String topic = "t".repeat(RecordBudget.MAX_TOPIC_CHARS);
        BufferedReview worst = new BufferedReview(new byte[keyBytes], Long.MAX_VALUE,
                new PendingReview(event, new int[tokens], "\u20ac@\u20ac", 1L, new SourcePosition(topic, 1, 1L)));
        long bound = BufferedReviewSerde.maxBytes(keyBytes, idChars, textChars, 3, tokens, carriedBytes,
                RecordBudget.MAX_TOPIC_CHARS);
        int actual = serde.serializer().serialize("t", worst).length;
        assertTrue(actual <= bound, actual + " <= " + bound);
        assertTrue(actual > bound - 16, "the bound is tight: " + actual + " vs " + bound);
    }
}
