package io.sentimentstream.streams.dashboard;

import io.sentimentstream.core.event.ScoredReview;
import io.sentimentstream.core.metrics.Percentiles;
import io.sentimentstream.streams.topology.ScoredReviewListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What this instance scored lately, kept in memory for the dashboard: the last
 * {@value #KEPT_REVIEWS} reviews with a snippet of their text (the scored topic has none), the
 * latencies of the last {@value #KEPT_LATENCIES} reviews for percentiles, and the models that
 * scored them. Bounded whatever the rate; the stream threads only append under a short lock.
 */
public final class RecentScores implements ScoredReviewListener {

    static final int KEPT_REVIEWS = 20;
    static final int KEPT_LATENCIES = 2048;
    static final int SNIPPET_CHARS = 160;
    /** Enough to fill a snippet after collapsing white space, and one more to tell the text went on. */
    private static final int HEAD_CHARS = 4 * SNIPPET_CHARS + 1;
    /** Latencies older than this are left out of the percentiles: they describe another moment. */
    static final long LATENCY_HORIZON_MS = 30_000;

    /**
     * One scored review as the page shows it.
     *
     * @param review  the result
     * @param snippet the beginning of the text the model read, white space collapsed
     */
    record Recent(ScoredReview review, String snippet) {
    }

    /** A review with the start of its text, long enough to make a snippet of. */
    private record Kept(ScoredReview review, String head) {
    }

    private final ArrayDeque<Kept> reviews = new ArrayDeque<>(KEPT_REVIEWS);
    private final long[] latencyMs = new long[KEPT_LATENCIES];
    private final long[] latencyAtMs = new long[KEPT_LATENCIES];
    private int nextLatency;
    private int latencies;
    private final Set<String> models = new LinkedHashSet<>();

    @Override
    public void scored(ScoredReview review, String text) {
        // Only the start is kept; the snippet is made when the page asks, for the few reviews shown.
        Kept kept = new Kept(review, text == null ? "" : text.substring(0, Math.min(text.length(), HEAD_CHARS)));
        synchronized (this) {
            if (reviews.size() == KEPT_REVIEWS) {
                reviews.removeFirst();
            }
            reviews.addLast(kept);
            latencyMs[nextLatency] = review.latencyMs();
            latencyAtMs[nextLatency] = review.scoredAt().toEpochMilli();
            nextLatency = (nextLatency + 1) % KEPT_LATENCIES;
            latencies = Math.min(latencies + 1, KEPT_LATENCIES);
            models.add(review.model().toString());
        }
    }

    /** The latest reviews with their snippets, newest first. */
    List<Recent> latest() {
        List<Kept> oldestFirst;
        synchronized (this) {
            oldestFirst = new ArrayList<>(reviews);
        }
        List<Recent> newestFirst = new ArrayList<>(oldestFirst.size());
        for (Kept kept : oldestFirst) {
            newestFirst.add(new Recent(kept.review(), snippet(kept.head())));
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The models this instance scored with, in the order first seen. */
    synchronized List<String> models() {
        return List.copyOf(models);
    }

    /** The {@code p}th percentile of the recent latencies in milliseconds, NaN when there is none. */
    synchronized double latencyPercentile(double p, long nowMs) {
        int n = latencies;
        double[] values = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (nowMs - latencyAtMs[i] <= LATENCY_HORIZON_MS) {
                values[kept++] = latencyMs[i];
            }
        }
        return Percentiles.percentile(Arrays.copyOf(values, kept), p);
    }

    /** The start of {@code text}, white space collapsed, at most {@value #SNIPPET_CHARS} characters and an ellipsis. */
    static String snippet(String text) {
        if (text == null) {
            return "";
        }
        String head = text.substring(0, Math.min(text.length(), HEAD_CHARS - 1));
        String collapsed = head.strip().replaceAll("\\s+", " ");
        if (collapsed.length() <= SNIPPET_CHARS && head.length() == text.length()) {
            return collapsed;
        }
        int end = Math.min(collapsed.length(), SNIPPET_CHARS);
        if (end > 0 && Character.isHighSurrogate(collapsed.charAt(end - 1))) {
            end--;
        }
        return collapsed.substring(0, end) + "…";
    }
}
