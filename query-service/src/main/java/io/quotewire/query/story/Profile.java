package io.quotewire.query.story;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What story assignment knows of one article: its {@code ArticleProfiled} event.
 *
 * @param seq       the event's position in the one-partition {@code profiles} topic (its offset): the order
 *                  every instance, and every rebuild, assigns articles in
 * @param time      when the article was published (its {@code publishedAt}, else the date its text states), else
 *                  when it was ingested
 * @param dated     whether {@code time} is stated (by the article's {@code publishedAt} or its text), not only when
 *                  it was ingested
 * @param embedding the article's lede embedding (unit length)
 * @param entities  its most salient entities (nlp-service ids) and their salience
 * @param quoteIds  the ids of its direct quotes
 * @param summary   the first sentence of its news, or null
 * @param leads     the people and organisations among {@code entities} that its lede names: what the news is about
 * @param places    the places among {@code entities}
 * @param ledePlaces the places among {@code entities} that its lede names: where the news is
 */
public record Profile(String articleId, String revision, long seq, Instant time, boolean dated, float[] embedding,
        Map<String, Double> entities, Set<String> quoteIds, String summary, Set<String> leads, Set<String> places,
        Set<String> ledePlaces) {

    /**
     * Whether an entity of this type that the lede names is one of the {@code leads}: people and organisations, not
     * places (a city sees many unrelated events).
     */
    public static boolean leadType(String type) {
        return "PERSON".equals(type) || "ORGANIZATION".equals(type);
    }

    /** A profile whose entities include no place. */
    public Profile(String articleId, String revision, long seq, Instant time, boolean dated, float[] embedding,
            Map<String, Double> entities, Set<String> quoteIds, String summary, Set<String> leads) {
        this(articleId, revision, seq, time, dated, embedding, entities, quoteIds, summary, leads, Set.of(), Set.of());
    }

    /** A profile whose lede names none of its entities, none of which is a place. */
    public Profile(String articleId, String revision, long seq, Instant time, boolean dated, float[] embedding,
            Map<String, Double> entities, Set<String> quoteIds, String summary) {
        this(articleId, revision, seq, time, dated, embedding, entities, quoteIds, summary, Set.of());
    }

    /** Whether an entity of this type is a place, as {@code places} counts them. */
    public static boolean placeType(String type) {
        return "LOCATION".equals(type);
    }

    /** The embedding's size (all-MiniLM-L6-v2); an event without one of this size is compared by entities and quotes only. */
    public static final int DIMENSIONS = 384;
}
