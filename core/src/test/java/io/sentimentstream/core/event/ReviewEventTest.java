package io.sentimentstream.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentimentstream.core.data.Sentiment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReviewEventTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonWithAllFieldsKeepsOtherFieldsInOrder() throws Exception {
        ReviewEvent event = ReviewEvent.parse(
                utf8("{\"source\":\"web\",\"id\":\"r1\",\"text\":\"Great film\",\"label\":\"pos\",\"user\":{\"n\":1}}"),
                "key");
        assertEquals("r1", event.id());
        assertEquals("Great film", event.text());
        assertEquals(Sentiment.POS, event.label());
        assertEquals(List.of("source", "user"), List.copyOf(event.carried().keySet()));
        assertEquals(1, event.carried().get("user").get("n").asInt());
    }

    @Test
    void jsonWithoutIdOrLabelUsesTheFallbackIdAndHasNoLabel() throws Exception {
        ReviewEvent event = ReviewEvent.parse(utf8("  {\"text\":\"meh\"}\n"), "k-7");
        assertEquals("k-7", event.id());
        assertNull(event.label());
        assertTrue(event.knownLabel().isEmpty());
        assertTrue(event.carried().isEmpty());
    }

    @Test
    void numericIdAndZeroOneLabelsAreAccepted() throws Exception {
        ReviewEvent event = ReviewEvent.parse(utf8("{\"id\":42,\"text\":\"x\",\"label\":0}"), "k");
        assertEquals("42", event.id());
        assertEquals(Sentiment.NEG, event.label());
        assertEquals(Sentiment.POS, ReviewEvent.parse(utf8("{\"text\":\"x\",\"label\":\" Positive \"}"), "k").label());
    }

    @Test
    void plainTextIsTheReviewWithTheFallbackId() throws Exception {
        ReviewEvent event = ReviewEvent.parse(utf8("I loved it, {really}!"), "key-1");
        assertEquals("key-1", event.id());
        assertEquals("I loved it, {really}!", event.text());
        assertNull(event.label());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheValue() throws Exception {
        assertEquals("a", ReviewEvent.parse(utf8("\uFEFF{\"text\":\"a\"}"), "k").text());
        assertEquals("plain", ReviewEvent.parse(utf8("\uFEFFplain"), "k").text());
    }

    static List<Arguments> badInput() {
        byte[] invalidUtf8 = {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28};
        return List.of(
                Arguments.of("null value", null, RejectionReason.NULL_VALUE),
                Arguments.of("empty value", new byte[0], RejectionReason.EMPTY_TEXT),
                Arguments.of("blank text", utf8(" \t\n"), RejectionReason.EMPTY_TEXT),
                Arguments.of("invalid UTF-8", invalidUtf8, RejectionReason.INVALID_UTF8),
                Arguments.of("truncated JSON", utf8("{\"text\":\"good"), RejectionReason.INVALID_JSON),
                Arguments.of("trailing garbage", utf8("{\"text\":\"a\"} x"), RejectionReason.INVALID_JSON),
                Arguments.of("duplicate key", utf8("{\"text\":\"a\",\"text\":\"b\"}"), RejectionReason.INVALID_JSON),
                Arguments.of("no text", utf8("{\"id\":\"1\",\"label\":\"pos\"}"), RejectionReason.MISSING_TEXT),
                Arguments.of("null text", utf8("{\"text\":null}"), RejectionReason.MISSING_TEXT),
                Arguments.of("empty text", utf8("{\"text\":\"\"}"), RejectionReason.EMPTY_TEXT),
                Arguments.of("blank JSON text", utf8("{\"text\":\"  \"}"), RejectionReason.EMPTY_TEXT),
                Arguments.of("numeric text", utf8("{\"text\":5}"), RejectionReason.INVALID_FIELD),
                Arguments.of("object id", utf8("{\"text\":\"a\",\"id\":{}}"), RejectionReason.INVALID_FIELD),
                Arguments.of("unknown label", utf8("{\"text\":\"a\",\"label\":\"meh\"}"), RejectionReason.UNKNOWN_LABEL),
                Arguments.of("boolean label", utf8("{\"text\":\"a\",\"label\":true}"), RejectionReason.UNKNOWN_LABEL),
                Arguments.of("label 2", utf8("{\"text\":\"a\",\"label\":2}"), RejectionReason.UNKNOWN_LABEL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsRejectedWithItsReason(String name, byte[] value, RejectionReason reason) {
        InvalidReviewException e = assertThrows(InvalidReviewException.class, () -> ReviewEvent.parse(value, "k"));
        assertEquals(reason, e.reason());
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"quoted\"", "42"})
    void valuesThatDoNotStartWithABraceAreText(String value) throws Exception {
        assertEquals(value, ReviewEvent.parse(utf8(value), "k").text());
    }

    @Test
    void toJsonRoundTrips() throws Exception {
        JsonNode extra = EventJson.mapper().readTree("{\"a\":[1,2]}");
        ReviewEvent event = new ReviewEvent("id-1", "Text \u00e9\u4e2d", Sentiment.NEG, Map.of("extra", extra));
        assertEquals(event, ReviewEvent.parse(event.toJson(), "other"));
    }
}
