package io.sentimentstream.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sentimentstream.core.event.DeadLetterHeaders;
import io.sentimentstream.core.event.EventJson;
import io.sentimentstream.core.event.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterProductionExceptionHandlerTest {

    private final DeadLetterProductionExceptionHandler handler = new DeadLetterProductionExceptionHandler();
    private final ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("reviews-scored", 2, 1234L,
            "k".getBytes(StandardCharsets.UTF_8), new byte[10]);

    @BeforeEach
    void configure() {
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "reviews-dlq"));
    }

    @Test
    void aRecordTooLargeBecomesADeadLetterAndTheApplicationGoesOn() throws Exception {
        ProductionExceptionHandler.Response response = handler.handleError(null, record,
                new RecordTooLargeException("1,500,000 bytes"));
        assertEquals(ProductionExceptionHandler.Result.RESUME, response.result());
        List<ProducerRecord<byte[], byte[]>> letters = response.deadLetterQueueRecords();
        assertEquals(1, letters.size());
        ProducerRecord<byte[], byte[]> letter = letters.get(0);
        assertEquals("reviews-dlq", letter.topic());
        assertArrayEquals(record.key(), letter.key());
        // the value is what was too large: a pointer says where it was going, its size and reason
        assertNotNull(letter.headers().lastHeader(DeadLetter.POINTER_HEADER));
        com.fasterxml.jackson.databind.JsonNode pointer = EventJson.mapper().readTree(letter.value());
        assertEquals(10, pointer.get("size").asInt());
        assertEquals("PRODUCTION_FAILED", pointer.get("reason").asText());
        assertEquals("reviews-scored", pointer.get("topic").asText());
        assertEquals(RejectionReason.PRODUCTION_FAILED.name(),
                new String(letter.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8));
        assertEquals("reviews-scored",
                new String(letter.headers().lastHeader(DeadLetterHeaders.TOPIC).value(), StandardCharsets.UTF_8));
    }

    @Test
    void retriableErrorsAreRetriedAndOthersFail() {
        assertEquals(ProductionExceptionHandler.Result.RETRY,
                handler.handleError(null, record, new TimeoutException("slow")).result());
        assertEquals(ProductionExceptionHandler.Result.FAIL,
                handler.handleError(null, record, new AuthorizationException("denied")).result());
    }

    @Test
    void deadLetterHeadersUseKafkaStreamsOwnNames() {
        assertEquals(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME, DeadLetterHeaders.EXCEPTION);
        assertEquals(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME, DeadLetterHeaders.MESSAGE);
        assertEquals(ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME, DeadLetterHeaders.STACKTRACE);
        assertEquals(ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME, DeadLetterHeaders.TOPIC);
        assertEquals(ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME, DeadLetterHeaders.PARTITION);
        assertEquals(ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME, DeadLetterHeaders.OFFSET);
    }
}
