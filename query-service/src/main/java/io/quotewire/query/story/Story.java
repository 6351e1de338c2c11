package io.quotewire.query.story;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A story as assignment keeps it: the sum of its articles' embeddings (the centroid's direction), its entities'
 * summed salience and which of them are places, the entities and quotes that find it (each with the position of the last article that had
 * it), and its most central article so far (the one closest to the centroid when it joined).
 */
public final class Story {

    final String id;
    final long firstSeq;
    long lastSeq;
    int articles;
    final float[] sum;
    String central;
    float[] centralEmbedding;
    /** The central article's summary line, or null. */
    String summary;
    Instant first;
    Instant last;
    /**
     * The story's days: the first and last times of the dated articles ({@link Profile#dated}) that joined it within
     * its window and span, null while it has none. A follow-up joining later does not move them.
     */
    Instant datedFirst;
    Instant datedLast;
    final Map<String, Double> entities;
    /** The places among {@code entities}. */
    final Set<String> places;
    final Map<String, Long> keys;
    /** The people and organisations its articles' ledes name ({@link Profile#leads}), with how many of the ledes do. */
    final Map<String, Integer> leads;

    Story(String id, long firstSeq, long lastSeq, int articles, float[] sum, String central, float[] centralEmbedding,
            String summary, Instant first, Instant last, Instant datedFirst, Instant datedLast, Map<String, Double> entities,
            Set<String> places, Map<String, Long> keys, Map<String, Integer> leads) {
        this.id = id;
        this.firstSeq = firstSeq;
        this.lastSeq = lastSeq;
        this.articles = articles;
        this.sum = sum;
        this.central = central;
        this.centralEmbedding = centralEmbedding;
        this.summary = summary;
        this.first = first;
        this.last = last;
        this.datedFirst = datedFirst;
        this.datedLast = datedLast;
        this.entities = entities;
        this.places = places;
        this.keys = keys;
        this.leads = leads;
    }

    /** A story of one article. Its id is derived from the article's: the same in every rebuild and on every instance. */
    static Story of(Profile p) {
        return new Story(idFor(p.articleId()), p.seq(), p.seq(), 0, new float[p.embedding().length], null, null,
                null, p.time(), p.time(), null, null, new HashMap<>(), new HashSet<>(), new HashMap<>(), new HashMap<>());
    }

    public static String idFor(String articleId) {
        return "s" + articleId;
    }

    public String id() {
        return id;
    }

    public long firstSeq() {
        return firstSeq;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public int articles() {
        return articles;
    }

    public String central() {
        return central;
    }

    public Instant first() {
        return first;
    }

    public Instant last() {
        return last;
    }
}
