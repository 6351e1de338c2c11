package io.quotewire.nlp.events;

import java.time.Instant;
import java.util.List;

import io.quotewire.nlp.analysis.Analysis;

/**
 * Published on {@code quotes} (key: the article id), one per analysed article revision: all of the
 * article's direct quotes with their speakers (a speaker's {@code entityId} is one of the ids in the
 * matching {@link EntitiesExtracted}).
 *
 * @param articleIngestedAt as in {@link EntitiesExtracted}
 */
public record QuotesExtracted(int schemaVersion, String analyzerVersion, String articleId, String revision,
        Instant articleIngestedAt, Instant analyzedAt, List<Analysis.Quote> quotes) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE = io.quotewire.contract.EventTypes.QUOTES_EXTRACTED;
}
