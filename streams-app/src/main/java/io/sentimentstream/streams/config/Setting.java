package io.sentimentstream.streams.config;

import java.util.Locale;

/**
 * Every setting of the application with its default, in one place. A setting is read from the
 * properties file under {@link #key()}, from the environment as {@link #envName()}, or from the
 * command line; see {@link StreamsAppConfig#load}.
 */
public enum Setting {
    /** Kafka brokers to bootstrap from. */
    BOOTSTRAP_SERVERS("bootstrap.servers", "localhost:9092", "Kafka brokers to bootstrap from"),
    /** Kafka Streams application id: instances with the same id share the partitions. */
    APPLICATION_ID("application.id", "sentiment-scorer",
            "Kafka Streams application id; instances with the same id share the work"),
    /** Input topic. */
    TOPIC_REVIEWS("topic.reviews", "reviews", "input topic"),
    /** Output topic of scored reviews. */
    TOPIC_SCORED("topic.scored", "reviews-scored", "output topic of scored reviews"),
    /** Dead-letter topic. */
    TOPIC_DLQ("topic.dlq", "reviews-dlq", "dead-letter topic"),
    /** Rolling metrics topic. */
    TOPIC_METRICS("topic.metrics", "sentiment-metrics", "rolling metrics topic"),
    /** Topic of labels that arrive after their reviews. */
    TOPIC_LABELS("topic.labels", "review-labels",
            "labels joined later: key = review id, value {\"id\",\"label\"} or pos/neg/positive/negative"),
    /** Topic of alarms raised and cleared. */
    TOPIC_ALERTS("topic.alerts", "sentiment-alerts", "drift and accuracy alarms, raised and cleared"),
    /** Reviews scored in one network call at most. */
    BATCH_SIZE("batch.size", "32", "reviews scored in one network call at most"),
    /** Longest time a review waits for its batch to fill. */
    BATCH_MAX_WAIT_MS("batch.max.wait.ms", "25",
            "longest time (ms) a review waits for its batch to fill (short: the Java engine gains nothing from"
                    + " fuller batches; with the " + StreamsAppConfig.EXACTLY_ONCE_COMMIT_INTERVAL_MS + " ms exactly-once"
                    + " commit interval it keeps p99 latency at half load near 250 ms, docs/benchmarks.md)"),
    /** The model bundle; empty means the default bundle. */
    MODEL_PATH("model.path", "", "model bundle; empty: $SENTIMENT_MODEL or models/imdb-sentiment.bundle"),
    /** Inference engine. */
    MODEL_ENGINE("model.engine", "auto", "inference engine: auto or java (both the plain-Java LSTM; DL4J is the trainer's)"),
    /** Whether the instance follows the model registry (start with its champion, swap to new ones). */
    MODEL_REGISTRY_ENABLED("model.registry.enabled", "false",
            "follow the model registry: start with its champion (else model.path), hot-swap to each new one"),
    /** The registry topic. */
    MODEL_REGISTRY_TOPIC("model.registry.topic", "sentiment-models", "model registry topic (compacted, 2 partitions)"),
    /** Where the champion's and the challenger's verdicts are compared, review by review. */
    MODEL_REGISTRY_CHALLENGER_TOPIC("model.registry.challenger.topic", "reviews-challenger",
            "champion-versus-challenger comparisons, one per review, while the registry names a challenger"),
    /** Largest bundle taken from the registry; larger declared sizes are refused before reading. */
    MODEL_REGISTRY_MAX_BUNDLE_BYTES("model.registry.max.bundle.bytes", "268435456",
            "largest bundle (bytes) taken from the registry; a version declaring more is refused unread"),
    /** Stream threads (each holds its own copy of the model). */
    STREAM_THREADS("stream.threads", "1", "stream threads; each holds its own copy of the model"),
    /** Size of a metrics window. */
    METRICS_WINDOW_SIZE_MS("metrics.window.size.ms", "60000", "size (ms) of a rolling metrics window"),
    /** Advance of the metrics windows; equal to the size for tumbling windows. */
    METRICS_WINDOW_ADVANCE_MS("metrics.window.advance.ms", "60000",
            "advance (ms) of the metrics windows; = size for tumbling windows"),
    /** How long a window still accepts late reviews (by record timestamp). */
    METRICS_WINDOW_GRACE_MS("metrics.window.grace.ms", "30000",
            "how long (ms, stream time) a window still accepts late reviews before it closes"),
    /** How often changed metrics are written. */
    METRICS_EMIT_INTERVAL_MS("metrics.emit.interval.ms", "5000", "how often (ms) changed metrics are written"),
    /** Whether labels from the labels topic are joined with the predictions. */
    LABELS_ENABLED("labels.enabled", "true",
            "join labels from topic.labels with the predictions; false: labels inside reviews only, which saves the"
                    + " join's repartition by review id and store write per prediction (about a fifth of the"
                    + " stream's throughput, docs/benchmarks.md)"),
    /** How long a label and its prediction wait for each other. */
    LABELS_HORIZON_MS("labels.horizon.ms", "604800000",
            "how long (ms, by record timestamps) a label may come before or after its review; labels for ids not"
                    + " scored within it are dead-lettered as UNMATCHED_LABEL, and closed metrics windows are kept"
                    + " that long to take late labels"),
    /** Largest label record value. */
    LABELS_MAX_BYTES("labels.max.bytes", "4096",
            "largest label record value (bytes); larger ones are dead-lettered as VALUE_TOO_LARGE"),
    /** Population stability index above which a drift alarm is raised. */
    ALARM_DRIFT_PSI("alarm.drift.psi", "0.25",
            "population stability index (window vs the bundle's reference) above which a drift alarm is raised"
                    + " (probability, length, unknown words); 0.1-0.25 is a moderate shift"),
    /** Gap of the positive rate to the reference above which an alarm is raised. */
    ALARM_POSITIVE_RATE_GAP("alarm.positive.rate.gap", "0.2",
            "difference between a window's positive rate and the reference's above which an alarm is raised"),
    /** Fewest reviews a window needs before drift alarms look at it. */
    ALARM_MIN_REVIEWS("alarm.min.reviews", "100", "fewest reviews a window needs before drift alarms judge it"),
    /** Accuracy under which the accuracy alarm is raised. */
    ALARM_ACCURACY_MIN("alarm.accuracy.min", "0.8",
            "accuracy of a window's labelled reviews under which the accuracy alarm is raised"),
    /** Expected calibration error above which the calibration alarm is raised. */
    ALARM_CALIBRATION_ECE("alarm.calibration.ece", "0.15",
            "expected calibration error of a window's labelled reviews above which the calibration alarm is raised"),
    /** Fewest labelled reviews a window needs before accuracy and calibration alarms look at it. */
    ALARM_MIN_LABELLED("alarm.min.labelled", "100",
            "fewest labelled reviews a window needs before the accuracy and calibration alarms judge it"),
    /** The instance's identity in the consumer group (static membership); empty: kept in the state directory. */
    INSTANCE_ID("instance.id", "",
            "identity in the consumer group (static membership: a restart takes its partitions back at once);"
                    + " empty: a random id kept in the state directory"),
    /** Largest review record value. */
    REVIEW_MAX_BYTES("review.max.bytes", "1048576",
            "largest review record value (bytes); larger ones are dead-lettered as VALUE_TOO_LARGE"),
    /** Largest review record key. */
    REVIEW_MAX_KEY_BYTES("review.max.key.bytes", "4096",
            "largest review record key (bytes); larger ones are dead-lettered as KEY_TOO_LARGE"),
    /** Longest review id. */
    REVIEW_MAX_ID_CHARS("review.max.id.chars", "512",
            "longest review id (characters); longer ones are dead-lettered as ID_TOO_LONG"),
    /** Deepest JSON nesting of a review. */
    REVIEW_MAX_DEPTH("review.max.depth", "32",
            "deepest JSON nesting of a review, the review object being 1; deeper ones are dead-lettered as TOO_DEEP"),
    /** Most carried fields of a review. */
    REVIEW_MAX_FIELDS("review.max.fields", "64",
            "most fields besides id, text and label; more are dead-lettered as TOO_MANY_FIELDS"),
    /** Largest size of the carried fields. */
    REVIEW_MAX_FIELDS_BYTES("review.max.fields.bytes", "65536",
            "largest size (bytes, as JSON) of the fields besides id, text and label; larger: FIELDS_TOO_LARGE"),
    /** Port of the /health and /metrics endpoints; 0 picks a free port. */
    HTTP_PORT("http.port", "8080", "port of /health, /metrics and the dashboard (/); 0 picks a free port"),
    /** Address the /health and /metrics endpoints listen on; 0.0.0.0 for every interface. */
    HTTP_BIND_ADDRESS("http.bind.address", "127.0.0.1",
            "address of /health, /metrics and the dashboard; 0.0.0.0 for every interface (the Docker image sets it)"),
    /** How long start-up waits for the brokers. */
    STARTUP_TIMEOUT_MS("startup.timeout.ms", "30000", "how long (ms) start-up waits for the brokers"),
    /** How long shutdown waits for Kafka Streams to close. */
    SHUTDOWN_TIMEOUT_MS("shutdown.timeout.ms", "30000", "how long (ms) shutdown waits for Kafka Streams");

    /** Prefix of properties passed through to Kafka Streams, e.g. {@code streams.commit.interval.ms}. */
    public static final String STREAMS_PREFIX = "streams.";
    /** Prefix of environment variables passed through to Kafka Streams, e.g. {@code KAFKA_STREAMS_COMMIT_INTERVAL_MS}. */
    public static final String STREAMS_ENV_PREFIX = "KAFKA_STREAMS_";
    /** Prefix of this application's environment variables. */
    public static final String ENV_PREFIX = "SENTIMENT_";

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** Property key, e.g. {@code batch.size}. */
    public String key() {
        return key;
    }

    /** Default value as text. */
    public String defaultValue() {
        return defaultValue;
    }

    /** One line for help and documentation. */
    public String description() {
        return description;
    }

    /** Environment variable, e.g. {@code SENTIMENT_BATCH_SIZE}. */
    public String envName() {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The setting with this property key, or {@code null}. */
    public static Setting byKey(String key) {
        for (Setting setting : values()) {
            if (setting.key.equals(key)) {
                return setting;
            }
        }
        return null;
    }
}
