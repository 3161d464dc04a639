package io.sentimentstream.streams.topology;

import static io.sentimentstream.streams.testing.ScoringDriver.utf8;
import static io.sentimentstream.streams.topology.ReviewValidatorTest.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentimentstream.core.event.DeadLetterHeaders;
import io.sentimentstream.core.event.EventJson;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.scoring.ModelScorer;
import io.sentimentstream.streams.scoring.ReviewScorer;
import io.sentimentstream.streams.testing.ScoringDriver;
import io.sentimentstream.streams.testing.TestConfigs;
import io.sentimentstream.streams.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size and shape budget at its edges, through the whole topology: at a limit a review is
 * scored, one over it is a dead letter with its own reason; a dead letter that would not fit a
 * record is a pointer; an unexpected exception in a processor is a dead letter, not a stop.
 */
class ReviewBudgetTest {

    /** Small limits, so the edges are cheap to reach: value 2000 B, key 40 B, id 20, depth 4, 3 fields in 200 B. */
    private static final StreamsAppConfig CONFIG = TestConfigs.of("batch.size", "1",
            "review.max.bytes", "2000", "review.max.key.bytes", "40", "review.max.id.chars", "20",
            "review.max.depth", "4", "review.max.fields", "3", "review.max.fields.bytes", "200");

    @TempDir
    Path stateDir;

    private ScoringDriver driver;

    private ScoringDriver start(int maxRecordBytes) {
        ReviewScorer scorer = new ModelScorer(TestModels.tiny());
        driver = new ScoringDriver(CONFIG, () -> scorer, stateDir, ScoringDriver.budget(CONFIG, maxRecordBytes));
        return driver;
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void assertScored(String key, String value) {
        driver.reviews.pipeInput(utf8(key), utf8(value));
        List<ScoredReview> scored = driver.scored.readValuesToList();
        assertEquals(1, scored.size(), key + " is scored; dead letters: " + driver.deadLetters.getQueueSize());
    }

    private TestRecord<byte[], byte[]> assertDeadLetter(String key, String value, String reason) {
        driver.reviews.pipeInput(utf8(key), utf8(value));
        assertTrue(driver.scored.isEmpty(), key + " is not scored");
        TestRecord<byte[], byte[]> letter = driver.deadLetters.readRecord();
        assertEquals(reason, header(letter.headers(), DeadLetterHeaders.REASON));
        return letter;
    }

    @Test
    void eachLimitAcceptsItsEdgeAndRejectsOneMoreWithItsOwnReason() {
        start(1 << 20);
        String good = "a great film ";
        assertScored("v", good + "x".repeat(2000 - good.length()));
        assertDeadLetter("v", good + "x".repeat(2001 - good.length()), "VALUE_TOO_LARGE");

        // (a plain-text review takes its key as id, which has a limit of its own)
        assertScored("k".repeat(40), "{\"id\":\"k\",\"text\":\"fine\"}");
        assertDeadLetter("k".repeat(41), "{\"id\":\"k\",\"text\":\"fine\"}", "KEY_TOO_LARGE");

        assertScored("i", "{\"id\":\"" + "i".repeat(20) + "\",\"text\":\"fine\"}");
        assertDeadLetter("i", "{\"id\":\"" + "i".repeat(21) + "\",\"text\":\"fine\"}", "ID_TOO_LONG");

        // the review object is level 1: three more levels of arrays are allowed, four are not
        assertScored("d", "{\"text\":\"fine\",\"x\":[[[1]]]}");
        assertDeadLetter("d", "{\"text\":\"fine\",\"x\":[[[[1]]]]}", "TOO_DEEP");

        assertScored("f", "{\"text\":\"fine\",\"a\":1,\"b\":2,\"c\":3}");
        assertDeadLetter("f", "{\"text\":\"fine\",\"a\":1,\"b\":2,\"c\":3,\"d\":4}", "TOO_MANY_FIELDS");

        // {"a":"..."} is 8 bytes of JSON around the string
        assertScored("s", "{\"text\":\"fine\",\"a\":\"" + "s".repeat(192) + "\"}");
        assertDeadLetter("s", "{\"text\":\"fine\",\"a\":\"" + "s".repeat(193) + "\"}", "FIELDS_TOO_LARGE");
        // control characters count as JSON writes them (escaped), which is what every output holds
        assertDeadLetter("e", "{\"text\":\"fine\",\"a\":\"" + "\\u0001".repeat(40) + "\"}", "FIELDS_TOO_LARGE");
    }

    @Test
    void aDeadLetterThatWouldNotFitARecordIsAPointerWithAPrefix() throws Exception {
        // records of at most 20 KiB: the 16 KiB kept for reason headers leave about 3 KiB for the original
        start(20 * 1024);
        TestRecord<byte[], byte[]> small = assertDeadLetter("small", "{\"text\":\"\"}", "EMPTY_TEXT");
        assertNull(small.headers().lastHeader(DeadLetter.POINTER_HEADER));
        assertArrayEquals(utf8("{\"text\":\"\"}"), small.value());

        String big = "{\"text\":\"" + "z".repeat(1990) + "\"}";
        stop();
        driver = null;
        StreamsAppConfig roomy = TestConfigs.of("batch.size", "1", "review.max.bytes", "1500");
        ReviewScorer scorer = new ModelScorer(TestModels.tiny());
        driver = new ScoringDriver(roomy, () -> scorer, stateDir.resolve("2"), ScoringDriver.budget(roomy, 4000));
        TestRecord<byte[], byte[]> letter = assertDeadLetter("big", big, "VALUE_TOO_LARGE");
        assertNotNull(letter.headers().lastHeader(DeadLetter.POINTER_HEADER));
        assertArrayEquals(utf8("big"), letter.key());
        JsonNode pointer = EventJson.mapper().readTree(letter.value());
        assertEquals(utf8(big).length, pointer.get("size").asInt());
        assertEquals("VALUE_TOO_LARGE", pointer.get("reason").asText());
        assertEquals("reviews", pointer.get("topic").asText());
        assertEquals(0, pointer.get("offset").asLong());
        assertEquals(big.substring(0, DeadLetter.PREFIX_BYTES), pointer.get("prefix").asText());
        assertTrue(letter.value().length < 2000);
    }

    @Test
    void anUnexpectedExceptionInAProcessorIsADeadLetterAndTheNextRecordIsScored() {
        ReviewScorer real = new ModelScorer(TestModels.tiny());
        int[] calls = {0};
        // the first call for a scorer throws: a defect, outside the handled paths (bad input, model failure)
        driver = new ScoringDriver(CONFIG, () -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("a defect");
            }
            return real;
        }, stateDir);
        driver.reviews.pipeInput(utf8("first"), utf8("a great film"));
        TestRecord<byte[], byte[]> letter = driver.deadLetters.readRecord();
        assertEquals("PROCESSING_FAILED", header(letter.headers(), DeadLetterHeaders.REASON));
        assertNotNull(header(letter.headers(), DeadLetterHeaders.STACKTRACE));
        assertArrayEquals(utf8("a great film"), letter.value());
        assertArrayEquals(utf8("first"), letter.key());

        driver.reviews.pipeInput(utf8("second"), utf8("a great film"));
        driver.advance(Duration.ofSeconds(1));
        assertEquals(List.of("second"), driver.scored.readValuesToList().stream().map(ScoredReview::id).toList());
    }

    @Test
    void limitsThatDoNotFitTheRecordLimitFailAtStartUpNamingTheSettings() {
        RecordBudget defaults = ScoringDriver.budget(TestConfigs.of(), 1 << 20).verify();
        assertTrue(defaults.bufferEntryBytes() < 1 << 20 && defaults.scoredBytes() < 1 << 20
                && defaults.failedScoreBytes() < 1 << 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScoringDriver.budget(TestConfigs.of("review.max.fields.bytes", "2000000"), 1 << 20).verify());
        assertTrue(e.getMessage().contains("review.max.fields.bytes"), e.getMessage());
        assertEquals(new ModelRef("m", "1").toString().length(), 3);
    }
}
