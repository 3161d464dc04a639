package io.sentimentstream.streams.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.IntNode;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.event.ReviewEvent;
import io.sentimentstream.streams.metrics.MetricsAccumulator;
import io.sentimentstream.streams.topology.BufferedReview;
import io.sentimentstream.streams.topology.PendingReview;
import io.sentimentstream.streams.topology.ScoreOutcome;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The internal records survive their stores and repartition topic unchanged. */
class EventSerdesTest {

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    void outcomesAndAccumulatorsRoundTrip() {
        ScoreOutcome outcome = new ScoreOutcome(new ModelRef("m", "1"), Sentiment.NEG, null, 0.25);
        assertEquals(outcome, roundTrip(EventSerdes.internal(ScoreOutcome.class), outcome));
        MetricsAccumulator counts = MetricsAccumulator.window(new ModelRef("m", "1"), 0, 60_000)
                .add(Sentiment.POS, Sentiment.NEG, 0.75).add(Sentiment.NEG, null, 0.5).markEmitted();
        assertEquals(counts, roundTrip(EventSerdes.internal(MetricsAccumulator.class), counts));
        MetricsAccumulator cumulative = MetricsAccumulator.cumulative(new ModelRef("m", "1"));
        assertEquals(cumulative, roundTrip(EventSerdes.internal(MetricsAccumulator.class), cumulative));
    }

    @Test
    void garbageIsASerializationException() {
        assertThrows(SerializationException.class,
                () -> EventSerdes.scoredReview().deserializer().deserialize("t", new byte[] {'{'}));
        assertNull(EventSerdes.scoredReview().deserializer().deserialize("t", null));
    }
}
