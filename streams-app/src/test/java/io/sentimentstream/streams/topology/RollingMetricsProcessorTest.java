package io.sentimentstream.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.streams.metrics.HoppingWindows;
import io.sentimentstream.streams.metrics.MetricsAccumulator;
import io.sentimentstream.streams.metrics.ScoringMetrics;
import io.sentimentstream.streams.serde.EventSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rolling metrics over hand-counted outcomes: 60 s windows advancing by 30 s, 15 s grace. */
class RollingMetricsProcessorTest {

    private static final ModelRef MODEL = new ModelRef("m", "1");
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant WALL = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, ScoreOutcome> outcomes;
    private TestOutputTopic<String, MetricsSnapshot> snapshots;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start() {
        registry = new SimpleMeterRegistry();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("outcomes", Consumed.with(Serdes.String(), EventSerdes.internal(ScoreOutcome.class)))
                .process(RollingMetricsProcessor.supplier(new HoppingWindows(60_000, 30_000), Duration.ofSeconds(15),
                        Duration.ofSeconds(1), new ScoringMetrics(registry)), Named.as("rolling"))
                .to("metrics", Produced.with(Serdes.String(), EventSerdes.metricsSnapshot()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "metrics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, WALL);
        outcomes = driver.createInputTopic("outcomes", Serdes.String().serializer(),
                EventSerdes.internal(ScoreOutcome.class).serializer());
        snapshots = driver.createOutputTopic("metrics", Serdes.String().deserializer(),
                EventSerdes.metricsSnapshot().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void outcome(int second, Sentiment predicted, Sentiment label, double probability) {
        outcomes.pipeInput(new TestRecord<>(MODEL.toString(), new ScoreOutcome(MODEL, predicted, label, probability),
                BASE.plusSeconds(second)));
    }

    private Map<String, MetricsSnapshot> emit() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        Map<String, MetricsSnapshot> out = new LinkedHashMap<>();
        snapshots.readKeyValuesToList().forEach(kv -> out.put(kv.key, kv.value));
        return out;
    }

    private static String window(int startSecond) {
        return RollingMetricsProcessor.windowKey(MODEL, BASE.plusSeconds(startSecond).toEpochMilli());
    }

    private void feedFirstFive() {
        outcome(10, Sentiment.POS, Sentiment.POS, 0.9);  // TP
        outcome(35, Sentiment.NEG, Sentiment.POS, 0.2);  // FN
        outcome(40, Sentiment.POS, Sentiment.NEG, 0.6);  // FP
        outcome(50, Sentiment.NEG, null, 0.1);           // unlabelled
        outcome(70, Sentiment.NEG, Sentiment.NEG, 0.3);  // TN
    }

    @Test
    void windowsAndCumulativeCountsHaveTheHandCountedValues() {
        feedFirstFive();
        assertTrue(snapshots.isEmpty(), "nothing before the emit interval");
        Map<String, MetricsSnapshot> out = emit();
        assertEquals(5, out.size());

        MetricsSnapshot earliest = out.get(window(-30)); // 10; stream time 70 is past its end + grace
        assertEquals(1, earliest.count());
        assertEquals(1.0, earliest.accuracy(), 1e-12);
        assertTrue(earliest.closed());

        MetricsSnapshot first = out.get(window(0));   // 10, 35, 40, 50
        assertEquals(4, first.count());
        assertEquals(3, first.labelledCount());
        assertEquals(1.0 / 3, first.accuracy(), 1e-12);
        assertEquals(0.5, first.precision(), 1e-12);
        assertEquals(0.5, first.recall(), 1e-12);
        assertEquals(0.5, first.f1(), 1e-12);
        assertEquals(0.5, first.positiveRate(), 1e-12);
        assertEquals(0.45, first.meanProbability(), 1e-12);
        assertEquals(BASE, first.windowStart());
        assertEquals(BASE.plusSeconds(60), first.windowEnd());
        assertFalse(first.closed());

        MetricsSnapshot second = out.get(window(30));  // 35, 40, 50, 70
        assertEquals(4, second.count());
        assertEquals(1.0 / 3, second.accuracy(), 1e-12);
        assertEquals(0.0, second.precision(), 1e-12);
        assertEquals(0.25, second.positiveRate(), 1e-12);
        assertEquals(0.3, second.meanProbability(), 1e-12);

        MetricsSnapshot third = out.get(window(60));   // 70
        assertEquals(1, third.count());
        assertEquals(1.0, third.accuracy(), 1e-12);

        MetricsSnapshot cumulative = out.get(RollingMetricsProcessor.cumulativeKey(MODEL));
        assertEquals(MetricsSnapshot.Kind.CUMULATIVE, cumulative.kind());
        assertEquals(5, cumulative.count());
        assertEquals(4, cumulative.labelledCount());
        assertEquals(0.5, cumulative.accuracy(), 1e-12);
        assertEquals(0.4, cumulative.positiveRate(), 1e-12);
        assertEquals(0.42, cumulative.meanProbability(), 1e-12);
        assertEquals(MODEL, cumulative.model());
        assertEquals(WALL.plusSeconds(1), cumulative.emittedAt());

        assertEquals(0.5, registry.get("sentiment.rolling.accuracy").tag("window", "cumulative").gauge().value(), 1e-12);
        assertEquals(1.0, registry.get("sentiment.rolling.accuracy").tag("window", "latest").gauge().value(), 1e-12);
    }

    @Test
    void onlyChangedCountsAreWrittenAgain() {
        feedFirstFive();
        emit();
        assertTrue(emit().isEmpty(), "nothing changed");
        outcome(72, Sentiment.POS, null, 0.7);  // stream time 72: [0, 60) + 15 s grace still open
        assertEquals(java.util.Set.of(window(30), window(60), RollingMetricsProcessor.cumulativeKey(MODEL)),
                emit().keySet());
    }

    @Test
    void aWindowClosesAfterItsGracePeriodAndLateReviewsCountOnlyCumulatively() {
        feedFirstFive();
        emit();
        outcome(80, Sentiment.POS, Sentiment.POS, 0.8);  // stream time 80 s: [0, 60) + 15 s grace is over
        Map<String, MetricsSnapshot> out = emit();
        MetricsSnapshot closed = out.get(window(0));
        assertTrue(closed.closed());
        assertEquals(4, closed.count(), "final counts unchanged");
        assertEquals(5, out.get(window(30)).count());
        assertNull(driver.getKeyValueStore(RollingMetricsProcessor.STORE).get(window(0)), "closed window dropped");

        outcome(20, Sentiment.NEG, Sentiment.NEG, 0.4);  // late for [0, 60)
        out = emit();
        assertEquals(java.util.Set.of(RollingMetricsProcessor.cumulativeKey(MODEL)), out.keySet());
        assertEquals(7, out.get(RollingMetricsProcessor.cumulativeKey(MODEL)).count());
        assertEquals(1.0, registry.get("sentiment.metrics.late.reviews").counter().count());
    }

    @Test
    void unlabelledReviewsLeaveTheLabelledRatesEmpty() {
        outcome(1, Sentiment.POS, null, 0.8);
        MetricsSnapshot cumulative = emit().get(RollingMetricsProcessor.cumulativeKey(MODEL));
        assertEquals(1, cumulative.count());
        assertNull(cumulative.accuracy());
        assertEquals(1.0, cumulative.positiveRate(), 1e-12);
        assertTrue(Double.isNaN(registry.get("sentiment.rolling.accuracy").tag("window", "cumulative").gauge().value()));
    }

    /**
     * Kafka Streams re-initialises the same processor after restoring its store from the changelog
     * (a task revived after an exactly-once failure): the counts must continue from the restored
     * store, not from what the processor held before.
     */
    @Test
    void afterAReinitialisationTheCountsContinueFromTheStoreAsRestored() {
        MockProcessorContext<String, MetricsSnapshot> context = new MockProcessorContext<>();
        context.setCurrentStreamTimeMs(BASE.toEpochMilli());
        KeyValueStore<String, MetricsAccumulator> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(RollingMetricsProcessor.STORE), Serdes.String(),
                EventSerdes.internal(MetricsAccumulator.class)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        RollingMetricsProcessor processor = new RollingMetricsProcessor(new HoppingWindows(60_000, 30_000),
                Duration.ofSeconds(15), Duration.ofSeconds(1), new ScoringMetrics(registry));
        processor.init(context);
        String cumulative = RollingMetricsProcessor.cumulativeKey(MODEL);
        processor.process(new Record<>(MODEL.toString(), new ScoreOutcome(MODEL, Sentiment.POS, null, 0.9),
                BASE.toEpochMilli()));
        MetricsAccumulator committed = store.get(cumulative);
        processor.process(new Record<>(MODEL.toString(), new ScoreOutcome(MODEL, Sentiment.POS, null, 0.8),
                BASE.toEpochMilli()));
        assertEquals(2, store.get(cumulative).count());

        store.put(cumulative, committed); // restored: the second update was never committed
        processor.init(context);
        processor.process(new Record<>(MODEL.toString(), new ScoreOutcome(MODEL, Sentiment.NEG, null, 0.1),
                BASE.toEpochMilli()));
        assertEquals(2, store.get(cumulative).count(), "one restored review and one new one");
        assertEquals(0.9 + 0.1, store.get(cumulative).probabilitySum(), 1e-12);
    }
}
