package io.sentimentstream.streams.drift;

import static io.sentimentstream.streams.testing.ScoringDriver.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.drift.ReferenceProfile;
import io.sentimentstream.core.drift.ReferenceProfiles;
import io.sentimentstream.core.event.AlertEvent;
import io.sentimentstream.core.event.EventJson;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.model.DefaultModel;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.scoring.ModelScorer;
import io.sentimentstream.streams.testing.ScoringDriver;
import io.sentimentstream.streams.testing.SharedReviews;
import io.sentimentstream.streams.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both kinds of alarm with real text and the committed default model, its reference profile
 * computed here by the code the trainer uses ({@link ReferenceProfiles}) on 1,000 IMDB reviews:
 * a minute of 200 other IMDB reviews raises nothing; a minute of short sentences of another domain
 * (shop and support messages) raises the drift alarms; a minute of IMDB reviews whose labels are
 * flipped raises the accuracy alarm and clears the drift. Needs ../shared/data/imdb (a failure
 * under CI=true when missing).
 */
class AlarmDemonstrationTest {

    private static final List<String> OTHER_DOMAIN = List.of(
            "Battery died after two days.", "Delivery was late again.", "The charger works fine.",
            "Refund still not processed.", "Great customer support, thanks!", "Package arrived damaged.",
            "Login keeps failing on my phone.", "Fast shipping, good price.", "The app crashes at checkout.",
            "Password reset email never came.", "Love the new update.", "Screen cracked within a week.",
            "Order cancelled without notice.", "Works as described.", "Bluetooth pairing is flaky.",
            "Invoice has the wrong address.", "Quick reply from the help desk.", "Stock ran out again.",
            "Size runs small, return it.", "Coupon code did not apply.");

    @TempDir
    Path stateDir;

    @Test
    void driftAndAccuracyAlarmsAreRaisedAndClearedByRealText() throws Exception {
        // The file lists every negative review first: shuffled, so that each part has both.
        List<Review> reviews = new ArrayList<>(SharedReviews.sample(1_400));
        java.util.Collections.shuffle(reviews, new java.util.Random(7));
        List<Review> reference = reviews.subList(0, 1_000);
        SentimentModel model = SentimentModel.load(DefaultModel.locate());
        ReferenceProfile profile = ReferenceProfiles.compute(model,
                reference.stream().map(Review::text).toList(), reference.stream().map(Review::label).toList(),
                "1,000 IMDB training reviews");
        StreamsAppConfig config = TestConfigs.of("batch.size", "32", "batch.max.wait.ms", "1",
                "metrics.window.size.ms", "60000", "metrics.window.advance.ms", "60000",
                "metrics.window.grace.ms", "0", "metrics.emit.interval.ms", "1000");
        try (ScoringDriver driver = new ScoringDriver(config, () -> new ModelScorer(model), stateDir,
                ScoringDriver.budget(config, 1 << 20), profile)) {
            List<Review> imdb = reviews.subList(1_000, 1_200);
            List<Review> flipped = reviews.subList(1_200, 1_400);
            for (int i = 0; i < 200; i++) {
                send(driver, "imdb-" + i, imdb.get(i).text(), imdb.get(i).label(), i * 250L);
            }
            driver.advance(Duration.ofMillis(5));  // the last batch of the minute is scored
            for (int i = 0; i < 200; i++) {
                String text = OTHER_DOMAIN.get(i % OTHER_DOMAIN.size());
                send(driver, "shop-" + i, text, null, 60_000 + i * 250L);  // no truth in another domain
            }
            driver.advance(Duration.ofMillis(5));
            for (int i = 0; i < 200; i++) {
                Review review = flipped.get(i);
                send(driver, "flip-" + i, review.text(), review.label() == Sentiment.POS ? Sentiment.NEG : Sentiment.POS,
                        120_000 + i * 250L);
            }
            driver.advance(Duration.ofMillis(5));
            send(driver, "last", "A closing review to end the third minute.", null, 185_000);
            driver.advance(Duration.ofSeconds(1));

            Map<String, MetricsSnapshot> windows = driver.metricsTopic.readKeyValuesToMap();
            List<AlertEvent> alerts = driver.alerts.readValuesToList();
            String report = alerts.stream().map(AlertEvent::message).collect(Collectors.joining("\n"));
            System.out.println("windows (count, accuracy, probability/length/unknown PSI):");
            windows.values().stream().filter(w -> w.kind() == MetricsSnapshot.Kind.WINDOW).forEach(w ->
                    System.out.printf("  %s %d %.3f %s%n", w.windowStart(), w.count(), w.accuracy(),
                            w.quality().distance()));
            System.out.println("alerts:\n" + report);

            List<String> firstMinute = raisedIn(alerts, 0);
            assertEquals(List.of(), firstMinute, "IMDB reviews like the reference raise nothing\n" + report);
            List<String> secondMinute = raisedIn(alerts, 60_000);
            assertTrue(secondMinute.contains("length_drift"), report);
            assertTrue(secondMinute.contains("unknown_words_drift") || secondMinute.contains("probability_drift"),
                    report);
            List<String> thirdMinute = raisedIn(alerts, 120_000);
            assertTrue(thirdMinute.contains("accuracy"), report);
            assertTrue(alerts.stream().anyMatch(a -> !a.raised() && a.alarm().equals("length_drift")
                    && a.windowStart().toEpochMilli() == ScoringDriver.START.toEpochMilli() + 120_000), report);
            assertTrue(EventJson.mapper().readTree(alerts.get(0).toJson()).has("threshold"));
        }
    }

    private static List<String> raisedIn(List<AlertEvent> alerts, long windowStartMs) {
        List<String> raised = new ArrayList<>();
        for (AlertEvent alert : alerts) {
            if (alert.raised() && alert.windowStart().toEpochMilli() == ScoringDriver.START.toEpochMilli() + windowStartMs) {
                raised.add(alert.alarm());
            }
        }
        return raised.stream().sorted().toList();
    }

    private static void send(ScoringDriver driver, String id, String text, Sentiment label, long atMs) {
        com.fasterxml.jackson.databind.node.ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("id", id);
        node.put("text", text);
        if (label != null) {
            node.put("label", label.label());
        }
        driver.reviews.pipeInput(new TestRecord<>(utf8(id), utf8(node.toString()),
                ScoringDriver.START.plusMillis(atMs)));
    }
}
