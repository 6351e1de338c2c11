#!/usr/bin/env bash
# Retrains the attribution models (speaker choice, quote or not) from PolNeAR's training split and writes it where nlp-service loads it from.
#   benchmarks/nlp/train.sh SHARED_DIR [FOLDS] [SEED]
# Prints the cross-validation table (settings chosen by it) and the development split's scores, rules alone
# and with the model. Deterministic for a seed. Then rebuild nlp-service and run evaluate.sh to confirm.
set -euo pipefail
SHARED="$(cd "${1:?usage: train.sh SHARED_DIR [FOLDS] [SEED]}" && pwd)"
cd "$(dirname "$0")/../.."
./mvnw -B -q -ntp -pl benchmarks/nlp -am -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="benchmarks/nlp/target/classes:$(cat benchmarks/nlp/target/classpath.txt)"
java -Xmx2g -XX:-DontCompileHugeMethods -cp "$CP" io.quotewire.nlp.bench.TrainAttribution \
  "$SHARED/data/polnear" nlp-service/src/main/resources/quotewire/attribution-model.json "${2:-5}" "${3:-1}"
