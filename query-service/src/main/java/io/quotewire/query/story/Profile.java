package io.quotewire.query.story;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What story assignment knows of one article: its {@code ArticleProfiled} event.
 *
 * @param seq       the event's position in the one-partition {@code profiles} topic (its offset): the order
 *                  every instance, and every rebuild, assigns articles in
 * @param time      when the article was published (its {@code publishedAt}, else the date its text states), else
 *                  the middle of the month its link names, else when it was ingested
 * @param dated     whether {@code time} is stated (by the article's {@code publishedAt} or its text), not only a
 *                  month or when it was ingested
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
     * The time of an article of which only the month is known (its link's {@code /2013/09/}): the middle of the month,
     * the 15th at midnight UTC, within about two weeks of any day of it. Not a stated time ({@code dated} false).
     */
    public static Instant middleOf(YearMonth month) {
        return month.atDay(15).atStartOfDay().toInstant(ZoneOffset.UTC);
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

    /**
     * An event's entities as a profile reads them, added one at a time: each one's salience (an id listed twice keeps
     * the higher), and by its type and whether the lede names it, the {@code leads}, {@code places} and
     * {@code ledePlaces}. People and organisations the lede names are what the news is about; a place is not (a city
     * sees many unrelated events), it is where the news is.
     */
    public static final class Entities {

        private final Map<String, Double> salience = new HashMap<>();
        private final Set<String> leads = new TreeSet<>();
        private final Set<String> places = new TreeSet<>();
        private final Set<String> ledePlaces = new TreeSet<>();

        public void add(String id, String type, double salience, boolean lead) {
            this.salience.merge(id, salience, Math::max);
            if (lead && ("PERSON".equals(type) || "ORGANIZATION".equals(type))) {
                leads.add(id);
            }
            if ("LOCATION".equals(type)) {
                places.add(id);
                if (lead) {
                    ledePlaces.add(id);
                }
            }
        }

        /** The profile of an article with these entities. */
        public Profile profile(String articleId, String revision, long seq, Instant time, boolean dated,
                float[] embedding, Set<String> quoteIds, String summary) {
            return new Profile(articleId, revision, seq, time, dated, embedding, salience, quoteIds, summary, leads,
                    places, ledePlaces);
        }
    }

    /** The embedding's size (all-MiniLM-L6-v2); an event without one of this size is compared by entities and quotes only. */
    public static final int DIMENSIONS = 384;
}
