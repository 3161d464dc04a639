package io.sentimentstream.streams.topology;

import io.sentimentstream.core.event.RejectionReason;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a result cannot be written because of the record itself (larger than the broker accepts),
 * writes a dead letter instead and goes on, so one oversized review does not stop the
 * application. The dead letter has the key and the headers that say why, but no value: the value
 * is what was too large. Retriable errors are retried; anything else (authorisation, a missing
 * topic, serialisation bugs) fails the application, because skipping would lose every record.
 */
public final class DeadLetterProductionExceptionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionExceptionHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null ? null : topic.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (exception instanceof RecordTooLargeException && deadLetterTopic != null
                && !deadLetterTopic.equals(record.topic())) {
            LOG.warn("a record for {} is too large ({}); writing a dead letter to {} instead", record.topic(),
                    exception.getMessage(), deadLetterTopic);
            ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(deadLetterTopic, null,
                    record.timestamp(), record.key(), null,
                    DeadLetters.headers(record.headers(), RejectionReason.PRODUCTION_FAILED, exception, false,
                            record.topic(), record.partition() == null ? -1 : record.partition(), -1));
            return Response.resume(List.of(deadLetter));
        }
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        LOG.error("cannot write a record to {} (processor {}): failing", record.topic(),
                context == null ? "?" : context.processorNodeId(), exception);
        return Response.fail();
    }
}
