package io.quotewire.nlp.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quotewire.nlp.analysis.Analysis;
import io.quotewire.nlp.analysis.Analyzer;

/**
 * Checks on a whole gold file of {@code ../shared/eval} that tagging only the sentences the attribution reads
 * gives the analysis that tagging every sentence gives, and times both (after a warm-up pass).
 * Usage: SameAnalysis GOLD.jsonl [MORE.jsonl ...]. Used by {@code bench/evaluate.sh}.
 */
public final class SameAnalysis {

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String file : args) {
            for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
                texts.add(json.readTree(line).get("text").asText());
            }
        }
        String model = "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";
        Analyzer partial = new Analyzer(model, false);
        Analyzer full = new Analyzer(model, true);
        List<Analysis> a = run(partial, texts); // warm-up, and the results
        List<Analysis> b = run(full, texts);
        int differ = 0;
        for (int i = 0; i < texts.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                if (differ++ < 5) {
                    System.out.printf("document %d differs:%n  partial %s%n  full    %s%n", i, a.get(i), b.get(i));
                }
            }
        }
        long t0 = System.nanoTime();
        run(partial, texts);
        long t1 = System.nanoTime();
        run(full, texts);
        long t2 = System.nanoTime();
        System.out.printf("%d documents, %d analysed differently; one thread: tagging the sentences read %.1f s, "
                + "tagging every sentence %.1f s (%.0f %% of the time)%n", texts.size(), differ, (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, 100.0 * (t1 - t0) / (t2 - t1));
        System.exit(differ == 0 ? 0 : 1);
    }

    private static List<Analysis> run(Analyzer analyzer, List<String> texts) {
        List<Analysis> out = new ArrayList<>();
        for (String t : texts) {
            out.add(analyzer.analyze(t));
        }
        return out;
    }
}
