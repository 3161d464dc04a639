package io.sentimentstream.demo.bench;

/**
 * The topics and application id of one benchmark scenario: fresh names per scenario, so no
 * scenario reads another's records or inherits its committed offsets.
 *
 * @param suffix appended to every name
 */
record BenchTopics(String suffix) {

    /** Names for scenario {@code index} of a {@code kind} of benchmark, unique to this run. */
    static BenchTopics fresh(String kind, int index) {
        return new BenchTopics("-" + kind + index + "-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36));
    }

    String reviews() {
        return "reviews" + suffix;
    }

    String scored() {
        return "reviews-scored" + suffix;
    }

    String dlq() {
        return "reviews-dlq" + suffix;
    }

    String metrics() {
        return "sentiment-metrics" + suffix;
    }

    String labels() {
        return "review-labels" + suffix;
    }

    String alerts() {
        return "sentiment-alerts" + suffix;
    }

    String models() {
        return "sentiment-models" + suffix;
    }

    String challenger() {
        return "reviews-challenger" + suffix;
    }

    String applicationId() {
        return "sentiment-bench" + suffix;
    }
}
