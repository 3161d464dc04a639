package io.sentimentstream.streams.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.event.ScoredReview;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentScoresTest {

    private static final ModelRef MODEL = new ModelRef("m", "1");

    @Test
    void keepsTheLatestReviewsNewestFirstAndNoMore() {
        RecentScores recent = new RecentScores();
        for (int i = 0; i < RecentScores.KEPT_REVIEWS + 5; i++) {
            recent.scored(review("r" + i, 10, 1_000), "text " + i);
        }
        List<RecentScores.Recent> latest = recent.latest();
        assertEquals(RecentScores.KEPT_REVIEWS, latest.size());
        assertEquals("r" + (RecentScores.KEPT_REVIEWS + 4), latest.get(0).review().id());
        assertEquals("r5", latest.get(latest.size() - 1).review().id());
        assertEquals(List.of("m@1"), recent.models());
    }

    @Test
    void snippetsAreTheBeginningOfTheTextWithWhiteSpaceCollapsed() {
        assertEquals("a b c", RecentScores.snippet("  a \n\t b   c "));
        String longText = "word ".repeat(10_000);
        String snippet = RecentScores.snippet(longText);
        assertEquals(RecentScores.SNIPPET_CHARS + 1, snippet.length());
        assertTrue(snippet.endsWith("…"));
        // A surrogate pair is never cut in half.
        String emoji = "x".repeat(RecentScores.SNIPPET_CHARS - 1) + "😀 and more";
        assertEquals("x".repeat(RecentScores.SNIPPET_CHARS - 1) + "…", RecentScores.snippet(emoji));
    }

    @Test
    void latencyPercentilesCoverOnlyTheRecentPast() {
        RecentScores recent = new RecentScores();
        long now = 1_000_000;
        recent.scored(review("old", 5_000, now - RecentScores.LATENCY_HORIZON_MS - 1), "t");
        for (int i = 1; i <= 100; i++) {
            recent.scored(review("r" + i, i, now - 10), "t");
        }
        assertEquals(50, recent.latencyPercentile(50, now));
        assertEquals(99, recent.latencyPercentile(99, now));
        assertTrue(Double.isNaN(new RecentScores().latencyPercentile(50, now)));
    }

    private static ScoredReview review(String id, long latencyMs, long scoredAtMs) {
        return new ScoredReview(id, Sentiment.POS, 0.9, Sentiment.NEG, MODEL, Instant.ofEpochMilli(scoredAtMs),
                latencyMs, Map.of());
    }
}
