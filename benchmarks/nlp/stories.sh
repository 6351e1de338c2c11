#!/usr/bin/env bash
# Chooses the story rules (query-service's StoryRules) and the lede's length by cross-validation over ECB+ topics.
#   benchmarks/nlp/stories.sh SHARED_DIR [FOLDS] [SEED] [ORDERS]
# Analyses, dates and embeds ../shared/data/ecbplus/ecbplus_dev.jsonl as nlp-service does (under a minute),
# then prints the cross-validated BCubed and pairwise scores per signal set in one order of the stream (SEED)
# and the settings best on all topics; then the full rules cross-validated by their mean over ORDERS orders
# (default 8, seeds SEED on), the setting best on all topics that way (what StoryRules ships), and the shipped
# rules in each order on the whole file, on its dated articles alone and on those moved so that every event
# starts on one day, as a feed's articles are all of the same days (about 50 minutes in all on 2 cores;
# JAVA_TOOL_OPTIONS=-Dstories.signals=false runs only the orders, about 7). Deterministic for a seed. The same
# articles through the running stack: quotewire bench stories.
set -euo pipefail
SHARED="$(cd "${1:?usage: stories.sh SHARED_DIR [FOLDS] [SEED] [ORDERS]}" && pwd)"
cd "$(dirname "$0")/../.."
./mvnw -B -q -ntp -pl benchmarks/nlp -am -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="benchmarks/nlp/target/classes:$(cat benchmarks/nlp/target/classpath.txt)"
java -Xmx2g -XX:-DontCompileHugeMethods -cp "$CP" io.quotewire.nlp.bench.TuneStories \
  "$SHARED/data/ecbplus/ecbplus_dev.jsonl" "${2:-5}" "${3:-1}" "${4:-8}"
