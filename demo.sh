#!/usr/bin/env bash
# The whole pipeline in one process: in-process Kafka broker (KRaft), topics, the scoring topology
# with the bundled model, a producer of sample reviews and a live view. Builds on first use.
#   ./demo.sh                 run until Ctrl-C
#   ./demo.sh --reviews 500   stop after 500 scored reviews
#   ./demo.sh --help          all options
set -euo pipefail
cd "$(dirname "$0")"
JAR=demo/target/sentiment-demo.jar
if [[ ! -f "$JAR" ]]; then
  echo "» building (first run only, a few minutes)..." >&2
  ./mvnw -B -q package -DskipTests -pl demo -am
fi
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# The Java engine's SIMD kernel needs the Vector API module and C2 (so no -XX:TieredStopAtLevel=1).
exec java -Xmx1g --add-modules jdk.incubator.vector -jar "$JAR" demo "$@"
