#!/usr/bin/env bash
# Quality of the analysis on the development sets, scored by the project's shared scorer (and names on CoNLL++
# train, the name recogniser's own training data, as a check that the rules on top of it break little).
#   benchmarks/nlp/evaluate.sh SHARED_DIR [OUT_DIR]
# SHARED_DIR holds data/conllpp, data/polnear and eval/ (the scorer); OUT_DIR (default
# benchmarks/nlp/target/eval) receives the gold and system files. Needs python3 for the scorer.
set -euo pipefail
SHARED="$(cd "${1:?usage: evaluate.sh SHARED_DIR [OUT_DIR]}" && pwd)"
cd "$(dirname "$0")/../.."
OUT="${2:-benchmarks/nlp/target/eval}"
mkdir -p "$OUT"
python3 "$SHARED/eval/conll_gold.py" "$SHARED/data/conllpp/conllpp_dev.txt" "$OUT/conll_dev_gold.jsonl"
python3 "$SHARED/eval/polnear_gold.py" "$SHARED/data/polnear" dev "$OUT/polnear_dev_gold.jsonl"
# the analysis classes as a library, and the benchmark's own classes: their classpath from the reactor
./mvnw -B -q -ntp -pl benchmarks/nlp -am -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
# as nlp-service runs: CoreNLP's hottest methods are over HotSpot's 8 kB compile limit
JIT=-XX:-DontCompileHugeMethods
CP="benchmarks/nlp/target/classes:$(cat benchmarks/nlp/target/classpath.txt)"
for set in conll polnear; do
  java -Xmx1g "$JIT" -cp "$CP" io.quotewire.nlp.bench.Evaluate "$OUT/${set}_dev_gold.jsonl" "$OUT/${set}_dev_sys.jsonl"
done
echo "== NER, CoNLL++ dev"
python3 "$SHARED/eval/score.py" ner "$OUT/conll_dev_gold.jsonl" "$OUT/conll_dev_sys.jsonl"
# CoreNLP's name model was trained on CoNLL++ train, so its names there are nearly all right: a names rule can
# only break them, and this figure shows how much the rules do (mostly where the training annotation disagrees)
python3 "$SHARED/eval/conll_gold.py" "$SHARED/data/conllpp/conllpp_train.txt" "$OUT/conll_train_gold.jsonl"
java -Xmx1g "$JIT" -cp "$CP" io.quotewire.nlp.bench.Evaluate "$OUT/conll_train_gold.jsonl" "$OUT/conll_train_sys.jsonl"
echo "== NER, CoNLL++ train (the recogniser's own training data: what the rules break)"
python3 "$SHARED/eval/score.py" ner "$OUT/conll_train_gold.jsonl" "$OUT/conll_train_sys.jsonl"
echo "== Quotes, PolNeAR dev"
python3 "$SHARED/eval/score.py" quotes "$OUT/polnear_dev_gold.jsonl" "$OUT/polnear_dev_sys.jsonl"
echo "== Parts of speech only for the sentences the attribution reads: the same analysis as tagging all?"
java -Xmx2g "$JIT" -cp "$CP" io.quotewire.nlp.bench.SameAnalysis "$OUT/conll_dev_gold.jsonl" "$OUT/polnear_dev_gold.jsonl" 2>/dev/null
