package io.sentimentstream.streams.config;

import io.sentimentstream.core.event.ReviewLimits;
import io.sentimentstream.core.model.DefaultModel;
import io.sentimentstream.core.model.ScoringEngine;
import io.sentimentstream.streams.drift.AlarmThresholds;
import io.sentimentstream.streams.topology.DeadLetterProcessingExceptionHandler;
import io.sentimentstream.streams.topology.DeadLetterProductionExceptionHandler;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The application's configuration, built once at start-up and immutable afterwards.
 *
 * <p>Each {@link Setting} comes from, in rising precedence: its default, the properties file, the
 * environment ({@link Setting#envName()}), the command line. Any Kafka Streams (or its clients')
 * setting passes through as {@code streams.<key>} in the file or on the command line, or as
 * {@code KAFKA_STREAMS_<KEY>} in the environment (upper case, dots as underscores), and wins over
 * the application's own Streams defaults (exactly-once v2, dead-letter handlers).
 *
 * @param bootstrapServers   Kafka brokers
 * @param applicationId      Kafka Streams application id
 * @param topics             topic names
 * @param batchSize          reviews per network call at most
 * @param batchMaxWait       longest wait for a batch to fill
 * @param modelPath          model bundle
 * @param modelEngine        inference engine
 * @param streamThreads      stream threads
 * @param metricsWindows     rolling metrics windows
 * @param reviewLimits       the size and shape budget of one review
 * @param instanceId         identity in the consumer group; empty: kept in the state directory
 * @param httpPort           port of the operations endpoints (0: any free port)
 * @param httpBindAddress    address the operations endpoints listen on
 * @param startupTimeout     how long start-up waits for the brokers
 * @param shutdownTimeout    how long shutdown waits for Kafka Streams
 * @param streamsOverrides   Kafka Streams settings passed through, by Streams key
 * @param evaluation         labels joined later, drift and alarms
 * @param modelRegistry      whether and how the model registry is followed
 */
public record StreamsAppConfig(
        String bootstrapServers,
        String applicationId,
        Topics topics,
        int batchSize,
        Duration batchMaxWait,
        Path modelPath,
        ScoringEngine modelEngine,
        int streamThreads,
        MetricsWindows metricsWindows,
        ReviewLimits reviewLimits,
        String instanceId,
        int httpPort,
        String httpBindAddress,
        Duration startupTimeout,
        Duration shutdownTimeout,
        Map<String, String> streamsOverrides,
        Evaluation evaluation,
        ModelRegistry modelRegistry) {

    /**
     * Live evaluation: labels that arrive later, and the alarms' thresholds.
     *
     * @param labelsEnabled  whether labels from the labels topic are joined
     * @param labelsTopic    labels joined later
     * @param alertsTopic    alarms raised and cleared
     * @param labelHorizon   how long a label and its prediction wait for each other
     * @param labelMaxBytes  largest label record value
     * @param thresholds     when alarms are raised
     */
    public record Evaluation(boolean labelsEnabled, String labelsTopic, String alertsTopic, Duration labelHorizon, int labelMaxBytes,
                             AlarmThresholds thresholds) {
    }

    /**
     * The model registry settings.
     *
     * @param enabled        follow the registry (champion at start-up, hot swap)
     * @param topic          the registry topic
     * @param maxBundleBytes largest bundle taken from it
     * @param challengerTopic where comparisons with the registry's challenger are written
     */
    public record ModelRegistry(boolean enabled, String topic, long maxBundleBytes, String challengerTopic) {
    }

    /**
     * Topic names.
     *
     * @param reviews input
     * @param scored  scored output
     * @param dlq     dead letters
     * @param metrics rolling metrics
     */
    public record Topics(String reviews, String scored, String dlq, String metrics) {
    }

    /**
     * Rolling metrics windows (by record timestamp).
     *
     * @param size         window size
     * @param advance      window advance (equal to size: tumbling)
     * @param grace        how long after its end (stream time) a window accepts late reviews
     * @param emitInterval how often changed metrics are written (wall-clock time)
     */
    public record MetricsWindows(Duration size, Duration advance, Duration grace, Duration emitInterval) {
    }

    /** Freezes the overrides. */
    public StreamsAppConfig {
        streamsOverrides = Collections.unmodifiableMap(new TreeMap<>(streamsOverrides));
    }

    /**
     * Reads the configuration.
     *
     * @param file      properties file, or {@code null} for none
     * @param env       the environment (normally {@link System#getenv()})
     * @param overrides settings from the command line, by property key ({@code streams.} keys included)
     */
    public static StreamsAppConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (file != null) {
            merged.putAll(readFile(file));
        }
        for (Setting setting : Setting.values()) {
            String value = env.get(setting.envName());
            if (value != null) {
                merged.put(setting.key(), value);
            }
        }
        env.forEach((name, value) -> {
            if (name.startsWith(Setting.STREAMS_ENV_PREFIX) && name.length() > Setting.STREAMS_ENV_PREFIX.length()) {
                String key = name.substring(Setting.STREAMS_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                merged.put(Setting.STREAMS_PREFIX + key, value);
            }
        });
        merged.putAll(overrides);
        return from(merged);
    }

    /**
     * Builds the configuration from property keys alone (defaults for the rest); unknown keys are
     * an error so that a typo does not silently fall back to a default.
     */
    public static StreamsAppConfig from(Map<String, String> properties) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            values.put(setting.key(), setting.defaultValue());
        }
        Map<String, String> streams = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(Setting.STREAMS_PREFIX) && key.length() > Setting.STREAMS_PREFIX.length()) {
                streams.put(key.substring(Setting.STREAMS_PREFIX.length()), value.trim());
            } else if (Setting.byKey(key) != null) {
                values.put(key, value.trim());
            } else {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidConfigException("unknown setting(s) " + unknown + "; Kafka Streams settings take the prefix '"
                    + Setting.STREAMS_PREFIX + "'");
        }
        Parser p = new Parser(values);
        String modelPath = p.text(Setting.MODEL_PATH, true);
        Duration size = p.millis(Setting.METRICS_WINDOW_SIZE_MS, 1);
        Duration advance = p.millis(Setting.METRICS_WINDOW_ADVANCE_MS, 1);
        if (advance.compareTo(size) > 0) {
            throw new InvalidConfigException(Setting.METRICS_WINDOW_ADVANCE_MS.key() + " (" + advance.toMillis()
                    + ") must not exceed " + Setting.METRICS_WINDOW_SIZE_MS.key() + " (" + size.toMillis() + ")");
        }
        ScoringEngine engine;
        try {
            engine = ScoringEngine.parse(p.text(Setting.MODEL_ENGINE, false));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(Setting.MODEL_ENGINE.key() + ": " + e.getMessage());
        }
        return new StreamsAppConfig(
                p.text(Setting.BOOTSTRAP_SERVERS, false),
                p.text(Setting.APPLICATION_ID, false),
                new Topics(p.text(Setting.TOPIC_REVIEWS, false), p.text(Setting.TOPIC_SCORED, false),
                        p.text(Setting.TOPIC_DLQ, false), p.text(Setting.TOPIC_METRICS, false)),
                p.integer(Setting.BATCH_SIZE, 1, 100_000),
                p.millis(Setting.BATCH_MAX_WAIT_MS, 1),
                modelPath.isEmpty() ? DefaultModel.locate() : Path.of(modelPath),
                engine,
                p.integer(Setting.STREAM_THREADS, 1, 1024),
                new MetricsWindows(size, advance, p.millis(Setting.METRICS_WINDOW_GRACE_MS, 0),
                        p.millis(Setting.METRICS_EMIT_INTERVAL_MS, 1)),
                new ReviewLimits(
                        p.integer(Setting.REVIEW_MAX_BYTES, 1, Integer.MAX_VALUE),
                        p.integer(Setting.REVIEW_MAX_KEY_BYTES, 1, Integer.MAX_VALUE),
                        p.integer(Setting.REVIEW_MAX_ID_CHARS, 1, Integer.MAX_VALUE),
                        p.integer(Setting.REVIEW_MAX_DEPTH, 1, 1000),
                        p.integer(Setting.REVIEW_MAX_FIELDS, 0, Integer.MAX_VALUE),
                        p.integer(Setting.REVIEW_MAX_FIELDS_BYTES, 2, Integer.MAX_VALUE)),
                p.text(Setting.INSTANCE_ID, true),
                p.integer(Setting.HTTP_PORT, 0, 65_535),
                p.text(Setting.HTTP_BIND_ADDRESS, false),
                p.millis(Setting.STARTUP_TIMEOUT_MS, 1),
                p.millis(Setting.SHUTDOWN_TIMEOUT_MS, 1),
                streams,
                new Evaluation(p.bool(Setting.LABELS_ENABLED), p.text(Setting.TOPIC_LABELS, false), p.text(Setting.TOPIC_ALERTS, false),
                        p.millis(Setting.LABELS_HORIZON_MS, 1), p.integer(Setting.LABELS_MAX_BYTES, 64, 1 << 20),
                        new AlarmThresholds(p.fraction(Setting.ALARM_DRIFT_PSI, 100),
                                p.fraction(Setting.ALARM_POSITIVE_RATE_GAP, 1),
                                p.integer(Setting.ALARM_MIN_REVIEWS, 1, Integer.MAX_VALUE),
                                p.fraction(Setting.ALARM_ACCURACY_MIN, 1),
                                p.fraction(Setting.ALARM_CALIBRATION_ECE, 1),
                                p.integer(Setting.ALARM_MIN_LABELLED, 1, Integer.MAX_VALUE))),
                new ModelRegistry(p.bool(Setting.MODEL_REGISTRY_ENABLED), p.text(Setting.MODEL_REGISTRY_TOPIC, false),
                        p.whole(Setting.MODEL_REGISTRY_MAX_BUNDLE_BYTES, 1024),
                        p.text(Setting.MODEL_REGISTRY_CHALLENGER_TOPIC, false)));
    }

    /** The commit interval (ms) under exactly-once unless {@code streams.commit.interval.ms} says otherwise. */
    public static final String EXACTLY_ONCE_COMMIT_INTERVAL_MS = "50";

    /**
     * The Kafka Streams properties: the application's defaults (exactly-once v2, dead letters to
     * the DLQ topic, bad values never stopping the application, no waiting on empty input
     * partitions, {@link #EXACTLY_ONCE_COMMIT_INTERVAL_MS} as the commit interval under exactly-once), then
     * the pass-through settings.
     */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(streamThreads));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Values are read as bytes, so deserialisation cannot fail today; should a serde ever be
        // changed, a bad record still goes to the dead-letter topic instead of stopping the app.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProductionExceptionHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProcessingExceptionHandler.class.getName());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.dlq());
        // A scoring task reads the reviews and the labels topic, which is mostly empty. By default
        // Kafka Streams then checks, before every record, whether to wait for the empty partition
        // to order the two by timestamp, and formats a log message each time it does not wait: 5 %
        // of the stream thread. The label join takes a label before or after its prediction alike,
        // so nothing depends on that order.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, String.valueOf(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        props.putAll(streamsOverrides);
        // Under exactly-once a result is visible only once its transaction commits, so the commit
        // interval is part of every review's latency: 50 ms instead of Kafka Streams' 100 (with the
        // 25 ms batch wait) kept p99 at half load within 250 ms where 100 ms did not, at no
        // throughput cost measurable here (docs/benchmarks.md, "Where the stream thread's wall time
        // goes"). At-least-once results are visible when sent; there Kafka Streams' default stays.
        if (StreamsConfig.EXACTLY_ONCE_V2.equals(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))) {
            props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, EXACTLY_ONCE_COMMIT_INTERVAL_MS);
        }
        return props;
    }

    /**
     * The largest record the application's producer sends: its {@code max.request.size}, as
     * overridden through {@code streams.} settings or Kafka's default.
     */
    public int maxRequestBytes() {
        Object value = new StreamsConfig(streamsProperties()).getProducerConfigs("sentiment-limit-check")
                .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (value == null) {
            value = ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).trim());
    }

    /** The settings as property keys and values, secrets hidden ({@link Secrets}), for the start-up log. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(Setting.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        out.put(Setting.APPLICATION_ID.key(), applicationId);
        out.put("topics", topics.toString());
        out.put(Setting.BATCH_SIZE.key(), String.valueOf(batchSize));
        out.put(Setting.BATCH_MAX_WAIT_MS.key(), String.valueOf(batchMaxWait.toMillis()));
        out.put(Setting.MODEL_PATH.key(), modelPath.toString());
        out.put(Setting.MODEL_ENGINE.key(), modelEngine.name().toLowerCase(Locale.ROOT));
        out.put("model.registry", modelRegistry.toString());
        out.put(Setting.STREAM_THREADS.key(), String.valueOf(streamThreads));
        out.put("metrics.windows", metricsWindows.toString());
        out.put("review.limits", reviewLimits.toString());
        out.put("evaluation", evaluation.toString());
        out.put(Setting.INSTANCE_ID.key(), instanceId);
        out.put(Setting.HTTP_PORT.key(), String.valueOf(httpPort));
        out.put(Setting.HTTP_BIND_ADDRESS.key(), httpBindAddress);
        streamsOverrides.forEach((k, v) -> out.put(Setting.STREAMS_PREFIX + k, v));
        out.replaceAll(Secrets::mask);
        return out;
    }

    private static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read configuration file " + file.toAbsolutePath() + ": " + e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            values.put(name, props.getProperty(name));
        }
        return values;
    }

    /** Parses and range-checks setting values, naming the setting on error. */
    private record Parser(Map<String, String> values) {

        String text(Setting setting, boolean mayBeEmpty) {
            String value = values.get(setting.key());
            if (!mayBeEmpty && value.isEmpty()) {
                throw new InvalidConfigException(setting.key() + " must not be empty");
            }
            return value;
        }

        int integer(Setting setting, int min, int max) {
            long value = number(setting);
            if (value < min || value > max) {
                throw new InvalidConfigException(setting.key() + " must be between " + min + " and " + max
                        + " but is " + value);
            }
            return (int) value;
        }

        long whole(Setting setting, long min) {
            long value = number(setting);
            if (value < min) {
                throw new InvalidConfigException(setting.key() + " must be at least " + min + " but is " + value);
            }
            return value;
        }

        Duration millis(Setting setting, long min) {
            long value = number(setting);
            if (value < min) {
                throw new InvalidConfigException(setting.key() + " must be at least " + min + " but is " + value);
            }
            return Duration.ofMillis(value);
        }

        boolean bool(Setting setting) {
            String value = values.get(setting.key()).trim();
            if (!value.equals("true") && !value.equals("false")) {
                throw new InvalidConfigException(setting.key() + " must be true or false but is '" + value + "'");
            }
            return Boolean.parseBoolean(value);
        }

        double fraction(Setting setting, double max) {
            String value = values.get(setting.key());
            double parsed;
            try {
                parsed = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new InvalidConfigException(setting.key() + " must be a number but is '" + value + "'");
            }
            if (!(parsed >= 0 && parsed <= max)) {
                throw new InvalidConfigException(setting.key() + " must be between 0 and " + max + " but is " + value);
            }
            return parsed;
        }

        private long number(Setting setting) {
            String value = values.get(setting.key());
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new InvalidConfigException(setting.key() + " must be a whole number but is '" + value + "'");
            }
        }
    }
}
