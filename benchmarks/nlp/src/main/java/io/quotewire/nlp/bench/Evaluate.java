package io.quotewire.nlp.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quotewire.nlp.analysis.Analysis;
import io.quotewire.nlp.analysis.Analyzer;

/**
 * Runs the analyzer over a gold file of {@code ../shared/eval} (one JSON document a line with {@code doc}
 * and {@code text}) and writes the system output the scorer reads. Used by {@code bench/evaluate.sh}.
 * Usage: Evaluate GOLD.jsonl SYS.jsonl [NER_MODEL]
 */
public final class Evaluate {

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Analyzer analyzer = new Analyzer(args.length > 2 ? args[2] : Analyzer.DEFAULT_NER_MODEL, false);
        long tokens = 0;
        long chars = 0;
        long start = System.nanoTime();
        int docs = 0;
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
                JsonNode doc = json.readTree(line);
                String text = doc.get("text").asText();
                Analysis a = analyzer.analyze(text);
                chars += text.length();
                tokens += text.split("\\s+").length;
                docs++;
                List<Map<String, Object>> entities = new ArrayList<>();
                for (Analysis.Entity e : a.entities()) {
                    for (Analysis.Span m : e.mentions()) {
                        entities.add(Map.of("type", e.type(), "start", m.start(), "end", m.end()));
                    }
                }
                List<Map<String, Object>> quotes = new ArrayList<>();
                for (Analysis.Quote q : a.quotes()) {
                    Map<String, Object> quote = new LinkedHashMap<>();
                    quote.put("start", q.start());
                    quote.put("end", q.end());
                    if (q.speaker() != null) {
                        Map<String, Object> speaker = new LinkedHashMap<>();
                        speaker.put("name", q.speaker().name());
                        speaker.put("mention", Map.of("start", q.speaker().mention().start(),
                                "end", q.speaker().mention().end()));
                        quote.put("speaker", speaker);
                    } else {
                        quote.put("speaker", null);
                    }
                    quotes.add(quote);
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("doc", doc.get("doc").asText());
                result.put("entities", entities);
                result.put("quotes", quotes);
                out.write(json.writeValueAsString(result));
                out.newLine();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("analysed %d documents (%d chars, ~%d words) in %.1f s%n", docs, chars, tokens, seconds);
    }
}
