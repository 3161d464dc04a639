package io.sentimentstream.streams.topology;

import static io.sentimentstream.streams.testing.ScoringDriver.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.event.DeadLetterHeaders;
import io.sentimentstream.core.event.InvalidReviewException;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.event.RejectionReason;
import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.streams.scoring.ModelScorer;
import io.sentimentstream.streams.scoring.ReviewScorer;
import io.sentimentstream.streams.testing.ScoringDriver;
import io.sentimentstream.streams.testing.TestConfigs;
import io.sentimentstream.streams.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validator through the whole topology: every kind of bad input ends in the dead-letter topic. */
class ReviewValidatorTest {

    @TempDir
    Path stateDir;

    private ScoringDriver driver;

    @BeforeEach
    void start() {
        ReviewScorer scorer = new ModelScorer(TestModels.tiny());
        driver = new ScoringDriver(TestConfigs.of("batch.size", "1"), () -> scorer, stateDir);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void everyKindOfBadInputIsADeadLetterWithItsReasonAndOriginalRecord() {
        byte[] notUtf8 = {'o', 'k', (byte) 0xFF, (byte) 0xFE};
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put(RejectionReason.NULL_VALUE.name(), null);
        bad.put(RejectionReason.INVALID_UTF8.name(), notUtf8);
        bad.put(RejectionReason.INVALID_JSON.name(), utf8("{\"text\": \"unterminated"));
        bad.put(RejectionReason.MISSING_TEXT.name(), utf8("{\"id\":\"x\",\"label\":\"pos\"}"));
        bad.put(RejectionReason.EMPTY_TEXT.name(), utf8("{\"text\":\"   \"}"));
        bad.put(RejectionReason.UNKNOWN_LABEL.name(), utf8("{\"text\":\"fine\",\"label\":\"meh\"}"));
        bad.put(RejectionReason.INVALID_FIELD.name(), utf8("{\"text\":[\"a\"]}"));

        int offset = 0;
        for (Map.Entry<String, byte[]> entry : bad.entrySet()) {
            Headers headers = new RecordHeaders().add("trace-id", utf8("t-" + offset));
            driver.reviews.pipeInput(new TestRecord<>(utf8("key-" + offset), entry.getValue(), headers,
                    ScoringDriver.START.plusSeconds(offset)));
            offset++;
        }

        List<TestRecord<byte[], byte[]>> letters = driver.deadLetters.readRecordsToList();
        assertEquals(bad.size(), letters.size());
        assertTrue(driver.scored.isEmpty());
        int i = 0;
        for (Map.Entry<String, byte[]> entry : bad.entrySet()) {
            TestRecord<byte[], byte[]> letter = letters.get(i);
            assertArrayEquals(utf8("key-" + i), letter.key(), "key kept");
            assertArrayEquals(entry.getValue(), letter.value(), "value kept byte for byte");
            assertEquals(ScoringDriver.START.plusSeconds(i), letter.getRecordTime(), "timestamp kept");
            assertEquals("t-" + i, header(letter.headers(), "trace-id"), "original headers kept");
            assertEquals(entry.getKey(), header(letter.headers(), DeadLetterHeaders.REASON));
            assertEquals(InvalidReviewException.class.getName(), header(letter.headers(), DeadLetterHeaders.EXCEPTION));
            assertTrue(header(letter.headers(), DeadLetterHeaders.MESSAGE).length() > 5);
            assertEquals("reviews", header(letter.headers(), DeadLetterHeaders.TOPIC));
            assertEquals("0", header(letter.headers(), DeadLetterHeaders.PARTITION));
            assertEquals(String.valueOf(i), header(letter.headers(), DeadLetterHeaders.OFFSET));
            i++;
        }
        assertEquals(1.0, driver.registry().get("sentiment.dead.letters")
                .tag("reason", RejectionReason.INVALID_JSON.name()).counter().count());
    }

    @Test
    void goodRecordsAmongBadOnesAreScoredAndTheApplicationGoesOn() {
        driver.reviews.pipeInput(utf8("a"), utf8("{broken"));
        driver.reviews.pipeInput(utf8("b"), utf8("a great movie"));
        driver.reviews.pipeInput(utf8("c"), (byte[]) null);
        driver.reviews.pipeInput(utf8("d"), utf8("{\"id\":\"r-d\",\"text\":\"awful plot\",\"label\":\"neg\"}"));

        assertEquals(2, driver.deadLetters.getQueueSize());
        List<ScoredReview> scored = driver.scored.readValuesToList();
        assertEquals(List.of("b", "r-d"), scored.stream().map(ScoredReview::id).toList());
    }

    @Test
    void plainTextTakesTheKeyAsIdAndANonTextKeyFallsBackToTheRecordCoordinates() {
        driver.reviews.pipeInput(utf8("review-17"), utf8("the acting was brilliant"));
        driver.reviews.pipeInput(new byte[] {(byte) 0xC3}, utf8("boring"));
        driver.reviews.pipeInput((byte[]) null, utf8("{\"text\":\"not good\"}"));

        List<ScoredReview> scored = driver.scored.readValuesToList();
        assertEquals(List.of("review-17", "reviews-0-1", "reviews-0-2"), scored.stream().map(ScoredReview::id).toList());
    }

    @Test
    void encodingFailuresAreDeadLettersWithAStackTrace() {
        ReviewScorer failing = new ReviewScorer() {
            @Override
            public ModelRef model() {
                return new ModelRef("failing", "1");
            }

            @Override
            public int[] encode(String text) {
                throw new IllegalStateException("cannot encode " + text.length() + " characters");
            }

            @Override
            public List<Score> score(List<int[]> encoded) {
                throw new AssertionError("nothing to score");
            }
        };
        driver.close();
        driver = new ScoringDriver(TestConfigs.of(), () -> failing, stateDir);
        driver.reviews.pipeInput(utf8("k"), utf8("text"));
        TestRecord<byte[], byte[]> letter = driver.deadLetters.readRecord();
        assertEquals(RejectionReason.ENCODING_FAILED.name(), header(letter.headers(), DeadLetterHeaders.REASON));
        assertEquals(IllegalStateException.class.getName(), header(letter.headers(), DeadLetterHeaders.EXCEPTION));
        assertNotNull(header(letter.headers(), DeadLetterHeaders.STACKTRACE));
        assertArrayEquals(utf8("text"), letter.value());
        driver.advance(Duration.ofSeconds(1));
        assertTrue(driver.scored.isEmpty());
    }

    @Test
    void badInputHasNoStackTraceHeader() {
        driver.reviews.pipeInput(utf8("k"), utf8("{}"));
        assertNull(header(driver.deadLetters.readRecord().headers(), DeadLetterHeaders.STACKTRACE));
    }

    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
