package io.quotewire.nlp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

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

import io.quotewire.nlp.analysis.Analyzer;
import io.quotewire.nlp.analysis.SpeakerCandidates;
import io.quotewire.nlp.analysis.SpeakerModel;

/**
 * Trains the speaker model on PolNeAR's training split: every candidate speaker of every quote that matches an
 * annotated quote is an example, labelled by whether it is the annotated source (as the shared scorer judges
 * a speaker). Settings are chosen by k-fold cross-validation over articles; the model trained with them on the
 * whole split is written as the JSON resource nlp-service ships. The development split is only scored.
 * Usage: TrainSpeakers POLNEAR_DIR MODEL_JSON [FOLDS] [SEED]
 */
public final class TrainSpeakers {

    private static final Label YES = new Label("speaker");
    private static final Label NO = new Label("other");
    private static final Set<String> PRONOUNS = Set.of("he", "she", "it", "they", "i", "we", "you", "him", "her",
            "them", "his", "its", "their");

    /** A quote of an article as the analysis found it, with its candidates labelled (when it matches gold). */
    record Quote(String text, int start, int end, List<SpeakerCandidates.Option> options, List<Boolean> correct,
            boolean matched) {
    }

    record Article(String id, List<Quote> quotes, int gold) {
    }

    record Setting(double learningRate, int epochs) {
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
        System.out.printf("%-22s %8s %8s %8s %8s%n", "setting", "speaker", "P", "R", "F1");
        print("rules alone", score(shuffled, null));
        print("best candidate (oracle)", oracle(shuffled));
        Setting best = null;
        double bestF1 = -1;
        for (double rate : new double[] { 0.05, 0.2, 1.0 }) {
            for (int epochs : new int[] { 3, 10, 30 }) {
                Setting s = new Setting(rate, epochs);
                Scores total = new Scores();
                for (int f = 0; f < folds; f++) {
                    List<Article> in = new ArrayList<>();
                    List<Article> held = new ArrayList<>();
                    for (int i = 0; i < shuffled.size(); i++) {
                        (i % folds == f ? held : in).add(shuffled.get(i));
                    }
                    total.add(score(held, train(in, s, seed)));
                }
                print(String.format(Locale.ROOT, "lr %.2f, %d epochs", rate, epochs), total);
                if (total.f1() > bestF1) {
                    bestF1 = total.f1();
                    best = s;
                }
            }
        }
        SpeakerModel model = train(train, best, seed);
        System.out.printf("chosen: lr %.2f, %d epochs; trained on the whole training split%n", best.learningRate(), best.epochs());
        print("dev, rules alone", score(dev, null));
        print("dev, model", score(dev, model));
        write(model, out, best, seed);
        System.out.println("wrote " + out + " (" + model.version() + ")");
    }

    private static void print(String name, Scores s) {
        System.out.printf(Locale.ROOT, "%-22s %8.3f %8.3f %8.3f %8.3f%n", name, s.accuracy(), s.precision(), s.recall(), s.f1());
    }

    /** Runs the analysis's candidate step over each article and matches its quotes to the annotated ones. */
    static List<Article> analyse(Analyzer analyzer, List<PolNear.Article> articles) {
        List<Article> result = new ArrayList<>();
        for (PolNear.Article article : articles) {
            String text = article.text();
            List<SpeakerCandidates> found = analyzer.candidates(text).stream()
                    .filter(q -> text.substring(q.start(), q.end()).strip().split("\\s+").length >= 3).toList();
            boolean[] used = new boolean[found.size()];
            PolNear.GoldQuote[] gold = new PolNear.GoldQuote[found.size()];
            for (PolNear.GoldQuote g : article.quotes()) {
                int best = -1;
                int bestOverlap = 0;
                for (int i = 0; i < found.size(); i++) {
                    SpeakerCandidates q = found.get(i);
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
            List<Quote> quotes = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                SpeakerCandidates q = found.get(i);
                List<Boolean> correct = new ArrayList<>();
                for (SpeakerCandidates.Option o : q.options()) {
                    correct.add(gold[i] != null && isSpeaker(gold[i].source(), o));
                }
                quotes.add(new Quote(text.substring(q.start(), q.end()), q.start(), q.end(), q.options(), correct,
                        gold[i] != null));
            }
            result.add(new Article(article.id(), quotes, article.quotes().size()));
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
     * The shared scorer's attribution figures for these articles when the model picks each quote's speaker;
     * with no model, the rules' own choice (none when no rule proposes one).
     */
    static Scores score(List<Article> articles, SpeakerModel model) {
        Scores s = new Scores();
        for (Article a : articles) {
            s.gold += a.gold();
            for (Quote q : a.quotes()) {
                s.system++;
                if (!q.matched()) {
                    continue;
                }
                s.found++;
                int best = -1;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < q.options().size(); i++) {
                    List<String> features = q.options().get(i).features();
                    double score = model != null ? model.score(features) : features.contains("rules.choice") ? 1 : Double.NEGATIVE_INFINITY;
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

    static SpeakerModel train(List<Article> articles, Setting setting, long seed) {
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("PolNeAR train", labels), labels);
        for (Article a : articles) {
            for (Quote q : a.quotes()) {
                if (!q.matched()) {
                    continue;
                }
                for (int i = 0; i < q.options().size(); i++) {
                    List<String> features = q.options().get(i).features();
                    String[] names = features.stream().distinct().toArray(String[]::new);
                    double[] values = new double[names.length];
                    java.util.Arrays.fill(values, 1.0);
                    data.add(new ArrayExample<>(q.correct().get(i) ? YES : NO, names, values));
                }
            }
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(setting.learningRate(), 0.1),
                setting.epochs(), Integer.MAX_VALUE, 1, seed);
        LinearSGDModel model = trainer.train(data);
        // a linear model over two labels: the log-odds of "speaker" is the difference of the two labels' rows
        DenseMatrix w = model.getWeightsCopy();
        int yes = model.getOutputIDInfo().getID(YES);
        int no = model.getOutputIDInfo().getID(NO);
        ImmutableFeatureMap features = model.getFeatureIDMap();
        Map<String, Double> weights = new TreeMap<>();
        for (int id = 0; id < features.size(); id++) {
            double d = w.get(yes, id) - w.get(no, id);
            if (Math.abs(d) > 1e-6) {
                weights.put(features.get(id).getName(), Math.round(d * 1e5) / 1e5);
            }
        }
        double bias = w.get(yes, features.size()) - w.get(no, features.size());
        SpeakerModel exported = new SpeakerModel("speakers/" + Integer.toHexString(weights.hashCode() * 31 + Double.hashCode(bias)),
                Math.round(bias * 1e5) / 1e5, weights);
        // the exported weights predict what Tribuo's model predicts
        for (int i = 0; i < Math.min(200, data.size()); i++) {
            var example = data.getExample(i);
            double tribuo = model.predict(example).getOutputScores().get(YES.getLabel()).getScore();
            List<String> names = new ArrayList<>();
            example.forEach(f -> names.add(f.getName()));
            double mine = 1 / (1 + Math.exp(-exported.score(names)));
            if (Math.abs(tribuo - mine) > 1e-3) {
                throw new IllegalStateException("exported weights disagree with the model: " + tribuo + " vs " + mine);
            }
        }
        return exported;
    }

    private static void write(SpeakerModel model, Path out, Setting setting, long seed) throws Exception {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("version", model.version());
        json.put("trainedOn", "PolNeAR train split, by benchmarks/nlp/train.sh");
        json.put("trainer", String.format(Locale.ROOT, "Tribuo 4.3.2 logistic regression, AdaGrad lr %.2f, %d epochs, seed %d",
                setting.learningRate(), setting.epochs(), seed));
        json.put("bias", model.bias());
        json.put("weights", new TreeMap<>(model.weights()));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
    }
}
