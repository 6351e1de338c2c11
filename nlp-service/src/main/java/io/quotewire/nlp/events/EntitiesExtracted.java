package io.quotewire.nlp.events;

import java.time.Instant;
import java.util.List;

import io.quotewire.nlp.analysis.Analysis;

/**
 * Published on {@code entities} (key: the article id), one per analysed article revision: the complete set
 * of the article's entities, so a consumer replaces the article's previous analysis with it as a whole.
 *
 * @param analyzerVersion which analysis produced it ({@code Analyzer.VERSION})
 * @param revision        the article revision analysed (consumers ignore an analysis of an older revision)
 * @param publishedAt     the analysed article's {@code publishedAt} as its articles event had it (else the date line its
 *                        text opens with), or null: a
 *                        consumer can date the entities without waiting for the article (added in v1, optional)
 * @param articleIngestedAt when the analysed revision was ingested (its articles event's {@code ingestedAt}, else
 *                        the articles record's time): of two analyses of an article, a consumer keeps the one of
 *                        the revision ingested later, whatever order they come in (added in v1, optional)
 */
public record EntitiesExtracted(int schemaVersion, String analyzerVersion, String articleId, String revision,
        String publishedAt, Instant articleIngestedAt, Instant analyzedAt, List<Analysis.Entity> entities) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE = io.quotewire.contract.EventTypes.ENTITIES_EXTRACTED;
}
