package io.quotewire.nlp.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.quotewire.contract.NameKeys;
import io.quotewire.nlp.analysis.Analysis.Entity;
import io.quotewire.nlp.analysis.Analysis.Quote;
import io.quotewire.nlp.analysis.Analysis.Span;
import io.quotewire.nlp.analysis.Analysis.Speaker;
import io.quotewire.nlp.analysis.EntityFinder.Cluster;
import io.quotewire.nlp.NlpConfig;

/**
 * Entities and attributed quotes of a text: CoreNLP for tokens, sentences, parts of speech and names, and
 * this project's layer for what CoreNLP gets wrong or does not do. Thread-safe; loaded at start-up so the
 * first article does not wait for the models.
 */
@ApplicationScoped
@Startup
public class Analyzer {

    /** Changes whenever the analysis can give a different result for the same text. */
    public static final String VERSION = "quotewire-nlp/55 corenlp-4.5.10 " + AttributionModel.SHIPPED.version();

    private static final Logger LOG = Logger.getLogger(Analyzer.class);

    /** CoreNLP's 4-class CoNLL NER model, a classpath resource of its models jar. */
    public static final String DEFAULT_NER_MODEL = "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";

    private record Parts(CoreNlp coreNlp, EntityFinder entityFinder, Attributor attributor) {
    }

    /** The models of each NER model, loading or loaded: one load per JVM, however many analyzers use them. */
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<Parts>> MODELS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.concurrent.CompletableFuture<Parts> parts;
    private final boolean tagEverySentence;

    /** Starts loading the models in the background; {@link #analyze} waits for them, {@link #loaded} tells. */
    @jakarta.inject.Inject
    public Analyzer(NlpConfig config) {
        this(config.nerModel(), false);
    }

    /**
     * {@code tagEverySentence}: parts of speech for every sentence, not only for those the attribution reads.
     * The result is the same, slower; the tests and the evaluation use it to check that.
     */
    public Analyzer(String nerModel, boolean tagEverySentence) {
        this.parts = models(nerModel);
        this.tagEverySentence = tagEverySentence;
    }

    /**
     * Starts loading the models with this NER model in the background, unless they are loading or loaded already:
     * the service's main method calls it before Quarkus starts, so the models load while Quarkus does.
     */
    public static void preload(String nerModel) {
        models(nerModel);
    }

    private static java.util.concurrent.CompletableFuture<Parts> models(String nerModel) {
        return MODELS.computeIfAbsent(nerModel, Analyzer::load);
    }

    private static java.util.concurrent.CompletableFuture<Parts> load(String nerModel) {
        long t0 = System.nanoTime();
        if (!CoreNlp.compilesHugeMethods()) {
            LOG.warnf("this JVM leaves CoreNLP's largest hot methods interpreted: start it with %s for about a sixth "
                    + "less CPU per article (the local stack, the container image and the manifests do)", CoreNlp.JIT_OPTION);
        }
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            Parts p = new Parts(new CoreNlp(nerModel), new EntityFinder(Gazetteer.load()), new Attributor(Genders.load(), AttributionModel.SHIPPED));
            p.coreNlp().annotate("Warm-up: President Donald Trump said “this loads every model” in Washington.");
            LOG.infof("analyzer ready in %d ms (NER model %s)", (System.nanoTime() - t0) / 1_000_000, nerModel);
            return p;
        }, runnable -> {
            Thread t = new Thread(runnable, "model-loader");
            t.setDaemon(true);
            t.start();
        });
    }

    /** Whether the models are loaded (readiness). */
    public boolean loaded() {
        return parts.isDone() && !parts.isCompletedExceptionally();
    }

    private Parts parts() {
        try {
            return parts.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the models load", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the models could not be loaded", e.getCause());
        }
    }

    /**
     * A text's quotes (within the limit), the titles in quotation marks it has besides, its tokens and entities:
     * what the attribution works on.
     */
    private record Prepared(List<QuoteFinder.Found> found, List<QuoteFinder.Found> titles, int omittedQuotes, Doc doc,
            EntityFinder.Result entities) {
    }

    private Prepared prepare(Parts p, String text) {
        // titles in quotation marks (“Fox News Sunday”) are not quotes of anyone
        Map<Boolean, List<QuoteFinder.Found>> byTitle = QuoteFinder.find(text).stream()
                .collect(Collectors.partitioningBy(q -> ArticleLayout.isTitle(text, q)));
        List<QuoteFinder.Found> found = byTitle.get(false);
        int omittedQuotes = Math.max(0, found.size() - MAX_QUOTES);
        if (omittedQuotes > 0) {
            found = found.subList(0, MAX_QUOTES);
        }
        checkTime();
        Doc doc = p.coreNlp().annotate(text, tagEverySentence ? null : ArticleLayout.reads(text, found));
        checkTime();
        EntityFinder.Result entities = p.entityFinder().find(doc);
        checkTime();
        // nor is a nickname within a person's name (Hector “Macho” Camacho): no quote, and no speaker within it
        List<QuoteFinder.Found> titles = new ArrayList<>(byTitle.get(true));
        List<EntityFinder.Mention> people = entities.mentions().stream().filter(m -> m.type().equals("PERSON")).toList();
        Map<Boolean, List<QuoteFinder.Found>> byName = found.stream()
                .collect(Collectors.partitioningBy(q -> withinName(people, q)));
        titles.addAll(byName.get(true));
        return new Prepared(byName.get(false), titles, omittedQuotes, doc, entities);
    }

    /** The quote and its marks lie within one of the names (sorted by start, none overlapping another). */
    private static boolean withinName(List<EntityFinder.Mention> names, QuoteFinder.Found q) {
        int lo = 0;
        int hi = names.size() - 1;
        int last = -1; // the last name starting at or before the opening mark
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (names.get(mid).start() <= q.openMark()) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return last >= 0 && q.afterClose() <= names.get(last).end();
    }

    /**
     * For training the speaker model ({@code benchmarks/nlp/train.sh}): a text analysed once, and for a speaker
     * model, every quote of it with its candidate speakers and what the model reads of each, when the quotes
     * before it were attributed by that model (by the rules' own choice when it is null): a quote continuing
     * another inherits the speaker chosen for it.
     */
    public Function<AttributionModel.Linear, List<SpeakerCandidates>> candidates(String text) {
        Parts p = parts();
        Prepared prepared = prepare(p, text);
        Doc doc = prepared.doc();
        return speaker -> {
            List<Attributor.Read> read = p.attributor().read(doc, prepared.entities(), prepared.found(), prepared.titles(),
                    speaker == null ? Attributor.RULES : Attributor.highest(speaker));
            List<SpeakerCandidates> result = new ArrayList<>();
            for (int i = 0; i < read.size(); i++) {
                QuoteFinder.Found q = prepared.found().get(i);
                Attributor.Read r = read.get(i);
                List<SpeakerCandidates.Option> options = new ArrayList<>();
                for (int c = 0; c < r.candidates().size(); c++) {
                    Attributor.Attribution a = r.candidates().get(c).attribution();
                    Span mention = span(doc, a.from(), a.to());
                    options.add(new SpeakerCandidates.Option(mention.start(), mention.end(),
                            a.entity() == null ? null : a.entity().name, r.speakerFeatures().get(c)));
                }
                result.add(new SpeakerCandidates(q.start(), q.end(), r.quoteFeatures(), options));
            }
            return result;
        };
    }

    public Analysis analyze(String text) {
        Parts p = parts();
        Prepared prepared = prepare(p, text);
        List<QuoteFinder.Found> found = prepared.found();
        int omittedQuotes = prepared.omittedQuotes();
        Doc doc = prepared.doc();
        EntityFinder.Result entities = prepared.entities();
        Attributor attributor = p.attributor();
        List<Attributor.Attributed> attributions = attributor.attribute(doc, entities, found, prepared.titles());
        checkTime();

        List<Quote> quotes = new ArrayList<>();
        Map<Cluster, Integer> quotesBy = new HashMap<>();
        for (int i = 0; i < found.size(); i++) {
            QuoteFinder.Found q = found.get(i);
            if (!attributions.get(i).quote()) {
                continue;
            }
            Attributor.Attribution a = attributions.get(i).speaker();
            Speaker speaker = null;
            Span cue = null;
            if (a != null) {
                Span mention = span(doc, a.from(), a.to());
                speaker = a.entity() == null ? new Speaker(null, null, mention)
                        : new Speaker(a.entity().id(), a.entity().name, mention);
                cue = a.cueFrom() < 0 ? null : span(doc, a.cueFrom(), a.cueTo());
                if (a.entity() != null) {
                    quotesBy.merge(a.entity(), 1, Integer::sum);
                }
            }
            quotes.add(new Quote(NameKeys.quoteId(q.text()), q.text(), q.start(), q.end(), speaker, cue));
        }
        List<Entity> all = entities(doc, entities, quotesBy);
        List<Entity> kept = bounded(all);
        int omittedMentions = all.stream().mapToInt(e -> e.mentions().size()).sum()
                - kept.stream().mapToInt(e -> e.mentions().size()).sum();
        if (omittedQuotes > 0 || omittedMentions > 0) {
            LOG.infof("a text of %d characters has more than the analysis reports: %d quotes, %d entities and %d "
                    + "named mentions left out (limits: %d quotes, %d entities, %d mentions an entity)", text.length(),
                    omittedQuotes, all.size() - kept.size(), omittedMentions, MAX_QUOTES, MAX_ENTITIES, MAX_MENTIONS);
        }
        return new Analysis(kept, quotes, new Analysis.Omitted(omittedQuotes, all.size() - kept.size(), omittedMentions));
    }

    /**
     * The most an analysis reports of one text. They bound its work and memory, and the size of its events
     * (well within a Kafka record's 8 MiB): a news article has tens of quotes and entities, a text with
     * thousands is a list or garbage. What is left out is counted in {@link Analysis#omitted()}.
     */
    public static final int MAX_QUOTES = 1000;
    public static final int MAX_ENTITIES = 500;
    public static final int MAX_MENTIONS = 100;
    /** An entity name longer than this is not a name (a run of capitalised words in a table, say). */
    static final int MAX_NAME_CHARS = 200;

    /** The most salient entities, each with its first mentions, within the limits. */
    private static List<Entity> bounded(List<Entity> entities) {
        List<Entity> kept = new ArrayList<>();
        for (Entity e : entities) {
            if (kept.size() == MAX_ENTITIES) {
                break;
            }
            if (e.name().length() > MAX_NAME_CHARS) {
                continue;
            }
            kept.add(e.mentions().size() <= MAX_MENTIONS ? e : new Entity(e.id(), e.name(), e.type(), e.aliases(),
                    e.salience(), List.copyOf(e.mentions().subList(0, MAX_MENTIONS))));
        }
        return kept;
    }

    /**
     * The analysis honours its time limit between its steps: {@link TimedAnalyzer} interrupts a worker whose
     * analysis runs too long; CoreNLP stops at its own checks, this project's steps here.
     */
    private static void checkTime() {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("the analysis was interrupted (its time limit passed)");
        }
    }

    /** Salience: named mentions, more for the first paragraph, plus the quotes attributed; shares of the total. */
    private static List<Entity> entities(Doc doc, EntityFinder.Result result, Map<Cluster, Integer> quotesBy) {
        Map<Cluster, Double> weight = new HashMap<>();
        double total = 0;
        for (Cluster c : result.clusters()) {
            double w = quotesBy.getOrDefault(c, 0);
            for (EntityFinder.Mention m : c.mentions) {
                int paragraph = doc.paragraphAt(m.start());
                w += paragraph == 0 ? 2.0 : paragraph == 1 ? 1.5 : 1.0;
            }
            weight.put(c, w);
            total += w;
        }
        List<Entity> entities = new ArrayList<>();
        for (Cluster c : result.clusters()) {
            List<Span> mentions = new ArrayList<>();
            for (EntityFinder.Mention m : c.mentions) {
                mentions.add(new Span(m.start(), m.end(), doc.span(m.start(), m.end())));
            }
            double salience = total == 0 ? 0 : Math.round(weight.get(c) / total * 10_000) / 10_000.0;
            entities.add(new Entity(c.id(), c.name, c.type, List.copyOf(c.surface), salience, mentions));
        }
        entities.sort(Comparator.comparingDouble(Entity::salience).reversed());
        return entities;
    }

    private static Span span(Doc doc, int fromToken, int toToken) {
        int start = doc.tokens.get(fromToken).start();
        int end = doc.tokens.get(toToken - 1).end();
        return new Span(start, end, doc.span(start, end));
    }
}
