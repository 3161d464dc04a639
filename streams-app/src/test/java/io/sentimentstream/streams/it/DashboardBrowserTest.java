package io.sentimentstream.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.streams.ScoringApplication;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.testing.HeadlessChromium;
import io.sentimentstream.streams.testing.ScoringScenario;
import io.sentimentstream.streams.testing.SharedKafka;
import io.sentimentstream.streams.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as a person sees it, in headless Chromium, with the application running against
 * the real in-process broker: the figures on the page equal the metrics topic's, the latest
 * reviews appear with their verdicts, a review holding HTML is shown as text (and its script never
 * runs), and the page follows the stream without being reloaded. Saves a screenshot to
 * {@code target/dashboard.png} ({@code -Ddashboard.screenshot=PATH} to put it elsewhere).
 */
@ExtendWith(SharedKafka.class)
class DashboardBrowserTest {

    private static final String INSTANCE = "dashboard-test-instance";
    private static final String HTML_REVIEW =
            "<script>window.injected = true</script><b>Bold</b> claims <img src=x onerror=\"window.injected = true\">"
                    + " about a film I loved";
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void showsTheStreamLiveWithTheMetricsTopicsFiguresAndReviewTextAsText() throws Exception {
        ChromeDriver browser = HeadlessChromium.start(workDir.resolve("chromium-profile"));
        try (ScoringScenario scenario = new ScoringScenario(SharedKafka.bootstrapServers(), "dashboard-", workDir)) {
            // One partition: the reviews are scored in the order sent, so the last sent are the latest shown.
            scenario.createTopics(1);
            Map<String, String> settings = scenario.settings("dashboard-app", TestModels.writeTiny(workDir));
            settings.put("instance.id", INSTANCE);
            SentimentModel model = TestModels.tiny();
            try (ScoringApplication app = ScoringApplication.start(StreamsAppConfig.from(settings), model)) {
                assertTrue(app.awaitRunning(Duration.ofSeconds(90)), "running");
                browser.get("http://localhost:" + app.httpPort() + "/");
                awaitText(browser, "connection", "live");
                browser.executeScript("window.sameDocument = true");
                assertEquals(INSTANCE, text(browser, "instance-id"), "says which instance it shows");

                List<Review> first = reviews(30, "first");
                first.add(new Review("html", HTML_REVIEW, Sentiment.POS, null));
                scenario.produceReviews(first);
                scenario.produceBadRecords();
                ScoringScenario.Outputs outputs = scenario.awaitOutputs(Duration.ofMinutes(1));
                MetricsSnapshot cumulative = scenario.assertMetricsMatchOutputs(outputs, Duration.ofMinutes(1));
                assertPageShows(browser, cumulative);
                assertEquals(model.manifest().name() + "@" + model.manifest().version(), text(browser, "models"));
                assertEquals(String.valueOf(scenario.bad().size()), text(browser, "dead-total"));
                assertTrue(text(browser, "dead-rows").contains("EMPTY_TEXT 4"), text(browser, "dead-rows"));

                List<String> htmlRow = latestReviewRows(browser).get(0);
                assertTrue(htmlRow.get(1).startsWith(
                        "<script>window.injected = true</script><b>Bold</b> claims <img src=x"), htmlRow.toString());
                assertEquals("pos", htmlRow.get(4), "true label shown: " + htmlRow);
                assertTrue(browser.findElements(By.cssSelector("#review-rows script, #review-rows b, #review-rows img"))
                        .isEmpty(), "the review's HTML became elements");
                assertEquals(Boolean.TRUE, browser.executeScript("return window.injected === undefined"),
                        "the review's script ran");
                assertEquals(20, latestReviewRows(browser).size(), "the latest 20 reviews");

                List<Review> second = reviews(12, "second");
                scenario.produceReviews(second);
                outputs = scenario.awaitOutputs(Duration.ofMinutes(1));
                cumulative = scenario.assertMetricsMatchOutputs(outputs, Duration.ofMinutes(1));
                assertPageShows(browser, cumulative);
                assertEquals(Boolean.TRUE, browser.executeScript("return window.sameDocument === true"),
                        "updated without reloading");
                List<String> newest = latestReviewRows(browser).get(0);
                Review newestSent = second.get(second.size() - 1);
                assertEquals(newestSent.text(), newest.get(1), "newest review first: " + newest);
                assertEquals(newestSent.label().label(), newest.get(4), "its label");
                assertEquals(newest.get(2).equals(newest.get(4)) ? "✔ right" : "✘ wrong", newest.get(5), "its verdict");
                assertEquals(count(outputs.scored().size()), text(browser, "scored"));
                // This instance's pace, measured here: shown as numbers once reviews have flowed.
                assertTrue(text(browser, "p50").matches("[0-9.,]+ ms"), text(browser, "p50"));
                assertTrue(text(browser, "p99").matches("[0-9.,]+ ms"), text(browser, "p99"));
                assertTrue(text(browser, "batch").matches("([0-9.]+|–) · [1-9][0-9]*"), text(browser, "batch"));
                assertTrue(text(browser, "lag").matches("[0-9,]+"), "consumer lag: " + text(browser, "lag"));
                screenshot(browser);
            }
        } finally {
            browser.quit();
        }
    }

    /** The cumulative figures, the confusion matrix and the counts on the page are the snapshot's. */
    private static void assertPageShows(ChromeDriver browser, MetricsSnapshot cumulative) {
        String counts = String.format(Locale.ROOT, "%,d · %,d", cumulative.count(), cumulative.labelledCount());
        awaitText(browser, "cum-counts", counts);
        assertPercent(cumulative.accuracy(), text(browser, "cum-accuracy"));
        assertPercent(cumulative.precision(), text(browser, "cum-precision"));
        assertPercent(cumulative.recall(), text(browser, "cum-recall"));
        assertPercent(cumulative.f1(), text(browser, "cum-f1"));
        assertPercent(cumulative.positiveRate(), text(browser, "cum-positive-rate"));
        assertEquals(cumulative.meanProbability(), Double.parseDouble(text(browser, "cum-mean-probability")), 0.0005);
        var confusion = cumulative.confusion();
        assertEquals(count(confusion.truePositives()), text(browser, "cm-tp"));
        assertEquals(count(confusion.falsePositives()), text(browser, "cm-fp"));
        assertEquals(count(confusion.trueNegatives()), text(browser, "cm-tn"));
        assertEquals(count(confusion.falseNegatives()), text(browser, "cm-fn"));
    }

    /** A count as the page writes it. */
    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The page rounds to two decimals of a percent. */
    private static void assertPercent(Double expected, String shown) {
        assertTrue(shown.endsWith(" %"), shown);
        assertEquals(100 * expected, Double.parseDouble(shown.substring(0, shown.length() - 2)), 0.005 + 1e-9, shown);
    }

    /**
     * The cells of the latest reviews' rows as shown (time, text, predicted, probability, label,
     * verdict), read in one go: the page replaces the rows when new reviews arrive.
     */
    @SuppressWarnings("unchecked")
    private static List<List<String>> latestReviewRows(ChromeDriver browser) {
        return (List<List<String>>) browser.executeScript("return Array.from(document.querySelectorAll("
                + "'#review-rows tr'), tr => Array.from(tr.cells, td => td.textContent))");
    }

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void awaitText(ChromeDriver browser, String id, String expected) {
        try {
            new WebDriverWait(browser, PAGE_WAIT).until(b -> expected.equals(text(browser, id)));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertEquals(expected, text(browser, id), "#" + id + " after " + PAGE_WAIT.toSeconds() + " s");
        }
    }

    private static List<Review> reviews(int count, String prefix) {
        List<Review> reviews = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean positive = i % 3 != 0;
            String text = positive ? "A wonderful, moving film number " + i + " from the " + prefix + " batch."
                    : "Dull and far too long, film number " + i + " of the " + prefix + " batch.";
            reviews.add(new Review(prefix + "-" + i, text, positive ? Sentiment.POS : Sentiment.NEG, null));
        }
        return reviews;
    }

    private static void screenshot(ChromeDriver browser) throws Exception {
        Path target = Path.of(System.getProperty("dashboard.screenshot", "target/dashboard.png"));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, browser.getScreenshotAs(OutputType.BYTES));
    }
}
