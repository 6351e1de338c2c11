package io.quotewire.nlp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The direct quotes of a PolNeAR split with their annotated sources, read as {@code ../shared/eval/polnear_gold.py}
 * reads them: a quoted segment of at least 3 words between paired quotation marks, inside an attribution's
 * content span that has a source; one annotation file per article (the first by name). Lines that are not
 * annotations are skipped.
 */
final class PolNear {

    private static final Pattern QUOTE = Pattern.compile("[“\"]([^“”\"]{2,}?)[”\"]");

    record Source(int start, int end, String text) {
    }

    record GoldQuote(int start, int end, Source source) {
    }

    record Article(String id, String text, List<GoldQuote> quotes) {
    }

    private record Span(String kind, int start, int end) {
    }

    private PolNear() {
    }

    static List<Article> read(Path data, String split) throws IOException {
        Path texts = data.resolve(split).resolve("text");
        Path annotations = data.resolve(split).resolve("attributions");
        List<String> anns;
        try (Stream<Path> s = Files.list(annotations)) {
            anns = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(texts)) {
            files = s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        List<Article> articles = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String stem = name.substring(0, name.length() - 4);
            String ann = anns.stream().filter(a -> a.substring(0, a.lastIndexOf('_')).equals(stem)).findFirst().orElse(null);
            if (ann == null) {
                continue;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            articles.add(new Article(stem, text, quotes(text, annotations.resolve(ann))));
        }
        return articles;
    }

    private static List<GoldQuote> quotes(String text, Path ann) throws IOException {
        Map<String, Span> spans = new HashMap<>();
        List<Map<String, String>> relations = new ArrayList<>();
        for (String line : Files.readAllLines(ann, StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t");
            if (parts.length < 2) {
                continue;
            }
            if (parts[0].startsWith("T")) {
                String[] offsets = parts[1].split(" ");
                spans.put(parts[0], new Span(offsets[0], Integer.parseInt(offsets[1]),
                        Integer.parseInt(offsets[offsets.length - 1].split(";")[0])));
            } else if (parts[0].startsWith("E")) {
                Map<String, String> relation = new HashMap<>();
                for (String role : parts[1].split(" ")) {
                    int colon = role.indexOf(':');
                    if (colon > 0) {
                        relation.put(role.substring(0, colon), role.substring(colon + 1));
                    }
                }
                relations.add(relation);
            }
        }
        List<GoldQuote> quotes = new ArrayList<>();
        for (Map<String, String> r : relations) {
            Span content = spans.get(r.get("Content"));
            Span source = spans.get(r.get("Source"));
            if (content == null || source == null || content.start() > Math.min(text.length(), content.end() + 1)
                    || source.end() > text.length()) {
                continue;
            }
            Matcher m = QUOTE.matcher(text).region(content.start(), Math.min(text.length(), content.end() + 1));
            while (m.find()) {
                if (m.group(1).strip().split("\\s+").length < 3) {
                    continue;
                }
                quotes.add(new GoldQuote(m.start(1), m.end(1),
                        new Source(source.start(), source.end(), text.substring(source.start(), source.end()))));
            }
        }
        quotes.sort(Comparator.comparingInt(GoldQuote::start));
        return quotes;
    }
}
