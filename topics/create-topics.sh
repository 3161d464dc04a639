#!/usr/bin/env bash
# Creates the sentiment-stream topics with Kafka's own kafka-topics.sh, with the same settings as
# topics/topics.json (a test checks that the two agree). Safe to run again (--if-not-exists).
#
#   topics/create-topics.sh <bootstrap-servers> [replication-factor]
#
# Without a replication factor the broker's default.replication.factor applies. The tool is found
# on the PATH, else at /opt/kafka/bin (the apache/kafka image); set KAFKA_TOPICS to override.
set -euo pipefail

BOOTSTRAP="${1:-localhost:9092}"
RF_ARGS=()
if [[ -n "${2:-}" ]]; then
  RF_ARGS=(--replication-factor "$2")
fi
KAFKA_TOPICS="${KAFKA_TOPICS:-$(command -v kafka-topics.sh || echo /opt/kafka/bin/kafka-topics.sh)}"

create() {
  "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists ${RF_ARGS[@]+"${RF_ARGS[@]}"} "$@"
}

create --topic reviews --partitions 6 --config cleanup.policy=delete --config retention.ms=604800000
create --topic review-labels --partitions 6 --config cleanup.policy=delete --config retention.ms=604800000
create --topic reviews-scored --partitions 6 --config cleanup.policy=delete --config retention.ms=604800000
create --topic reviews-dlq --partitions 1 --config cleanup.policy=delete --config retention.ms=2592000000
create --topic sentiment-metrics --partitions 1 --config cleanup.policy=compact,delete --config retention.ms=2592000000 --config segment.ms=3600000
create --topic sentiment-alerts --partitions 1 --config cleanup.policy=compact,delete --config retention.ms=2592000000 --config segment.ms=3600000
create --topic reviews-challenger --partitions 1 --config cleanup.policy=delete --config retention.ms=604800000
create --topic sentiment-models --partitions 2 --config cleanup.policy=compact --config min.compaction.lag.ms=3600000

"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --describe --topic 'reviews|review-labels|reviews-scored|reviews-dlq|sentiment-metrics|sentiment-alerts|reviews-challenger|sentiment-models'
