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

    private final ArrayDeque<Recent> reviews = new ArrayDeque<>(KEPT_REVIEWS);
    private final long[] latencyMs = new long[KEPT_LATENCIES];
    private final long[] latencyAtMs = new long[KEPT_LATENCIES];
    private int latencies;
    private final Set<String> models = new LinkedHashSet<>();

    @Override
    public void scored(ScoredReview review, String text) {
        Recent recent = new Recent(review, snippet(text));
        synchronized (this) {
            if (reviews.size() == KEPT_REVIEWS) {
                reviews.removeFirst();
            }
            reviews.addLast(recent);
            int slot = latencies++ % KEPT_LATENCIES;
            latencyMs[slot] = review.latencyMs();
            latencyAtMs[slot] = review.scoredAt().toEpochMilli();
            models.add(review.model().toString());
        }
    }

    /** The latest reviews, newest first. */
    synchronized List<Recent> latest() {
        List<Recent> newestFirst = new ArrayList<>(reviews);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The models this instance scored with, in the order first seen. */
    synchronized List<String> models() {
        return List.copyOf(models);
    }

    /** The {@code p}th percentile of the recent latencies in milliseconds, NaN when there is none. */
    synchronized double latencyPercentile(double p, long nowMs) {
        int n = Math.min(latencies, KEPT_LATENCIES);
        double[] values = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (nowMs - latencyAtMs[i] <= LATENCY_HORIZON_MS) {
                values[kept++] = latencyMs[i];
            }
        }
        return Percentiles.percentile(Arrays.copyOf(values, kept), p);
    }

    static String snippet(String text) {
        // Cut before collapsing white space: the text may be tens of kilobytes, scored a thousand times a second.
        if (text == null) {
            return "";
        }
        String head = text.substring(0, Math.min(text.length(), 4 * SNIPPET_CHARS));
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
