#!/usr/bin/env bash
# Speed and memory of the analysis, printed (not a timed test):
#   benchmarks/nlp/speed.sh [SECONDS]
# 1. one worker in-process: model load time, then after a warm-up articles/s and tokens/s on the seeds,
#    and resident memory (-Xmx as the local stack gives nlp-service);
# 2. the packaged service: time from JVM start to ready (Kafka from KAFKA_BOOTSTRAP_SERVERS, default
#    localhost:9092, e.g. a running ./quotewire up; without a broker, until HTTP answers), and its resident
#    memory after analysing seeds for SECONDS with 2 clients.
set -euo pipefail
SECONDS_RUN="${1:-20}"
cd "$(dirname "$0")/../.."
# packages nlp-service (with its class-data archive, app-cds.jsa) and writes the benchmark's classpath
./mvnw -B -q -ntp -pl benchmarks/nlp -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
HEAP="${QUOTEWIRE_NLP_HEAP:-640m}"
# as nlp-service runs: CoreNLP's hottest methods are over HotSpot's 8 kB compile limit
JIT=-XX:-DontCompileHugeMethods
echo "== one worker, in-process (-Xmx$HEAP)"
java -Xmx"$HEAP" "$JIT" -cp "benchmarks/nlp/target/classes:$(cat benchmarks/nlp/target/classpath.txt)" \
  io.quotewire.nlp.bench.Throughput "$SECONDS_RUN" 2>/dev/null

echo "== the service (-Xmx$HEAP)"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
KAFKA="${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}"
# with a broker: until ready (models loaded, Kafka connected); without one: until HTTP answers at all (its
# Kafka channels stay down, so no health check turns UP; /api/analyze still works)
PROBE=ready
(exec 3<>"/dev/tcp/${KAFKA%:*}/${KAFKA#*:}") 2>/dev/null || PROBE=http
start=$(date +%s%N)
# from its own folder, as the launcher and the container image run it: the class-data archive names the jar
# by the path it had when the archive was made (quarkus-run.jar), and the JVM ignores it from elsewhere
(cd nlp-service/target/quarkus-app && exec java -Xmx"$HEAP" "$JIT" -XX:SharedArchiveFile=app-cds.jsa -Xshare:auto \
  -Dquarkus.http.port="$PORT" -Dkafka.bootstrap.servers="$KAFKA" -Dmp.messaging.incoming.articles-in.group.id=nlp-speed-bench \
  -jar quarkus-run.jar) > nlp-service/target/speed-service.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
up() {
  if [ "$PROBE" = ready ]; then curl -fs "http://localhost:$PORT/q/health/ready" >/dev/null 2>&1
  else [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$PORT/q/health/live" 2>/dev/null)" != 000 ]; fi
}
until up; do
  kill -0 $pid 2>/dev/null || { echo "the service died; see nlp-service/target/speed-service.log"; exit 1; }
  sleep 0.05
done
echo "start to $PROBE: $(( ($(date +%s%N) - start) / 1000000 )) ms"
SEED=benchmarks/nlp/target/seed.txt  # a sample article as ingest-service passes it on: its date line left out
tail -n +2 samples/2020-08-20-trump-kadhimi-meeting.txt > "$SEED"
end=$(( $(date +%s) + SECONDS_RUN )); clients=()
for c in 1 2; do
  ( while [ "$(date +%s)" -lt "$end" ]; do
      curl -fs -H 'Content-Type: text/plain; charset=utf-8' --data-binary @"$SEED" "http://localhost:$PORT/api/analyze" >/dev/null
    done ) &
  clients+=($!)
done
peak=0
while [ "$(date +%s)" -lt "$end" ]; do
  rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status); [ "$rss" -gt "$peak" ] && peak=$rss
  sleep 0.5
done
wait "${clients[@]}" 2>/dev/null || true
echo "resident memory under load (2 clients, ${SECONDS_RUN} s): peak ${peak} MiB"
