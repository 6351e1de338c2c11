package io.quotewire.query.story;

/**
 * How an article is matched to a story. The score of a candidate story is the cosine between the article's
 * embedding and the story's centroid, plus {@code entityWeight} times the cosine of their entity saliences,
 * plus {@code quoteWeight} when they share a quote; the article joins the best story scoring at least
 * {@code threshold}, else it starts a story. The weights and the threshold are chosen by cross-validation over
 * ECB+ topics ({@code benchmarks/nlp/stories.sh}); changing any of them changes which stories a rebuild makes.
 *
 * @param recent     candidates: the stories most recently joined
 * @param perKey     candidates: for each of the article's entities and quotes, the stories that last had it
 * @param capacity   stories kept in the index; the one least recently joined leaves it (and is never joined again)
 * @param keys       the article's most salient entities that find candidates (the entity score counts all 20 the
 *                   profile lists)
 * @param windowDays a story is a candidate while the article's time is within this many days of its articles'
 */
public record StoryRules(double entityWeight, double quoteWeight, double threshold, int recent, int perKey,
        int capacity, int keys, int windowDays) {

    /**
     * The rules query-service assigns with. No quote weight: a shared quote finds a candidate, but adding it to the
     * score lowered cross-validated BCubed F1 (0.862 against 0.872).
     */
    public static final StoryRules DEFAULT = new StoryRules(0.5, 0, 0.65, 300, 20, 5000, 8, 7);

    public StoryRules with(double entityWeight, double quoteWeight, double threshold) {
        return new StoryRules(entityWeight, quoteWeight, threshold, recent, perKey, capacity, keys, windowDays);
    }
}
