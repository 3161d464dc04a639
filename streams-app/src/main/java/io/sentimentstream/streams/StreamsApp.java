package io.sentimentstream.streams;

import io.sentimentstream.streams.admin.BrokerCheck;
import io.sentimentstream.streams.cli.CreateTopicsCommand;
import io.sentimentstream.streams.config.InvalidConfigException;
import io.sentimentstream.streams.config.Secrets;
import io.sentimentstream.streams.config.Setting;
import io.sentimentstream.streams.config.SettingsTable;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.model.StartupModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point. Without a subcommand it runs the scoring application until SIGTERM (or until Kafka
 * Streams fails: exit code 1); {@code create-topics} creates the topics. Start-up problems (bad
 * settings, a missing or unreadable model, unreachable brokers, missing topics) end it at once
 * with one line on standard error and a non-zero exit code.
 */
@Command(name = "sentiment-streams", mixinStandardHelpOptions = true,
        subcommands = {CreateTopicsCommand.class},
        description = {"Scores movie reviews from Kafka with a sentiment model (Kafka Streams).",
                "Settings: defaults < --config file < SENTIMENT_* environment < --set. Kafka Streams settings pass "
                        + "through as streams.<key> (file, --set) or KAFKA_STREAMS_<KEY> (environment)."})
public final class StreamsApp implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "properties file with the settings")
    private Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a setting, wins over file and environment")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--list-settings", description = "print every setting with its default and exit")
    private boolean listSettings;

    @Option(names = "--markdown", description = "with --list-settings: as the README's Markdown table")
    private boolean markdown;

    /** Runs the command line; exits with its code unless the JVM is already shutting down. */
    public static void main(String[] args) {
        int code = new CommandLine(new StreamsApp()).execute(args);
        if (!SHUTTING_DOWN.get()) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (listSettings && markdown) {
            System.out.print(SettingsTable.markdown());
            return 0;
        }
        if (listSettings) {
            for (Setting setting : Setting.values()) {
                String value = Secrets.mask(setting.key(), setting.defaultValue());
                System.out.printf("%-28s %-20s %-40s %s%n", setting.key(), value.isEmpty() ? "\"\"" : value,
                        setting.envName(), setting.description());
            }
            return 0;
        }
        StreamsAppConfig config;
        try {
            if (configFile != null && !Files.isRegularFile(configFile)) {
                return fail(2, "configuration file not found: " + configFile.toAbsolutePath());
            }
            config = StreamsAppConfig.load(configFile, System.getenv(), overrides);
        } catch (InvalidConfigException e) {
            return fail(2, "invalid configuration: " + e.getMessage());
        }
        LOG.info("settings: {}", config.describe());

        // Without the registry the bundle is loaded before anything connects: a bad model.path fails at once.
        StartupModel startup = null;
        if (!config.modelRegistry().enabled()) {
            try {
                startup = StartupModel.choose(config);
            } catch (StartupModel.FailedException e) {
                return fail(1, e.getMessage());
            }
        }

        Map<String, Object> admin = new StreamsConfig(config.streamsProperties())
                .getAdminConfigs("sentiment-startup-check");
        List<String> written = List.of(config.topics().scored(), config.topics().dlq(), config.topics().metrics(),
                config.evaluation().alertsTopic());
        try {
            List<String> needed = new ArrayList<>(List.of(config.topics().reviews(), config.topics().scored(),
                    config.topics().dlq(), config.topics().metrics(), config.evaluation().alertsTopic()));
            if (config.evaluation().labelsEnabled()) {
                needed.add(config.evaluation().labelsTopic());
            }
            if (config.modelRegistry().enabled()) {
                needed.add(config.modelRegistry().topic());
            }
            BrokerCheck.verify(admin, needed, config.startupTimeout());
        } catch (BrokerCheck.FailedException e) {
            return fail(1, e.getMessage());
        }
        if (startup == null) {
            try {
                startup = StartupModel.choose(config);
            } catch (StartupModel.FailedException e) {
                return fail(1, e.getMessage());
            }
        }
        OptionalInt topicLimit = BrokerCheck.smallestMaxMessageBytes(admin, written, config.startupTimeout());
        if (topicLimit.isEmpty()) {
            LOG.warn("cannot read max.message.bytes of {}: assuming they take what the producer sends", written);
        }

        ScoringApplication app;
        try {
            app = ScoringApplication.start(config, startup, topicLimit.orElse(Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            return fail(2, "invalid configuration: " + e.getMessage());
        } catch (IOException e) {
            return fail(1, "cannot serve the operations endpoints on " + config.httpBindAddress() + " port "
                    + config.httpPort() + ": " + e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SHUTTING_DOWN.set(true);
            app.close();
        }, "shutdown"));
        KafkaStreams.State state = app.awaitTermination();
        if (SHUTTING_DOWN.get()) {
            return 0;
        }
        app.close();
        if (state == KafkaStreams.State.ERROR) {
            return fail(1, "Kafka Streams failed; see the log above");
        }
        return 0;
    }

    private static int fail(int code, String message) {
        System.err.println("sentiment-streams: error: " + message.replace('\n', ' '));
        return code;
    }
}
