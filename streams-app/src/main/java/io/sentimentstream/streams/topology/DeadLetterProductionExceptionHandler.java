package io.sentimentstream.streams.topology;

import io.sentimentstream.core.event.RejectionReason;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a result cannot be written because of the record itself (larger than the broker accepts),
 * writes a dead letter instead and goes on, so one oversized review does not stop the
 * application. The dead letter is a {@linkplain DeadLetter pointer} with the headers that say why:
 * the value is what was too large. Under exactly-once the producer's transaction may already be
 * failed by then, which is why the validator's budget keeps such records from being produced at all. Retriable errors are retried; anything else (authorisation, a missing
 * topic, serialisation bugs) fails the application, because skipping would lose every record.
 */
public final class DeadLetterProductionExceptionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionExceptionHandler.class);

    private DeadLetterTarget target = new DeadLetterTarget(null, 1 << 20);

    @Override
    public void configure(Map<String, ?> configs) {
        target = DeadLetterTarget.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (exception instanceof RecordTooLargeException && target.topic() != null
                && !target.topic().equals(record.topic())) {
            LOG.warn("a record for {} is too large ({}); writing a dead letter to {} instead", record.topic(),
                    exception.getMessage(), target.topic());
            // The value is what was too large: the dead letter is a pointer to where the result was going.
            DeadLetter deadLetter = DeadLetter.pointer(record.key(), record.value(), RejectionReason.PRODUCTION_FAILED,
                    exception, new SourcePosition(record.topic(), record.partition() == null ? -1 : record.partition(), -1));
            return Response.resume(List.of(deadLetter.toProducerRecord(target.topic(), record.timestamp())));
        }
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        LOG.error("cannot write a record to {} (processor {}): failing", record.topic(),
                context == null ? "?" : context.processorNodeId(), exception);
        return Response.fail();
    }
}
