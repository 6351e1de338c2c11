package io.quotewire.nlp.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import io.quotewire.nlp.analysis.AttributionModel;
import io.quotewire.nlp.analysis.AttributionModel.Linear;
import io.quotewire.nlp.analysis.Analyzer;
import io.quotewire.nlp.analysis.SpeakerCandidates;

/**
 * Trains the attribution models on PolNeAR's training split and writes them as the resource nlp-service ships:
 * <ul>
 * <li>the speaker model: a candidate speaker of a quote that matches an annotated quote is right when it is the
 * annotated source (as the shared scorer judges a speaker); the model learns either from each candidate alone or
 * from pairs of a right and a wrong candidate of one quote (a ranker), as cross-validation chooses. A quote
 * continuing another has the speaker chosen for that one among its candidates, so the model is trained in two
 * passes: on the candidates the rules' choices give, then on those its own first choices give;
 * <li>the quote model: all quoted words of three or more, labelled by whether they are an annotated quote;
 * its learning rate, epochs and threshold are those that give the best attribution F1 with the speaker model.
 * </ul>
 * Settings and the threshold are chosen by k-fold cross-validation over articles; the development split is
 * only scored, for the record. Usage: TrainAttribution POLNEAR_DIR MODEL_JSON [FOLDS] [SEED]
 */
public final class TrainAttribution {

    private static final Label YES = new Label("yes");
    private static final Label NO = new Label("no");
    private static final Set<String> PRONOUNS = Set.of("he", "she", "it", "they", "i", "we", "you", "him", "her",
            "them", "his", "its", "their");
    private static final double[] RATES = { 0.01, 0.02, 0.05, 0.2 };
    private static final int[] EPOCHS = { 3, 10, 30 };
    private static final double[] THRESHOLDS = { 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95 };

    /** Quoted words as the analysis found them; the candidates labelled when they match an annotated quote. */
    record Quote(List<String> features, List<SpeakerCandidates.Option> options, List<Boolean> correct, boolean matched) {
    }

    /**
     * An analysed article: its quotes, when the quotes a quote continues were attributed by the rules' own choice,
     * and how to read them again when a speaker model chose those speakers.
     */
    record Article(String id, List<Quote> quotes, int gold, Function<Linear, List<Quote>> reader) {

        /** The quotes when {@code speaker} chose the speaker of every quote before (the rules, when null). */
        List<Quote> quotes(Linear speaker) {
            return speaker == null ? quotes : reader.apply(speaker);
        }
    }

    /** How the speaker model is trained: on candidates one by one, or on pairs of a right and a wrong one. */
    record Setting(double learningRate, int epochs, boolean pairwise) {
    }

    /** Labelled examples for one model: feature values by name and whether they are a positive case. */
    record Examples(List<Map<String, Double>> features, List<Boolean> labels) {
        Examples() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        void add(List<String> f, boolean label) {
            Map<String, Double> values = new TreeMap<>();
            f.forEach(name -> values.put(name, 1.0));
            features.add(values);
            labels.add(label);
        }

        /**
         * A pair of candidates of one quote, the right one and a wrong one: their difference, a positive case,
         * and the reverse, a negative one. A linear model of these ranks the candidates by its score.
         */
        void addPair(List<String> right, List<String> wrong) {
            Map<String, Double> difference = new TreeMap<>();
            right.stream().distinct().forEach(name -> difference.merge(name, 1.0, Double::sum));
            wrong.stream().distinct().forEach(name -> difference.merge(name, -1.0, Double::sum));
            difference.values().removeIf(v -> v == 0);
            if (difference.isEmpty()) {
                return; // the model cannot tell them apart
            }
            Map<String, Double> reverse = new TreeMap<>();
            difference.forEach((name, v) -> reverse.put(name, -v));
            features.add(difference);
            labels.add(true);
            features.add(reverse);
            labels.add(false);
        }
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int folds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        Analyzer analyzer = new Analyzer(Analyzer.DEFAULT_NER_MODEL, false);
        List<Article> train = analyse(analyzer, PolNear.read(data, "train"));
        List<Article> dev = analyse(analyzer, PolNear.read(data, "dev"));
        System.out.printf("train: %d articles, %d quotes found of %d annotated; dev: %d articles%n", train.size(),
                train.stream().mapToLong(a -> a.quotes().stream().filter(Quote::matched).count()).sum(),
                train.stream().mapToInt(Article::gold).sum(), dev.size());

        List<Article> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new Random(seed));
        System.out.printf("%d-fold cross-validation over articles (seed %d)%n", folds, seed);
        System.out.printf("%-34s %8s %8s %8s %8s %8s%n", "", "quote P", "speaker", "P", "R", "F1");
        print("rules alone", score(shuffled, null, null, 0));
        print("best candidate (oracle)", oracle(shuffled));
        Setting best = null;
        Linear[] speakers = null; // the best setting's speaker model of each fold
        double bestF1 = -1;
        for (boolean pairwise : new boolean[] { false, true }) {
            for (double rate : RATES) {
                for (int epochs : EPOCHS) {
                    Setting s = new Setting(rate, epochs, pairwise);
                    Scores total = new Scores();
                    Linear[] models = new Linear[folds];
                    for (int f = 0; f < folds; f++) {
                        models[f] = speakerModel(fold(shuffled, folds, f, true), s, seed);
                        total.add(score(fold(shuffled, folds, f, false), models[f], null, 0));
                    }
                    print(String.format(Locale.ROOT, "speakers: %s, lr %.2f, %d ep", pairwise ? "pairs" : "single", rate, epochs), total);
                    if (total.f1() > bestF1) {
                        bestF1 = total.f1();
                        best = s;
                        speakers = models;
                    }
                }
            }
        }
        // the quote model: its own learning rate and epochs, and its threshold, over the speaker models of each fold
        List<Setting> quoteSettings = new ArrayList<>();
        for (double rate : RATES) {
            for (int epochs : EPOCHS) {
                quoteSettings.add(new Setting(rate, epochs, false));
            }
        }
        Scores[][] byThreshold = new Scores[quoteSettings.size()][THRESHOLDS.length];
        for (Scores[] row : byThreshold) {
            Arrays.setAll(row, t -> new Scores());
        }
        for (int f = 0; f < folds; f++) {
            Examples examples = quoteExamples(fold(shuffled, folds, f, true), speakers[f]);
            List<Read> held = read(fold(shuffled, folds, f, false), speakers[f]);
            for (int i = 0; i < quoteSettings.size(); i++) {
                Linear quote = train(examples, quoteSettings.get(i), seed);
                for (int t = 0; t < THRESHOLDS.length; t++) {
                    byThreshold[i][t].add(tally(held, speakers[f], quote, THRESHOLDS[t]));
                }
            }
        }
        int bestQuote = -1;
        double threshold = 0;
        bestF1 = -1;
        for (int i = 0; i < quoteSettings.size(); i++) {
            Scores[] row = byThreshold[i];
            int bestT = 0;
            for (int t = 1; t < THRESHOLDS.length; t++) {
                if (row[t].f1() > row[bestT].f1()) {
                    bestT = t;
                }
            }
            Setting q = quoteSettings.get(i);
            print(String.format(Locale.ROOT, "+ quotes: lr %.2f, %d ep, t %.2f", q.learningRate(), q.epochs(),
                    THRESHOLDS[bestT]), row[bestT]);
            if (row[bestT].f1() > bestF1) {
                bestF1 = row[bestT].f1();
                bestQuote = i;
                threshold = THRESHOLDS[bestT];
            }
        }
        // what a higher threshold buys: quote precision rises only as far as the annotators marked quotes
        for (int t = 0; t < THRESHOLDS.length; t++) {
            print(String.format(Locale.ROOT, "  chosen quotes, threshold %.2f", THRESHOLDS[t]), byThreshold[bestQuote][t]);
        }
        Linear speaker = speakerModel(train, best, seed);
        Setting quoteSetting = quoteSettings.get(bestQuote);
        Linear quote = train(quoteExamples(train, speaker), quoteSetting, seed);
        System.out.printf(Locale.ROOT, "chosen: speakers lr %.2f, %d epochs; quotes lr %.2f, %d epochs, threshold %.2f; "
                + "trained on the whole training split%n", best.learningRate(), best.epochs(), quoteSetting.learningRate(),
                quoteSetting.epochs(), threshold);
        print("dev: rules alone", score(dev, null, null, 0));
        print("dev: speaker model", score(dev, speaker, null, 0));
        print("dev: speaker and quote models", score(dev, speaker, quote, threshold));
        String version = write(speaker, quote, threshold, out, best, quoteSetting, seed);
        System.out.println("wrote " + out + " (" + version + ")");
    }

    private static List<Article> fold(List<Article> articles, int folds, int f, boolean training) {
        List<Article> result = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            if (i % folds == f != training) {
                result.add(articles.get(i));
            }
        }
        return result;
    }

    private static void print(String name, Scores s) {
        System.out.printf(Locale.ROOT, "%-34s %8.3f %8.3f %8.3f %8.3f %8.3f%n", name, s.quotePrecision(), s.accuracy(),
                s.precision(), s.recall(), s.f1());
    }

    /** Runs the analysis's candidate step over each article and matches its quotes to the annotated ones. */
    static List<Article> analyse(Analyzer analyzer, List<PolNear.Article> articles) {
        List<Article> result = new ArrayList<>();
        for (PolNear.Article article : articles) {
            String text = article.text();
            Function<Linear, List<SpeakerCandidates>> candidates = analyzer.candidates(text);
            Function<Linear, List<SpeakerCandidates>> found = speaker -> candidates.apply(speaker).stream()
                    .filter(q -> text.substring(q.start(), q.end()).strip().split("\\s+").length >= 3).toList();
            List<SpeakerCandidates> byRules = found.apply(null);
            boolean[] used = new boolean[byRules.size()];
            PolNear.GoldQuote[] gold = new PolNear.GoldQuote[byRules.size()];
            for (PolNear.GoldQuote g : article.quotes()) {
                int best = -1;
                int bestOverlap = 0;
                for (int i = 0; i < byRules.size(); i++) {
                    SpeakerCandidates q = byRules.get(i);
                    int o = overlap(g.start(), g.end(), q.start(), q.end());
                    if (!used[i] && o > bestOverlap && o >= 0.5 * Math.min(g.end() - g.start(), q.end() - q.start())) {
                        best = i;
                        bestOverlap = o;
                    }
                }
                if (best >= 0) {
                    used[best] = true;
                    gold[best] = g;
                }
            }
            Function<List<SpeakerCandidates>, List<Quote>> labelled = list -> {
                List<Quote> quotes = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    SpeakerCandidates q = list.get(i);
                    List<Boolean> correct = new ArrayList<>();
                    for (SpeakerCandidates.Option o : q.options()) {
                        correct.add(gold[i] != null && isSpeaker(gold[i].source(), o));
                    }
                    quotes.add(new Quote(q.quoteFeatures(), q.options(), correct, gold[i] != null));
                }
                return quotes;
            };
            result.add(new Article(article.id(), labelled.apply(byRules), article.quotes().size(),
                    speaker -> labelled.apply(found.apply(speaker))));
        }
        return result;
    }

    /** The scorer's rule: the mention overlaps the source, or the name contains the source's last capitalised word. */
    static boolean isSpeaker(PolNear.Source source, SpeakerCandidates.Option o) {
        if (overlap(source.start(), source.end(), o.mentionStart(), o.mentionEnd()) > 0) {
            return true;
        }
        if (o.name() == null) {
            return false;
        }
        String last = null;
        for (String w : source.text().split("\\s+")) {
            String word = w.replaceAll("^[.,’'\"]+|[.,’'\"]+$", "");
            if (!w.isEmpty() && Character.isUpperCase(w.codePointAt(0)) && !PRONOUNS.contains(word.toLowerCase(Locale.ROOT))) {
                last = word;
            }
        }
        return last != null && List.of(o.name().toLowerCase(Locale.ROOT).split("\\s+")).contains(last.toLowerCase(Locale.ROOT));
    }

    private static int overlap(int a0, int a1, int b0, int b1) {
        return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
    }

    /** The shared scorer's counts: annotated quotes, quotes output, output quotes that match, right speakers. */
    static final class Scores {
        int gold;
        int system;
        int found;
        int right;

        void add(Scores o) {
            gold += o.gold;
            system += o.system;
            found += o.found;
            right += o.right;
        }

        double quotePrecision() {
            return system == 0 ? 0 : (double) found / system;
        }

        double accuracy() {
            return found == 0 ? 0 : (double) right / found;
        }

        double precision() {
            return system == 0 ? 0 : (double) right / system;
        }

        double recall() {
            return gold == 0 ? 0 : (double) right / gold;
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /**
     * The attribution figures for these articles when the speaker model picks each quote's speaker (with none,
     * the rules' own choice) and the quote model, if any, drops quoted words under the threshold.
     */
    static Scores score(List<Article> articles, Linear speaker, Linear quote, double threshold) {
        return tally(read(articles, speaker), speaker, quote, threshold);
    }

    /** An article's number of annotated quotes, and its quotes as the speaker model's choices give them. */
    private record Read(int gold, List<Quote> quotes) {
    }

    private static List<Read> read(List<Article> articles, Linear speaker) {
        return articles.stream().map(a -> new Read(a.gold(), a.quotes(speaker))).toList();
    }

    /** {@link #score} of quotes already read with {@code speaker}. */
    private static Scores tally(List<Read> read, Linear speaker, Linear quote, double threshold) {
        Scores s = new Scores();
        for (Read a : read) {
            s.gold += a.gold();
            for (Quote q : a.quotes()) {
                if (quote != null && quote.probability(q.features()) < threshold) {
                    continue;
                }
                s.system++;
                if (!q.matched()) {
                    continue;
                }
                s.found++;
                int best = -1;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < q.options().size(); i++) {
                    List<String> features = q.options().get(i).features();
                    double score = speaker != null ? speaker.score(features)
                            : features.contains("rules.choice") ? 1 : Double.NEGATIVE_INFINITY;
                    if (score > bestScore) {
                        best = i;
                        bestScore = score;
                    }
                }
                if (best >= 0 && q.correct().get(best)) {
                    s.right++;
                }
            }
        }
        return s;
    }

    private static Scores oracle(List<Article> articles) {
        Scores s = new Scores();
        for (Article a : articles) {
            s.gold += a.gold();
            for (Quote q : a.quotes()) {
                s.system++;
                s.found += q.matched() ? 1 : 0;
                s.right += q.correct().contains(true) ? 1 : 0;
            }
        }
        return s;
    }

    private static Examples speakerExamples(List<Article> articles) {
        Examples examples = new Examples();
        for (Article a : articles) {
            for (Quote q : a.quotes()) {
                if (q.matched()) {
                    for (int i = 0; i < q.options().size(); i++) {
                        examples.add(q.options().get(i).features(), q.correct().get(i));
                    }
                }
            }
        }
        return examples;
    }

    /**
     * The speaker model, trained in two passes as the analysis uses it: a quote continuing another inherits the
     * speaker the model chose for that one. The first pass learns from candidates where the rules chose those
     * speakers; the second from the candidates the first model's choices give.
     */
    private static Linear speakerModel(List<Article> articles, Setting setting, long seed) {
        Linear first = train(speakerExamples(articles, setting), setting, seed);
        List<Article> reread = articles.stream().map(a -> new Article(a.id(), a.quotes(first), a.gold(), a.reader())).toList();
        return train(speakerExamples(reread, setting), setting, seed);
    }

    private static Examples speakerExamples(List<Article> articles, Setting setting) {
        return setting.pairwise() ? speakerPairs(articles) : speakerExamples(articles);
    }

    /** Every pair of a right and a wrong candidate of each quote that has both. */
    private static Examples speakerPairs(List<Article> articles) {
        Examples examples = new Examples();
        for (Article a : articles) {
            for (Quote q : a.quotes()) {
                if (!q.matched()) {
                    continue;
                }
                for (int i = 0; i < q.options().size(); i++) {
                    for (int j = 0; j < q.options().size(); j++) {
                        if (q.correct().get(i) && !q.correct().get(j)) {
                            examples.addPair(q.options().get(i).features(), q.options().get(j).features());
                        }
                    }
                }
            }
        }
        return examples;
    }

    /** Every quote of the articles as the speaker model's choices give them, labelled by whether it is annotated. */
    private static Examples quoteExamples(List<Article> articles, Linear speaker) {
        Examples examples = new Examples();
        for (Article a : articles) {
            for (Quote q : a.quotes(speaker)) {
                examples.add(q.features(), q.matched());
            }
        }
        return examples;
    }

    /** A logistic regression with Tribuo, exported as a bias and one weight per feature. */
    static Linear train(Examples examples, Setting setting, long seed) {
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("PolNeAR train", labels), labels);
        for (int i = 0; i < examples.features().size(); i++) {
            Map<String, Double> example = examples.features().get(i);
            String[] names = example.keySet().toArray(String[]::new);
            double[] values = example.values().stream().mapToDouble(Double::doubleValue).toArray();
            data.add(new ArrayExample<>(examples.labels().get(i) ? YES : NO, names, values));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(setting.learningRate(), 0.1),
                setting.epochs(), Integer.MAX_VALUE, 1, seed);
        LinearSGDModel model = trainer.train(data);
        // a linear model over two labels: the log-odds of "yes" is the difference of the two labels' rows; the
        // last column is the bias
        DenseMatrix w = model.getWeightsCopy();
        int yes = model.getOutputIDInfo().getID(YES);
        int no = model.getOutputIDInfo().getID(NO);
        ImmutableFeatureMap features = model.getFeatureIDMap();
        Map<String, Double> weights = new TreeMap<>();
        for (int id = 0; id < features.size(); id++) {
            double d = Math.round((w.get(yes, id) - w.get(no, id)) * 1e5) / 1e5;
            if (d != 0) {
                weights.put(features.get(id).getName(), d);
            }
        }
        Linear exported = new Linear(Math.round((w.get(yes, features.size()) - w.get(no, features.size())) * 1e5) / 1e5, weights);
        // the exported weights predict what Tribuo's model predicts
        for (int i = 0; i < Math.min(500, data.size()); i++) {
            Example<Label> example = data.getExample(i);
            double tribuo = model.predict(example).getOutputScores().get(YES.getLabel()).getScore();
            double logOdds = exported.bias();
            for (var f : example) {
                logOdds += exported.weights().getOrDefault(f.getName(), 0.0) * f.getValue();
            }
            double probability = 1 / (1 + Math.exp(-logOdds));
            if (Math.abs(tribuo - probability) > 1e-3) {
                throw new IllegalStateException("the exported weights disagree with the model: " + tribuo + " vs " + probability);
            }
        }
        return exported;
    }

    /** Writes the models; their version is a digest of their content, so it changes whenever they do. */
    private static String write(Linear speaker, Linear quote, double threshold, Path out, Setting setting,
            Setting quoteSetting, long seed) throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> speakerJson = new LinkedHashMap<>();
        speakerJson.put("bias", speaker.bias());
        speakerJson.put("weights", new TreeMap<>(speaker.weights()));
        Map<String, Object> quoteJson = new LinkedHashMap<>();
        quoteJson.put("threshold", threshold);
        quoteJson.put("bias", quote.bias());
        quoteJson.put("weights", new TreeMap<>(quote.weights()));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                json.writeValueAsString(List.of(speakerJson, quoteJson)).getBytes(StandardCharsets.UTF_8));
        String version = "attribution/" + HexFormat.of().formatHex(digest, 0, 4);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("version", version);
        model.put("trainedOn", "PolNeAR train split, by benchmarks/nlp/train.sh");
        model.put("trainer", String.format(Locale.ROOT,
                "Tribuo 4.3.2 logistic regression (LinearSGDTrainer, LogMulticlass), AdaGrad, seed %d; "
                        + "the speaker model lr %.2f, %d epochs, %s; the quote model lr %.2f, %d epochs",
                seed, setting.learningRate(), setting.epochs(), setting.pairwise()
                        ? "on pairs of a right and a wrong candidate of a quote (a ranker: its score orders a quote's candidates)"
                        : "on candidates one by one", quoteSetting.learningRate(), quoteSetting.epochs()));
        model.put("speaker", speakerJson);
        model.put("quote", quoteJson);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json.writeValueAsString(model) + "\n");
        return version;
    }
}
