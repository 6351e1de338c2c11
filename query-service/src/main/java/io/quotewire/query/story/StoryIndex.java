package io.quotewire.query.story;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stories an article can join, and the assignment itself: single-pass clustering over the one order of
 * the {@code profiles} topic. What an article is compared with depends only on the articles before it in that
 * order (the most recently joined stories, and the stories that last had one of its entities or quotes, among
 * the {@code capacity} most recently joined), so every instance and every rebuild makes the same stories, and
 * the cost of an article does not grow with the number of stories. Plain Java: query-service keeps one per
 * instance (loaded from the read model), the story benchmark runs one over a data set.
 */
public final class StoryIndex {

    /** Where an article went. {@code score}: its score against the story it joined (NaN when it started one). */
    public record Assignment(String articleId, String storyId, long seq, double score, boolean started) {
    }

    private record Posting(String storyId, long seq) {
    }

    private static final Comparator<Story> RECENT_FIRST = Comparator.comparingLong((Story s) -> s.lastSeq).reversed()
            .thenComparing(s -> s.id);
    private static final Comparator<Posting> POSTING_RECENT_FIRST = Comparator.comparingLong(Posting::seq).reversed()
            .thenComparing(Posting::storyId);

    private final StoryRules rules;
    private final Map<String, Story> stories = new HashMap<>();
    private final TreeSet<Story> recency = new TreeSet<>(RECENT_FIRST);
    private final Map<String, TreeSet<Posting>> postings = new HashMap<>();
    private final Set<Story> touched = new LinkedHashSet<>();
    private long appliedSeq = -1;

    public StoryIndex(StoryRules rules) {
        this.rules = rules;
    }

    /** An index holding these stories (the read model's most recently joined ones). */
    public static StoryIndex of(StoryRules rules, Collection<Story> loaded, long appliedSeq) {
        StoryIndex index = new StoryIndex(rules);
        loaded.forEach(index::put);
        index.appliedSeq = appliedSeq;
        return index;
    }

    /** The position of the last profile applied to this index, -1 if none. */
    public long appliedSeq() {
        return appliedSeq;
    }

    /** The stories changed or started since the last call, and forgets them. */
    public List<Story> drainTouched() {
        List<Story> out = new ArrayList<>(touched);
        touched.clear();
        return out;
    }

    /** Marks the index as having applied the profiles up to {@code seq} (skipped ones included). */
    public void appliedThrough(long seq) {
        appliedSeq = Math.max(appliedSeq, seq);
    }

    public int size() {
        return stories.size();
    }

    /** Puts the article in its story: the best candidate scoring at least the threshold, else a new one. */
    public Assignment assign(Profile p) {
        appliedSeq = Math.max(appliedSeq, p.seq());
        List<String> keys = keys(p);
        Story best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Story s : candidates(p, keys)) {
            double cost = timeCost(p, s);
            if (cost == Double.POSITIVE_INFINITY) {
                continue; // two stated times more than the window apart: different events
            }
            double score = score(p, s, cost);
            if (score > bestScore || score == bestScore && best != null && s.firstSeq < best.firstSeq) {
                best = s;
                bestScore = score;
            }
        }
        if (rules.datedFallback() > 0 && p.dated() && (best == null || bestScore < rules.threshold())) {
            // no story is close enough by what the articles say: a dated story whose days take the article, and
            // whose people or organisations its lede names, is, at a lower bar (two reports of one day's event in
            // other words). Not the days alone: a live feed's articles are all of the same days
            for (Story s : candidates(p, keys)) {
                if (s.datedFirst != null && timeCost(p, s) == 0 && follows(p, s)) {
                    double score = score(p, s, 0) + rules.datedFallback();
                    if (score >= rules.threshold() && (best == null || score > bestScore
                            || score == bestScore && s.firstSeq < best.firstSeq)) {
                        best = s;
                        bestScore = score;
                    }
                }
            }
        }
        boolean started = best == null || bestScore < rules.threshold();
        Story story = started ? Story.of(p) : best;
        join(story, p, keys);
        return new Assignment(p.articleId(), story.id, p.seq(), started ? Double.NaN : bestScore, started);
    }

    /** What finds an article's candidates: its most salient entities (by salience, then id), then its quotes. */
    private List<String> keys(Profile p) {
        List<String> keys = new ArrayList<>(top(p.entities(), rules.keys(), Map.Entry.<String, Double>comparingByValue().reversed())
                .keySet());
        p.quoteIds().stream().sorted().forEach(q -> keys.add("q:" + q));
        return keys;
    }

    private Collection<Story> candidates(Profile p, List<String> keys) {
        Map<String, Story> found = new LinkedHashMap<>();
        int n = 0;
        for (Story s : recency) {
            if (n++ >= rules.recent()) {
                break;
            }
            found.put(s.id, s);
        }
        for (String key : keys) {
            TreeSet<Posting> list = postings.get(key);
            if (list == null) {
                continue;
            }
            int k = 0;
            for (Posting posting : list) {
                if (k++ >= rules.perKey()) {
                    break;
                }
                found.putIfAbsent(posting.storyId(), stories.get(posting.storyId()));
            }
        }
        return found.values();
    }

    /**
     * What time says against the article joining the story: nothing within the window. Outside it, or beyond the
     * span, an article and a story whose times are both stated are different events (no candidate), unless the
     * article follows the story up: its lede names a person or organisation the story is about (a trial months
     * after the crime), at the rules' follow-up penalty. Both are counted from the story's days, which a
     * follow-up does not move ({@link Story#datedFirst}). When either time is not stated (when an article was
     * ingested: an archive loaded today, a feed without dates; or the month its link names), the rules' time
     * penalty, and their stranger penalty on top unless the article's lede names one of the story's people or
     * organisations.
     */
    double timeCost(Profile p, Story s) {
        if (p.dated() && s.datedFirst != null) {
            if (inTime(p, s)) {
                return 0;
            }
            return follows(p, s) ? rules.followUpPenalty() : Double.POSITIVE_INFINITY;
        }
        if (!outside(p.time(), s.first, s.last)) {
            return 0;
        }
        return rules.timePenalty() + (follows(p, s) ? 0 : rules.strangerPenalty());
    }

    /**
     * Whether the article's lede names one of the story's entities: the same people or organisations in the news
     * again, not a like event of others (a meeting of other ministers, another club's match).
     */
    private static boolean follows(Profile p, Story s) {
        for (String lead : p.leads()) {
            if (s.entities.containsKey(lead)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a dated article falls within the window of the story's dates and keeps them within the span. */
    private boolean inTime(Profile p, Story s) {
        return !outside(p.time(), s.datedFirst, s.datedLast) && !stretches(p.time(), s);
    }

    /** Whether a dated article at {@code t} would make the story's dated articles more than the rules' span apart. */
    private boolean stretches(Instant t, Story s) {
        Instant first = t.isBefore(s.datedFirst) ? t : s.datedFirst;
        Instant last = t.isAfter(s.datedLast) ? t : s.datedLast;
        return Duration.between(first, last).compareTo(Duration.ofDays(rules.spanDays())) > 0;
    }

    private boolean outside(Instant t, Instant first, Instant last) {
        Duration window = Duration.ofDays(rules.windowDays());
        return t != null && first != null && (t.isBefore(first.minus(window)) || t.isAfter(last.plus(window)));
    }

    /**
     * What places say against the article joining the story: the rules' place penalty when its lede names places and
     * the story names places, none of them (a like event somewhere else: another earthquake, another shooting), unless
     * time vouches for it (a dated article within the story's days pays none). {@code timeCost}: its {@link #timeCost}.
     */
    private double placeCost(Profile p, Story s, double timeCost) {
        if (rules.placePenalty() == 0 || p.ledePlaces().isEmpty() || s.places.isEmpty() || p.dated() && timeCost == 0) {
            return 0;
        }
        return Collections.disjoint(p.ledePlaces(), s.places) ? rules.placePenalty() : 0;
    }

    /**
     * What a rival says against the article joining the story: the rules' rival penalty when its lede names a person
     * or organisation the story does not hold, and it names none of one that the ledes of half the story's articles
     * (two at least) name: the same kind of event with someone else in it (the champion's other opponent), unless
     * time vouches for it (a dated article within the story's days pays none). {@code timeCost}: its {@link #timeCost}.
     */
    private double rivalCost(Profile p, Story s, double timeCost) {
        if (rules.rivalPenalty() == 0 || p.dated() && timeCost == 0
                || p.leads().stream().allMatch(s.entities::containsKey)) {
            return 0;
        }
        double needed = Math.max(2, s.articles / 2.0);
        for (var lead : s.leads.entrySet()) {
            if (lead.getValue() >= needed && !p.entities().containsKey(lead.getKey())) {
                return rules.rivalPenalty();
            }
        }
        return 0;
    }

    /** The story's score for the article, {@code timeCost} its {@link #timeCost} (finite). */
    private double score(Profile p, Story s, double timeCost) {
        Map<String, Double> entities = p.entities();
        double score = cosine(p.embedding(), s.sum) - timeCost - placeCost(p, s, timeCost) - rivalCost(p, s, timeCost);
        if (rules.entityWeight() != 0 && !entities.isEmpty() && !s.entities.isEmpty()) {
            double dot = 0, a = 0, b = 0;
            for (var e : entities.entrySet()) {
                a += e.getValue() * e.getValue();
                Double w = s.entities.get(e.getKey());
                if (w != null) {
                    dot += e.getValue() * w;
                }
            }
            for (double w : s.entities.values()) {
                b += w * w;
            }
            score += rules.entityWeight() * (dot == 0 ? 0 : dot / Math.sqrt(a * b));
        }
        if (rules.quoteWeight() != 0) {
            for (String q : p.quoteIds()) {
                if (s.keys.containsKey("q:" + q)) {
                    score += rules.quoteWeight();
                    break;
                }
            }
        }
        return score;
    }

    private void join(Story s, Profile p, List<String> keys) {
        remove(s);
        for (int i = 0; i < s.sum.length; i++) {
            s.sum[i] += p.embedding()[i];
        }
        s.articles++;
        s.lastSeq = Math.max(s.lastSeq, p.seq());
        if (p.time() != null) {
            s.first = s.first == null || p.time().isBefore(s.first) ? p.time() : s.first;
            s.last = s.last == null || p.time().isAfter(s.last) ? p.time() : s.last;
            // a follow-up does not move the story's dates: the articles of its days still join it as they did,
            // and the reports of the follow-up's days need a lede that names the story's people as it did
            if (p.dated() && (s.datedFirst == null || inTime(p, s))) {
                s.datedFirst = s.datedFirst == null || p.time().isBefore(s.datedFirst) ? p.time() : s.datedFirst;
                s.datedLast = s.datedLast == null || p.time().isAfter(s.datedLast) ? p.time() : s.datedLast;
            }
        }
        p.entities().forEach((id, salience) -> s.entities.merge(id, salience, Double::sum));
        for (String key : keys) {
            s.keys.put(key, p.seq());
        }
        s.places.addAll(p.places());
        p.leads().forEach(lead -> s.leads.merge(lead, 1, Integer::sum));
        // bounded, so a story's state costs the same to keep at 10 articles or 10,000
        keepTop(s.entities, MAX_STORY_ENTITIES, Map.Entry.<String, Double>comparingByValue().reversed());
        keepTop(s.leads, MAX_STORY_LEADS, Map.Entry.<String, Integer>comparingByValue().reversed());
        s.places.retainAll(s.entities.keySet()); // the places among the entities kept
        keepTop(s.keys, MAX_STORY_KEYS, Map.Entry.<String, Long>comparingByValue().reversed());
        // the central article: the one closest to the centroid as it joined (ties: the earlier)
        if (s.central == null || cosine(p.embedding(), s.sum) > cosine(s.centralEmbedding, s.sum)) {
            s.central = p.articleId();
            s.centralEmbedding = p.embedding().clone();
            s.summary = p.summary();
        }
        put(s);
        touched.add(s);
        while (stories.size() > rules.capacity()) {
            remove(recency.last()); // still saved if touched: the read model keeps every story
        }
    }

    private void put(Story s) {
        stories.put(s.id, s);
        recency.add(s);
        s.keys.forEach((key, seq) -> postings.computeIfAbsent(key, k -> new TreeSet<>(POSTING_RECENT_FIRST))
                .add(new Posting(s.id, seq)));
    }

    private void remove(Story s) {
        if (stories.remove(s.id) == null) {
            return;
        }
        recency.remove(s);
        s.keys.forEach((key, seq) -> {
            TreeSet<Posting> list = postings.get(key);
            if (list != null) {
                list.remove(new Posting(s.id, seq));
                if (list.isEmpty()) {
                    postings.remove(key);
                }
            }
        });
    }

    /**
     * The most a story keeps: its most salient entities, the entities and quotes of its latest articles, and the
     * people and organisations its ledes name most often.
     */
    static final int MAX_STORY_ENTITIES = 100;
    static final int MAX_STORY_KEYS = 200;
    static final int MAX_STORY_LEADS = 50;

    /** The {@code n} first entries of {@code map} in {@code order} (ties: by key), in that order. */
    private static <V> Map<String, V> top(Map<String, V> map, int n, Comparator<Map.Entry<String, V>> order) {
        Map<String, V> top = new LinkedHashMap<>();
        map.entrySet().stream().sorted(order.thenComparing(Map.Entry.comparingByKey())).limit(n)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    /** Keeps the {@code n} first entries in {@code order} (ties: by key). */
    private static <V> void keepTop(Map<String, V> map, int n, Comparator<Map.Entry<String, V>> order) {
        if (map.size() > n) {
            Map<String, V> kept = top(map, n, order);
            map.clear();
            map.putAll(kept);
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
