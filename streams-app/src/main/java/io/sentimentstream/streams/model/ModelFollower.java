package io.sentimentstream.streams.model;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.core.model.SentimentModel;
import io.sentimentstream.registry.PublishedVersion;
import io.sentimentstream.registry.RegistryException;
import io.sentimentstream.registry.RegistrySnapshot;
import io.sentimentstream.registry.RegistryTopic;
import io.sentimentstream.registry.RegistryWatcher;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.topology.RecordBudget;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the model registry and puts each new champion in service without stopping the stream.
 * A {@link RegistryWatcher} reads the registry (committed records, from the beginning; not part of
 * the topology or its transactions); on a new champion a loader thread assembles and verifies the
 * bundle ({@link RegistryModels}) while the old model keeps scoring, then {@link HotSwapScorers#swap}s
 * it in, effective at each task's next micro-batch. A version that fails leaves the current model
 * serving, is logged, counted ({@code sentiment.model.load.failures}) and shown in {@code /health},
 * and is not tried again until something new is published. The registry's challenger, when a
 * {@link ChallengerScorers} is given, is loaded and verified the same way and dropped when it is
 * cleared or promoted.
 */
public final class ModelFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelFollower.class);

    private final RegistryModels models;
    private final HotSwapScorers scorers;
    private final ChallengerScorers challengers;
    private final RecordBudget budget;
    private final ModelStatus status;
    private final MeterRegistry meters;
    private final Counter swaps;
    private final Counter failures;
    private final Timer loadTime;
    private final Set<ModelRef> servingGauges = new HashSet<>();
    private final AtomicReference<RegistrySnapshot> latest = new AtomicReference<>();
    private final ExecutorService loader;
    private final RegistryWatcher watcher;
    /** The failed publication and every publication known then; touched by the loader thread only. */
    private String failedPublishId;
    private Set<String> publishedAtFailure = Set.of();
    /** The challenger publication that failed; touched by the loader thread only. */
    private String failedChallengerPublishId;
    private final Map<String, Object> clientConfig;
    private final String challengerTopic;

    private ModelFollower(StreamsAppConfig config, HotSwapScorers scorers, ChallengerScorers challengers,
                          RecordBudget budget, MeterRegistry meters, ModelStatus status, StartupModel startup) {
        this.models = new RegistryModels(config);
        this.clientConfig = RegistryModels.clientConfig(config);
        this.challengerTopic = config.modelRegistry().challengerTopic();
        this.scorers = scorers;
        this.challengers = challengers;
        this.budget = budget;
        this.status = status;
        this.meters = meters;
        this.swaps = Counter.builder("sentiment.model.swaps")
                .description("models put in service from the registry without a restart").register(meters);
        this.failures = Counter.builder("sentiment.model.load.failures")
                .description("registry versions that failed to load or verify (the previous model kept serving)")
                .register(meters);
        this.loadTime = Timer.builder("sentiment.model.load")
                .description("time to assemble, load and verify a registry version before it serves").register(meters);
        gauge(scorers.model());
        if (startup.failure() != null) {
            failedPublishId = startup.failedPublishId();
            publishedAtFailure = null; // filled in from the first snapshot
            failures.increment();
            status.failed(startup.failure());
        }
        this.loader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sentiment-model-loader");
            thread.setDaemon(true);
            return thread;
        });
        this.watcher = RegistryWatcher.start(RegistryModels.clientConfig(config),
                new RegistryTopic(config.modelRegistry().topic()), config.modelRegistry().maxBundleBytes(),
                this::onChange);
    }

    /**
     * Follows the registry of {@code config}, swapping models in {@code scorers}.
     *
     * @param budget  the record budget verified at start-up; a new model must fit it
     * @param meters  where the swap and failure meters go
     * @param status  the model's health detail, kept up to date
     * @param startup how the instance started (a champion that failed then is not retried)
     */
    public static ModelFollower start(StreamsAppConfig config, HotSwapScorers scorers, RecordBudget budget,
                                      MeterRegistry meters, ModelStatus status, StartupModel startup) {
        return start(config, scorers, new ChallengerScorers(), budget, meters, status, startup);
    }

    /**
     * As above, also loading the registry's challenger into {@code challengers} (verified like a
     * champion, in the background) and dropping it when it is cleared or promoted.
     */
    public static ModelFollower start(StreamsAppConfig config, HotSwapScorers scorers, ChallengerScorers challengers,
                                      RecordBudget budget, MeterRegistry meters, ModelStatus status,
                                      StartupModel startup) {
        return new ModelFollower(config, scorers, challengers, budget, meters, status, startup);
    }

    private void onChange(RegistrySnapshot snapshot) {
        // Only the newest state matters: a load queued behind a slow one reads the latest snapshot.
        if (latest.getAndSet(snapshot) == null) {
            loader.execute(this::reconcile);
        }
    }

    private void reconcile() {
        RegistrySnapshot snapshot = latest.getAndSet(null);
        if (snapshot == null) {
            return;
        }
        snapshot.problems().forEach(problem -> LOG.warn("model registry: {}", problem));
        status.registry(snapshot.assignment().champion(), snapshot.problems().size());
        reconcileChampion(snapshot);
        // After the champion: a challenger promoted to champion is then no longer a challenger.
        reconcileChallenger(snapshot);
    }

    private void reconcileChampion(RegistrySnapshot snapshot) {
        Optional<PublishedVersion> champion = snapshot.champion();
        if (champion.isEmpty()) {
            if (snapshot.assignment().champion() != null) {
                LOG.warn("the registry's champion {} is not published (deleted?); {} keeps serving",
                        snapshot.assignment().champion(), scorers.model());
            }
            return;
        }
        PublishedVersion version = champion.get();
        if (version.ref().equals(scorers.model())) {
            return;
        }
        Set<String> published = snapshot.versions().stream().map(PublishedVersion::publishId).collect(Collectors.toSet());
        if (version.publishId().equals(failedPublishId)) {
            if (publishedAtFailure == null) {
                publishedAtFailure = published;
            }
            if (publishedAtFailure.containsAll(published)) {
                return; // retried only once something new is published
            }
        }
        long started = System.nanoTime();
        SentimentModel model;
        try {
            model = models.load(version, budget);
        } catch (RegistryException | IllegalArgumentException e) {
            failures.increment();
            failedPublishId = version.publishId();
            publishedAtFailure = published;
            status.failed(new ModelStatus.Failure(version.ref(), e.getMessage(), Instant.now()));
            LOG.error("model {} from the registry cannot serve: {}; {} keeps serving (tried again when something new is"
                    + " published)", version.ref(), e.getMessage(), scorers.model());
            return;
        }
        loadTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        SentimentModel previous = scorers.swap(model);
        swaps.increment();
        status.swapped(ModelStatus.Origin.REGISTRY);
        gauge(version.ref());
        LOG.info("model {} in service from the next micro-batch on (was {}; loaded and verified in {} ms)",
                version.ref(), HotSwapScorers.refOf(previous), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Loads the registry's challenger, or drops it when the registry names none, names the champion
     * (promoted), or names a version not published. A failure leaves no challenger, is reported
     * like a champion's, and is not tried again until that version is published again.
     */
    private void reconcileChallenger(RegistrySnapshot snapshot) {
        ModelRef wanted = snapshot.assignment().challenger();
        Optional<PublishedVersion> version = wanted == null || wanted.equals(scorers.model())
                ? Optional.empty() : snapshot.find(wanted);
        if (version.isEmpty()) {
            if (wanted != null && !wanted.equals(scorers.model())) {
                LOG.warn("the registry's challenger {} is not published (deleted?); no challenger", wanted);
            }
            dropChallenger();
            return;
        }
        if (version.get().ref().equals(challengers.model())
                || version.get().publishId().equals(failedChallengerPublishId)) {
            return;
        }
        long started = System.nanoTime();
        SentimentModel model;
        try {
            requireChallengerTopic();
            model = models.load(version.get(), budget);
        } catch (RegistryException | IllegalArgumentException e) {
            failures.increment();
            failedChallengerPublishId = version.get().publishId();
            status.failed(new ModelStatus.Failure(version.get().ref(), e.getMessage(), Instant.now()));
            LOG.error("challenger {} from the registry cannot score: {}; no challenger (tried again when it is"
                    + " published again)", version.get().ref(), e.getMessage());
            dropChallenger();
            return;
        }
        loadTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        challengers.set(model);
        status.challenger(version.get().ref());
        LOG.info("challenger {} scores beside {} from the next micro-batch on (loaded and verified in {} ms)",
                version.get().ref(), scorers.model(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Refuses a challenger while its comparisons' topic is missing: with exactly-once, writing to a
     * topic that does not exist would stop the stream, so the champion alone keeps scoring instead.
     */
    private void requireChallengerTopic() {
        try (Admin admin = Admin.create(clientConfig)) {
            admin.describeTopics(List.of(challengerTopic)).allTopicNames().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalArgumentException("the challenger topic " + challengerTopic
                        + " does not exist; create it (streams-app create-topics) and publish the challenger again");
            }
            throw new IllegalArgumentException("cannot check the challenger topic " + challengerTopic + ": "
                    + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalArgumentException("cannot check the challenger topic " + challengerTopic
                    + ": no answer from the brokers in 15 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while checking the challenger topic");
        }
    }

    private void dropChallenger() {
        ModelRef dropped = challengers.model();
        if (dropped != null) {
            challengers.clear();
            status.challenger(null);
            LOG.info("challenger {} dropped from the next micro-batch on", dropped);
        }
    }

    /** {@code sentiment.model.serving{model=...}}: 1 for the version in service, 0 for earlier ones. */
    private synchronized void gauge(ModelRef ref) {
        if (servingGauges.add(ref)) {
            Gauge.builder("sentiment.model.serving", scorers, s -> s.model().equals(ref) ? 1 : 0)
                    .description("1 for the model version in service").tag("model", ref.toString()).register(meters);
        }
    }

    /** Stops following; the model in service stays. */
    @Override
    public void close() {
        watcher.close();
        loader.shutdownNow();
        try {
            loader.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        models.close();
    }
}
