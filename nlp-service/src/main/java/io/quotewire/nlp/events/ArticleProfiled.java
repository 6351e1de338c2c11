package io.quotewire.nlp.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.quotewire.nlp.analysis.Analysis;

/**
 * Published on {@code profiles} (key: the article id; one partition), one per analysed article revision: what
 * story assignment needs of the article. Its place in that one partition is the order stories are made in.
 *
 * @param embeddingModel which model and input made the embedding ({@code Embedder.MODEL})
 * @param dateline       the publication date the text states at its top ({@code Dateline}), or null
 * @param datelineMonth  without that, the month the article's link names ({@code /2013/09/...}), or null: stories
 *                       place the article within that month
 * @param summary        the first sentence of its news ({@code Lede}), the story's summary line while it is the
 *                       story's central article; or null
 * @param embedding      the lede's embedding (unit length), or null when it could not be computed
 * @param entities       the most salient entities, most salient first; {@code lead}: the lede names it
 * @param quoteIds       the ids of the article's direct quotes
 */
public record ArticleProfiled(int schemaVersion, String analyzerVersion, String embeddingModel, String articleId,
        String revision, String publishedAt, LocalDate dateline, YearMonth datelineMonth, String summary, Instant articleIngestedAt, Instant analyzedAt, float[] embedding,
        List<Entity> entities, List<String> quoteIds) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE = io.quotewire.contract.EventTypes.ARTICLE_PROFILED;
    /** The most entities a profile lists. */
    public static final int MAX_ENTITIES = 20;

    public record Entity(String id, String type, double salience, boolean lead) {
    }

    /** The entities a profile lists: the {@link #MAX_ENTITIES} most salient of an analysis (ties: by id). */
    public static List<Analysis.Entity> mostSalient(Analysis analysis) {
        return analysis.entities().stream()
                .sorted(Comparator.comparingDouble(Analysis.Entity::salience).reversed().thenComparing(Analysis.Entity::id))
                .limit(MAX_ENTITIES).toList();
    }

    /** The {@link #mostSalient} entities as the event lists them, {@code leads} the ids of those the lede names. */
    public static List<Entity> entities(Analysis analysis, Set<String> leads) {
        return mostSalient(analysis).stream()
                .map(e -> new Entity(e.id(), e.type(), e.salience(), leads.contains(e.id()))).toList();
    }

    /** Its distinct quote ids, in text order. */
    public static List<String> quoteIds(Analysis analysis) {
        return analysis.quotes().stream().map(Analysis.Quote::id).distinct().toList();
    }
}
