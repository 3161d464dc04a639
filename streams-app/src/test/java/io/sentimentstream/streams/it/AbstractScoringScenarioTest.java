package io.sentimentstream.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.model.DefaultModel;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.streams.ScoringApplication;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.testing.ScoringScenario;
import io.sentimentstream.streams.testing.SharedReviews;
import io.sentimentstream.streams.testing.TestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end scenario against a real broker, whichever way the broker is started: thousands
 * of IMDB reviews plus bad records in; every review scored exactly once, every bad record in the
 * dead-letter topic, metrics matching the accuracy computed from the results; health and
 * Prometheus endpoints live. Subclasses provide the broker.
 */
abstract class AbstractScoringScenarioTest {

    private static final int REVIEWS = 2_500;

    @TempDir
    Path workDir;

    /** Bootstrap servers of the broker under test. */
    protected abstract String bootstrapServers();

    @Test
    void scoresEveryReviewExactlyOnceDeadLettersBadInputAndReportsMatchingMetrics() throws Exception {
        List<Review> reviews = SharedReviews.sample(REVIEWS);
        try (ScoringScenario scenario = new ScoringScenario(bootstrapServers(), "scenario-", workDir)) {
            scenario.createTopics(3);
            StreamsAppConfig config = StreamsAppConfig.from(scenario.settings("scenario-app", workDir.resolve("unused")));
            try (ScoringApplication app = ScoringApplication.start(config, model())) {
                assertTrue(app.awaitRunning(Duration.ofSeconds(90)), "running");
                assertEquals(200, get(app, "/health").statusCode());

                scenario.produceReviews(reviews.subList(0, REVIEWS / 2));
                scenario.produceBadRecords();
                scenario.producePlainText(List.of("A brilliant film, loved it!", "boring and bad", "meh"));
                scenario.produceReviews(reviews.subList(REVIEWS / 2, REVIEWS));

                ScoringScenario.Outputs outputs = scenario.awaitOutputs(Duration.ofMinutes(3));
                outputs = scenario.settle(Duration.ofSeconds(2));
                scenario.assertEveryReviewScoredExactlyOnce(outputs);
                scenario.assertOrderKeptPerPartition(outputs);
                scenario.assertEveryBadRecordDeadLettered(outputs);
                MetricsSnapshot cumulative = scenario.assertMetricsMatchOutputs(outputs, Duration.ofMinutes(1));
                assertEquals(REVIEWS, cumulative.labelledCount());
                if (!System.getProperty("scenario.model", "").equals("tiny")) {
                    // A trained model scores these reviews far above chance only if the stream
                    // preprocesses exactly as training did.
                    assertTrue(cumulative.accuracy() > 0.85, "accuracy " + cumulative.accuracy());
                }

                String metrics = get(app, "/metrics").body();
                assertEquals(REVIEWS + 3, (int) value(metrics, "sentiment_reviews_scored_total"), "scored counter");
                assertEquals(4, (int) value(metrics, "sentiment_dead_letters_total\\{reason=\"EMPTY_TEXT\"\\}"));
                assertTrue(value(metrics, "sentiment_batch_size_max") > 1, "batches of more than one review");
                assertTrue(metrics.contains("sentiment_scoring_duration_seconds_count"), "scoring latency");
                assertTrue(metrics.contains("sentiment_rolling_accuracy{window=\"cumulative\"}"), "rolling accuracy");
                assertTrue(metrics.contains("kafka_stream_thread_process_total"), "Kafka Streams' own metrics");
            }
        }
    }

    /**
     * The project's committed default bundle, so the accuracy checked against the metrics is a real
     * model's; {@code -Dscenario.model=tiny} uses the tiny untrained test model and
     * {@code -Dscenario.model=<path>} any other bundle.
     */
    private static SentimentModel model() {
        String chosen = System.getProperty("scenario.model", "");
        if (chosen.equals("tiny")) {
            return TestModels.tiny();
        }
        return SentimentModel.load(chosen.isBlank() ? DefaultModel.locate() : Path.of(chosen));
    }

    private static HttpResponse<String> get(ScoringApplication app, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String prometheus, String metricRegex) {
        Matcher m = Pattern.compile("(?m)^" + metricRegex + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(prometheus);
        assertTrue(m.find(), "no metric " + metricRegex);
        return Double.parseDouble(m.group(1));
    }
}
