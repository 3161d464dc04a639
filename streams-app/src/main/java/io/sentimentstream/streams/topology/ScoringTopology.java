package io.sentimentstream.streams.topology;

import io.sentimentstream.core.drift.ReferenceProfile;
import io.sentimentstream.core.event.MetricsSnapshot;
import io.sentimentstream.core.event.ModelRef;
import io.sentimentstream.streams.config.StreamsAppConfig;
import io.sentimentstream.streams.drift.AlarmEvaluator;
import io.sentimentstream.streams.labels.EvaluationInput;
import io.sentimentstream.streams.labels.LabelArrival;
import io.sentimentstream.streams.labels.LabelJoiner;
import io.sentimentstream.streams.labels.LabelResult;
import io.sentimentstream.streams.labels.LabelValidator;
import io.sentimentstream.streams.labels.PredictionMade;
import io.sentimentstream.streams.metrics.ChallengerMetrics;
import io.sentimentstream.streams.metrics.HoppingWindows;
import io.sentimentstream.streams.metrics.ScoringMetrics;
import io.sentimentstream.streams.scoring.ReviewScorer;
import io.sentimentstream.streams.serde.EventSerdes;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The scoring topology:
 * <pre>
 * reviews ─ validate-reviews ─┬─ (bad input, over budget) ──────────────────────── reviews-dlq
 *                             └─ (valid) ─ micro-batch-scorer [scoring-buffer] ─┬─ (model failed) ─ reviews-dlq
 *                                                                               ├─ reviews-scored
 *                                                                               ├─ (challenger) ─ reviews-challenger
 *                                                                               └─ (id, prediction) ─┐
 * review-labels ─ validate-labels ─┬─ (bad label) ─ reviews-dlq                                        │
 *                                  └─ (id, label) ────────────────────────── evaluation-by-id ◀───────┘
 *   ─ label-joiner [label-join-predictions, label-join-labels] ─┬─ (unmatched, duplicate) ─ reviews-dlq
 *                                                                └─ metrics-outcomes (1 partition)
 *   ─ rolling-metrics [rolling-metrics] ─ sentiment-metrics
 *                                       └─ alarm-evaluator [metric-alarms] ─ sentiment-alerts
 * </pre>
 * While a challenger runs, its prediction of each review goes to {@code evaluation-by-id} too,
 * after the champion's, and is counted under its own model version (labels joined later included).
 * Every processor, store and internal topic is named, so the names (and the application's state)
 * stay the same when the topology changes elsewhere. Keys and values are read as bytes: the
 * validator owns the decision what is bad input.
 */
public final class ScoringTopology {

    /** Source node of the reviews topic. */
    public static final String SOURCE = "reviews-source";
    /** The validator. */
    public static final String VALIDATE = "validate-reviews";
    /** The micro-batch scorer. */
    public static final String SCORE = "micro-batch-scorer";
    /** The rolling metrics. */
    public static final String METRICS = "rolling-metrics-processor";
    /** Name of the internal repartition topic feeding the metrics (suffix {@code -repartition}). */
    public static final String METRICS_REPARTITION = "metrics-outcomes";

    /** Source node of the labels topic. */
    public static final String LABELS_SOURCE = "labels-source";
    /** The label validator. */
    public static final String VALIDATE_LABELS = "validate-labels";
    /** The join of labels and predictions. */
    public static final String JOIN = "label-joiner";
    /** The alarms. */
    public static final String ALARMS = "alarm-evaluator";
    /** Name of the internal repartition topic bringing predictions and labels together by review id. */
    public static final String EVALUATION_REPARTITION = "evaluation-by-id";

    private static final String LABEL_ROUTE = "label-route-";
    private static final String JOIN_ROUTE = "join-route-";
    private static final String ROUTE = "route-";
    private static final String DEAD_LETTERS = "dead-letters";
    private static final String VALID = "valid";
    private static final String SCORED_ROUTE = "scoring-route-";
    private static final String FAILED = "failed";
    private static final String SCORED = "scored";
    private static final String COMPARED = "compared";

    private final StreamsAppConfig config;
    private final Supplier<ReviewScorer> scorers;
    private final ScoringMetrics metrics;
    private final RecordBudget budget;
    private final ScoredReviewListener listener;
    private final Function<ModelRef, ReferenceProfile> profiles;
    private Supplier<ReviewScorer> challengers = () -> null;
    private ChallengerMetrics challengerMetrics = new ChallengerMetrics();

    /**
     * The topology for {@code config}, scoring with each thread's scorer from {@code scorers},
     * accepting what fits {@code budget} (which the caller has {@linkplain RecordBudget#verify verified}).
     */
    public ScoringTopology(StreamsAppConfig config, Supplier<ReviewScorer> scorers, ScoringMetrics metrics,
                           RecordBudget budget) {
        this(config, scorers, metrics, budget, ScoredReviewListener.NONE);
    }

    /** As above, telling {@code listener} of every review scored (with its text). */
    public ScoringTopology(StreamsAppConfig config, Supplier<ReviewScorer> scorers, ScoringMetrics metrics,
                           RecordBudget budget, ScoredReviewListener listener) {
        this(config, scorers, metrics, budget, listener, model -> null);
    }

    /**
     * As above, measuring each model version's drift against its reference profile from
     * {@code profiles} ({@code null} for a model: no drift detection for it, accuracy and calibration
     * alarms still on).
     */
    public ScoringTopology(StreamsAppConfig config, Supplier<ReviewScorer> scorers, ScoringMetrics metrics,
                           RecordBudget budget, ScoredReviewListener listener,
                           Function<ModelRef, ReferenceProfile> profiles) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.config = Objects.requireNonNull(config, "config");
        this.scorers = Objects.requireNonNull(scorers, "scorers");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /**
     * Also scores every micro-batch with the calling thread's challenger from {@code challengers}
     * (while it gives one), writing a comparison per review to the challenger topic
     * ({@code model.registry.challenger.topic}) and counting it in {@code metrics}.
     */
    public ScoringTopology withChallenger(Supplier<ReviewScorer> challengers, ChallengerMetrics metrics) {
        this.challengers = Objects.requireNonNull(challengers, "challengers");
        this.challengerMetrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    /** Builds the topology. */
    public Topology build() {
        StreamsAppConfig.Topics topics = config.topics();
        StreamsBuilder builder = new StreamsBuilder();

        KStream<Bytes, ValidationResult> validated = builder
                .stream(topics.reviews(), Consumed.with(Serdes.Bytes(), Serdes.ByteArray()).withName(SOURCE))
                .processValues(ReviewValidator.supplier(scorers, metrics, budget), Named.as(VALIDATE));

        Map<String, KStream<Bytes, ValidationResult>> routes = validated
                .split(Named.as(ROUTE))
                .branch((key, result) -> result instanceof ValidationResult.Rejected, Branched.as(DEAD_LETTERS))
                .defaultBranch(Branched.as(VALID));

        routes.get(ROUTE + DEAD_LETTERS)
                .map((key, result) -> deadLetter(((ValidationResult.Rejected) result).deadLetter()),
                        Named.as("dead-letter-records"))
                .to(topics.dlq(), Produced.with(Serdes.Bytes(), Serdes.ByteArray()).withName("dead-letters-sink"));

        Map<String, KStream<Bytes, ScoringResult>> results = routes.get(ROUTE + VALID)
                .mapValues(result -> ((ValidationResult.Accepted) result).review(), Named.as("valid-reviews"))
                .process(MicroBatchScorer.supplier(scorers, metrics, config.batchSize(), config.batchMaxWait(),
                        budget.maxRecordBytes(), listener, challengers, challengerMetrics), Named.as(SCORE))
                .split(Named.as(SCORED_ROUTE))
                .branch((key, result) -> result instanceof ScoringResult.Failed, Branched.as(FAILED))
                .branch((key, result) -> result instanceof ScoringResult.Compared, Branched.as(COMPARED))
                .defaultBranch(Branched.as(SCORED));

        results.get(SCORED_ROUTE + FAILED)
                .map((key, result) -> deadLetter(((ScoringResult.Failed) result).deadLetter()),
                        Named.as("failed-score-records"))
                .to(topics.dlq(), Produced.with(Serdes.Bytes(), Serdes.ByteArray())
                        .withName("failed-scores-sink"));

        KStream<Bytes, ScoringResult.Compared> compared = results.get(SCORED_ROUTE + COMPARED)
                .mapValues(result -> (ScoringResult.Compared) result, Named.as("compared-results"));
        compared.mapValues(ScoringResult.Compared::comparison, Named.as("challenger-comparisons"))
                .to(config.modelRegistry().challengerTopic(), Produced.with(Serdes.Bytes(),
                        EventSerdes.internal(ChallengerComparison.class)).withName("challenger-sink"));

        KStream<Bytes, ScoringResult.Scored> scoredResults = results.get(SCORED_ROUTE + SCORED)
                .mapValues(result -> (ScoringResult.Scored) result, Named.as("scored-results"));
        scoredResults.mapValues(ScoringResult.Scored::review, Named.as("scored-reviews"))
                .to(topics.scored(), Produced.with(Serdes.Bytes(), EventSerdes.scoredReview()).withName("scored-sink"));

        StreamsAppConfig.Evaluation evaluation = config.evaluation();
        // The challenger's predictions count in the metrics too, under its own model version.
        KStream<String, ScoreOutcome> outcomes = evaluation.labelsEnabled()
                ? joinedWithLabels(builder, scoredResults, compared, evaluation)
                : scoredResults.mapValues(result -> PredictionMade.of(result.review(), result.tokens(),
                                result.unknownTokens()), Named.as("scored-predictions"))
                .merge(compared.mapValues(PredictionMade::of, Named.as("challenger-predictions")),
                        Named.as("all-predictions"))
                .map((key, prediction) -> KeyValue.pair(prediction.model().toString(), prediction.outcome()),
                        Named.as("outcomes-by-model"));

        StreamsAppConfig.MetricsWindows windows = config.metricsWindows();
        KStream<String, MetricsSnapshot> snapshots = outcomes
                .repartition(Repartitioned.with(Serdes.String(), EventSerdes.internal(ScoreOutcome.class))
                        .withName(METRICS_REPARTITION).withNumberOfPartitions(1))
                .process(RollingMetricsProcessor.supplier(HoppingWindows.of(windows.size(), windows.advance()),
                        windows.grace(), windows.emitInterval(), metrics, evaluation.labelHorizon(), profiles),
                        Named.as(METRICS));
        snapshots.to(topics.metrics(), Produced.with(Serdes.String(), EventSerdes.metricsSnapshot())
                .withName("metrics-sink"));
        snapshots.process(AlarmEvaluator.supplier(evaluation.thresholds(), profiles, metrics.alarms()),
                        Named.as(ALARMS))
                .to(evaluation.alertsTopic(), Produced.with(Serdes.String(), EventSerdes.alertEvent())
                        .withName("alerts-sink"));

        return builder.build();
    }

    /**
     * The outcomes for the metrics with labels from the labels topic joined in, keyed by model;
     * bad, unmatched and duplicate labels go to the dead-letter topic.
     */
    private KStream<String, ScoreOutcome> joinedWithLabels(StreamsBuilder builder,
                                                           KStream<Bytes, ScoringResult.Scored> scoredResults,
                                                           KStream<Bytes, ScoringResult.Compared> compared,
                                                           StreamsAppConfig.Evaluation evaluation) {
        StreamsAppConfig.Topics topics = config.topics();
        // Labels: validated here, joined by review id after the repartition below.
        Map<String, KStream<Bytes, LabelResult>> labels = builder
                .stream(evaluation.labelsTopic(), Consumed.with(Serdes.Bytes(), Serdes.ByteArray())
                        .withName(LABELS_SOURCE))
                .processValues(LabelValidator.supplier(metrics, budget.limits(), evaluation.labelMaxBytes(),
                        budget.maxRecordBytes()), Named.as(VALIDATE_LABELS))
                .split(Named.as(LABEL_ROUTE))
                .branch((key, result) -> result instanceof LabelResult.Rejected, Branched.as(DEAD_LETTERS))
                .defaultBranch(Branched.as(VALID));
        labels.get(LABEL_ROUTE + DEAD_LETTERS)
                .map((key, result) -> deadLetter(((LabelResult.Rejected) result).deadLetter()),
                        Named.as("label-dead-letter-records"))
                .to(topics.dlq(), Produced.with(Serdes.Bytes(), Serdes.ByteArray()).withName("label-dead-letters-sink"));
        KStream<String, EvaluationInput> labelsById = labels.get(LABEL_ROUTE + VALID)
                .map((key, result) -> {
                    LabelArrival label = ((LabelResult.Accepted) result).label();
                    return KeyValue.pair(label.id(), EvaluationInput.of(label));
                }, Named.as("labels-by-id"));
        KStream<String, EvaluationInput> predictionsById = scoredResults
                .map((key, result) -> KeyValue.pair(result.review().id(), EvaluationInput.of(
                        PredictionMade.of(result.review(), result.tokens(), result.unknownTokens()))),
                        Named.as("predictions-by-id"));
        // After the champion's prediction of the same batch, so both are stored when a label comes.
        KStream<String, EvaluationInput> challengerById = compared
                .map((key, result) -> KeyValue.pair(result.comparison().id(), EvaluationInput.of(
                        PredictionMade.of(result))), Named.as("challenger-predictions-by-id"));

        Map<String, KStream<String, LabelResult>> joined = predictionsById
                .merge(challengerById, Named.as("predictions-and-challenger"))
                .merge(labelsById, Named.as("predictions-and-labels"))
                .repartition(Repartitioned.with(Serdes.String(), EventSerdes.internal(EvaluationInput.class))
                        .withName(EVALUATION_REPARTITION))
                .process(LabelJoiner.supplier(evaluation.labelHorizon(), metrics, budget.maxRecordBytes()),
                        Named.as(JOIN))
                .split(Named.as(JOIN_ROUTE))
                .branch((key, result) -> result instanceof LabelResult.Rejected, Branched.as(DEAD_LETTERS))
                .defaultBranch(Branched.as(VALID));
        joined.get(JOIN_ROUTE + DEAD_LETTERS)
                .map((key, result) -> deadLetter(((LabelResult.Rejected) result).deadLetter()),
                        Named.as("join-dead-letter-records"))
                .to(topics.dlq(), Produced.with(Serdes.Bytes(), Serdes.ByteArray()).withName("join-dead-letters-sink"));

        return joined.get(JOIN_ROUTE + VALID)
                .map((key, result) -> {
                    ScoreOutcome outcome = ((LabelResult.Counted) result).outcome();
                    return KeyValue.pair(outcome.model().toString(), outcome);
                }, Named.as("score-outcomes"));
    }

    private static KeyValue<Bytes, byte[]> deadLetter(DeadLetter deadLetter) {
        return KeyValue.pair(deadLetter.key() == null ? null : Bytes.wrap(deadLetter.key()), deadLetter.value());
    }
}
