package io.quotewire.nlp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quotewire.bench.StoryScores;
import io.quotewire.nlp.analysis.Analysis;
import io.quotewire.nlp.analysis.Analyzer;
import io.quotewire.nlp.story.Embedder;
import io.quotewire.query.story.Profile;
import io.quotewire.query.story.StoryIndex;
import io.quotewire.query.story.StoryRules;

/**
 * Chooses the story rules ({@link StoryRules}: entity and quote weights, threshold) and the lede's length by
 * cross-validation over the topics of ECB+ (each topic holds two similar events): the articles are analysed and
 * embedded as nlp-service does, shuffled into one stream (seeded), and clustered by query-service's
 * {@link StoryIndex}. For each fold, the settings best on the other folds' topics are scored on the fold's.
 * Prints the cross-validated BCubed and pairwise scores per lede length and per signal set, and the settings
 * chosen on all topics. Usage: TuneStories ECBPLUS_JSONL [FOLDS] [SEED]
 */
public final class TuneStories {

    record Doc(String doc, int topic, String event, Analysis analysis) {
    }

    record Setting(int words, double entityWeight, double quoteWeight, double threshold) {
    }

    private static final int[] WORDS = { 32, 48, 96 };
    private static final double[] ENTITY_WEIGHTS = { 0, 0.2, 0.5, 1, 1.5, 2, 3 };
    private static final double[] QUOTE_WEIGHTS = { 0, 0.2, 0.5 };

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int folds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        ObjectMapper json = new ObjectMapper();
        Analyzer analyzer = new Analyzer(Analyzer.DEFAULT_NER_MODEL, false);
        List<Doc> docs = new ArrayList<>();
        Map<Integer, Map<String, float[]>> embeddings = new HashMap<>();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(data)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            String text = n.get("text").asText();
            docs.add(new Doc(n.get("doc").asText(), n.get("topic").asInt(), n.get("event").asText(), analyzer.analyze(text)));
            texts.add(text);
        }
        System.out.printf("%d articles, %d topics, %d events%n", docs.size(),
                docs.stream().map(Doc::topic).distinct().count(), docs.stream().map(Doc::event).distinct().count());
        for (int words : WORDS) {
            Embedder embedder = new Embedder(words);
            Map<String, float[]> byDoc = new HashMap<>();
            long cpu = cpu();
            for (int i = 0; i < docs.size(); i++) {
                byDoc.put(docs.get(i).doc(), embedder.embed(null, texts.get(i)));
            }
            System.out.printf("lede of %d words: %.1f ms CPU per article to embed%n", words, (cpu() - cpu) / 1e6 / docs.size());
            embeddings.put(words, byDoc);
        }
        // one stream, in a seeded order: news from many events interleaved, as a live feed has them
        List<Doc> stream = new ArrayList<>(docs);
        Collections.shuffle(stream, new Random(seed));
        List<Integer> topics = new ArrayList<>(new TreeSet<>(docs.stream().map(Doc::topic).toList()));
        Collections.shuffle(topics, new Random(seed));
        Map<Integer, Integer> foldOf = new HashMap<>();
        for (int i = 0; i < topics.size(); i++) {
            foldOf.put(topics.get(i), i % folds);
        }
        List<Setting> grid = new ArrayList<>();
        for (int words : WORDS) {
            for (double we : ENTITY_WEIGHTS) {
                for (double wq : QUOTE_WEIGHTS) {
                    for (int t = 20; t <= 200; t += 3) {
                        grid.add(new Setting(words, we, wq, t / 100.0));
                    }
                }
            }
        }
        // score every setting on every fold's stream once: training scores are the mean over the other folds
        double[][] f1 = new double[grid.size()][folds];
        StoryScores[][] scores = new StoryScores[grid.size()][folds];
        for (int g = 0; g < grid.size(); g++) {
            for (int f = 0; f < folds; f++) {
                int fold = f;
                scores[g][f] = cluster(stream.stream().filter(d -> foldOf.get(d.topic()) == fold).toList(), grid.get(g),
                        embeddings);
                f1[g][f] = scores[g][f].bcubedF1();
            }
        }
        System.out.printf("%n%d-fold cross-validation over topics (seed %d): settings chosen on the other folds, scored on each%n",
                folds, seed);
        System.out.println("| signals | lede words | BCubed P | R | F1 | pairwise F1 | chosen (entity, quote, threshold) per fold |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int words : WORDS) {
            crossValidate("embedding + entities + quotes", grid, g -> g.words() == words, f1, scores, folds);
        }
        crossValidate("embedding only", grid, g -> g.words() == Embedder.LEDE_WORDS && g.entityWeight() == 0 && g.quoteWeight() == 0, f1, scores, folds);
        crossValidate("embedding + entities", grid, g -> g.words() == Embedder.LEDE_WORDS && g.quoteWeight() == 0, f1, scores, folds);
        crossValidate("all, any lede", grid, g -> true, f1, scores, folds);
        // the shipped setting: chosen on all topics (the mean over folds)
        int best = -1;
        for (int g = 0; g < grid.size(); g++) {
            if (grid.get(g).words() == Embedder.LEDE_WORDS && (best < 0 || mean(f1[g], -1) > mean(f1[best], -1))) {
                best = g;
            }
        }
        Setting chosen = grid.get(best);
        System.out.printf("%nchosen on all topics (lede %d words): entity weight %.2f, quote weight %.2f, threshold %.2f; mean fold BCubed F1 %.3f%n",
                chosen.words(), chosen.entityWeight(), chosen.quoteWeight(), chosen.threshold(), mean(f1[best], -1));
        System.out.println("shipped (StoryRules.DEFAULT): " + StoryRules.DEFAULT);
        Setting shipped = new Setting(Embedder.LEDE_WORDS, StoryRules.DEFAULT.entityWeight(), StoryRules.DEFAULT.quoteWeight(),
                StoryRules.DEFAULT.threshold());
        System.out.println("shipped rules on the whole file, one stream:");
        System.out.println(cluster(stream, shipped, embeddings));
    }

    private static void crossValidate(String name, List<Setting> grid, java.util.function.Predicate<Setting> allowed,
            double[][] f1, StoryScores[][] scores, int folds) {
        double p = 0, r = 0, f = 0, pf = 0;
        List<String> chosen = new ArrayList<>();
        Set<Integer> words = new LinkedHashSet<>();
        for (int test = 0; test < folds; test++) {
            int best = -1;
            for (int g = 0; g < grid.size(); g++) {
                if (allowed.test(grid.get(g)) && (best < 0 || mean(f1[g], test) > mean(f1[best], test))) {
                    best = g;
                }
            }
            StoryScores s = scores[best][test];
            p += s.bcubedP() / folds;
            r += s.bcubedR() / folds;
            f += s.bcubedF1() / folds;
            pf += s.pairF1() / folds;
            Setting b = grid.get(best);
            words.add(b.words());
            chosen.add(String.format("%.1f/%.1f/%.2f", b.entityWeight(), b.quoteWeight(), b.threshold()));
        }
        System.out.printf("| %s | %s | %.3f | %.3f | **%.3f** | %.3f | %s |%n", name, words, p, r, f, pf, String.join(" ", chosen));
    }

    /** The mean over folds, leaving out {@code except} (-1: none). */
    private static double mean(double[] values, int except) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (i != except) {
                sum += values[i];
                n++;
            }
        }
        return sum / n;
    }

    private static StoryScores cluster(List<Doc> stream, Setting setting, Map<Integer, Map<String, float[]>> embeddings) {
        StoryIndex index = new StoryIndex(StoryRules.DEFAULT.with(setting.entityWeight(), setting.quoteWeight(),
                setting.threshold()));
        Map<String, String> gold = new LinkedHashMap<>(), system = new HashMap<>();
        long seq = 0;
        for (Doc d : stream) {
            gold.put(d.doc(), d.event());
            system.put(d.doc(), index.assign(profile(d, seq++, embeddings.get(setting.words()).get(d.doc()))).storyId());
        }
        return StoryScores.of(gold, system);
    }

    static Profile profile(Doc d, long seq, float[] embedding) {
        Map<String, Double> entities = new HashMap<>();
        d.analysis().entities().forEach(e -> entities.put(e.id(), e.salience()));
        Set<String> quotes = new TreeSet<>();
        d.analysis().quotes().forEach(q -> quotes.add(q.id()));
        return new Profile(d.doc(), "r", seq, Instant.EPOCH, embedding, entities, quotes);
    }

    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
