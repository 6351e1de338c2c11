package io.quotewire.ingest.article;

import java.time.Instant;

import io.quotewire.contract.ArticleIds;

/**
 * The event ingest-service publishes on the {@code articles} topic (key: {@link #id}), as JSON.
 * Consumers read it tolerantly: unknown fields are ignored and only {@code text} is required.
 *
 * @param schemaVersion version of this JSON shape ({@value #SCHEMA_VERSION})
 * @param id            article id: from the canonical URL when there is one, else from the normalised text
 * @param revision      identifies this version of the text (the first 16 hex digits of {@code contentHash})
 * @param publishedAt   ISO-8601 date ({@code 2020-08-20}) or instant ({@code 2020-08-20T14:30:00Z}), or null
 * @param ingestedAt    when ingest-service accepted it
 * @param contentHash   SHA-256 (hex) of the normalised text
 */
public record ArticleSubmitted(
        int schemaVersion,
        String id,
        String revision,
        String text,
        String title,
        String url,
        String source,
        String author,
        String language,
        String publishedAt,
        Instant ingestedAt,
        String contentHash) {

    public static final int SCHEMA_VERSION = 1;
    /** CloudEvents {@code type} of this event. */
    public static final String TYPE = io.quotewire.contract.EventTypes.ARTICLE_SUBMITTED;
    /** CloudEvents {@code source} of this event. */
    public static final String SOURCE = io.quotewire.contract.EventTypes.INGEST_SOURCE;

    /** The event for an accepted article, with its identity derived as the contract says. */
    public static ArticleSubmitted of(Article article, Instant ingestedAt) {
        String hash = ArticleIds.contentHash(article.text());
        return new ArticleSubmitted(SCHEMA_VERSION, ArticleIds.articleId(article.url(), article.text()),
                hash.substring(0, 16), article.text(), article.title(), article.url(), article.source(),
                article.author(), article.language(), article.publishedAt(), ingestedAt, hash);
    }

    /** The CloudEvents id: the same article text gets the same event id, so a repeat can be recognised. */
    public String eventId() {
        return id + ":" + revision;
    }
}
