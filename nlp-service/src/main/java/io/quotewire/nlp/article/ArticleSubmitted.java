package io.quotewire.nlp.article;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quotewire.contract.ArticleIds;
import io.quotewire.contract.DateLines;

/**
 * What this service reads from an {@code articles} record, tolerantly: only {@code text} is required;
 * unknown fields are ignored; a missing id or revision is derived as the contract says, so a record
 * written by any Kafka client (no key, no headers) is analysed like one from ingest-service.
 *
 * @param title       the article's title, or null (it leads the text the story embedding reads)
 * @param publishedAt the article's {@code publishedAt} as written (passed on with the analysis, unchecked:
 *                    ingest-service validates it), else the {@code date YYYY-MM-DD} its text opens with, or null
 * @param ingestedAt  when this revision was ingested: the record's {@code ingestedAt}, else the record's own time
 *                    (as query-service dates the article), or null
 */
public record ArticleSubmitted(String id, String revision, String title, String publishedAt, Instant ingestedAt, String text) {

    /** A record that cannot be analysed; the reason goes to the dead-letter topic. */
    public static class Unreadable extends RuntimeException {
        public Unreadable(String reason) {
            super(reason);
        }
    }

    /** {@code recordTime}: the Kafka record's time, or null. */
    public static ArticleSubmitted read(ObjectMapper json, byte[] value, int maxChars, Instant recordTime) {
        if (value == null || value.length == 0) {
            throw new Unreadable("the record has no value (a tombstone or an empty message)");
        }
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (java.io.IOException e) {
            throw new Unreadable("the value is not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new Unreadable("the value is not a JSON object with \"text\"");
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new Unreadable("the article has no \"text\" (a non-empty string is required)");
        }
        if (text.asText().length() > maxChars) {
            throw new Unreadable("the text has " + text.asText().length() + " characters; the limit is " + maxChars
                    + " (quotewire.nlp.max-text-chars)");
        }
        String url = node.hasNonNull("url") && node.get("url").isTextual() ? node.get("url").asText() : null;
        String id = node.hasNonNull("id") && node.get("id").isTextual() ? node.get("id").asText() : null;
        if (id == null) {
            id = ArticleIds.idOf(url, text.asText());
        }
        String revision = node.hasNonNull("revision") && node.get("revision").isTextual()
                ? node.get("revision").asText() : ArticleIds.revision(text.asText());
        String title = node.hasNonNull("title") && node.get("title").isTextual() ? node.get("title").asText() : null;
        String publishedAt = node.hasNonNull("publishedAt") && node.get("publishedAt").isTextual()
                ? node.get("publishedAt").asText() : null;
        DateLines.Split dateLine = node.hasNonNull("publishedAt") ? null : DateLines.leading(text.asText());
        if (dateLine != null) {
            publishedAt = dateLine.date(); // the sample files' date line, which ingest-service would have read
        }
        // a NUL cannot be stored downstream: a space instead keeps every offset into the text (ingest-service
        // refuses NULs; another producer may write them)
        Instant ingestedAt = recordTime;
        if (node.hasNonNull("ingestedAt") && node.get("ingestedAt").isTextual()) {
            try {
                ingestedAt = java.time.OffsetDateTime.parse(node.get("ingestedAt").asText()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                // unreadable: the record's time, as query-service does
            }
        }
        return new ArticleSubmitted(id, revision, title, publishedAt, ingestedAt, text.asText().replace('\u0000', ' '));
    }
}
