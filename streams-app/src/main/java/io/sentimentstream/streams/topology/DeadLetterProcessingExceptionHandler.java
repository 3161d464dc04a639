package io.sentimentstream.streams.topology;

import io.sentimentstream.core.event.RejectionReason;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence (KIP-1033/KIP-1034): an unexpected exception while processing one
 * record — a defect, since bad input and model failures are handled where they happen — writes
 * that record's dead letter ({@link RejectionReason#PROCESSING_FAILED}, with the stack trace) in
 * the same exactly-once transaction and goes on, instead of stopping the application, which would
 * meet the same record again after every restart. Kafka's own errors are not the record's fault
 * and a restart may cure them: those still fail.
 */
public final class DeadLetterProcessingExceptionHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingExceptionHandler.class);

    private DeadLetterTarget target = new DeadLetterTarget(null, 1 << 20);

    @Override
    public void configure(Map<String, ?> configs) {
        target = DeadLetterTarget.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof KafkaException || target.topic() == null) {
            LOG.error("processing failed in {} at {}-{}@{}: failing (a Kafka error, or no dead-letter topic)",
                    context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception);
            return Response.fail();
        }
        LOG.error("processing failed in {} at {}-{}@{}: writing a dead letter and going on",
                context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception);
        SourcePosition source = context.topic() == null ? SourcePosition.UNKNOWN
                : new SourcePosition(context.topic(), context.partition(), context.offset());
        DeadLetter deadLetter = DeadLetter.of(context.sourceRawKey(), context.sourceRawValue(), context.headers(),
                RejectionReason.PROCESSING_FAILED, exception, true, source, target.maxRecordBytes());
        return Response.resume(List.of(deadLetter.toProducerRecord(target.topic(), context.timestamp())));
    }
}
