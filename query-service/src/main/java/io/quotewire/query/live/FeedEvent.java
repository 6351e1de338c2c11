package io.quotewire.query.live;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One event of the live feed: a quote occurrence or an article, as the read model had it when it was served.
 *
 * @param id        the position in the feed ({@code tx.seq}); a client that reconnects sends the last one it saw
 *                  as {@code Last-Event-ID}
 * @param kind      {@code quote} or {@code article}
 * @param quoteId   for a quote: its id; {@code text} its words; {@code speaker} who said it in this article (null:
 *                  not attributed)
 * @param entities  the entities of the article, as far as they are projected
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedEvent(String id, String kind, String articleId, String quoteId, String text, Speaker speaker,
        String source, String title, OffsetDateTime publishedAt, OffsetDateTime at, List<String> entities) {

    public record Speaker(String entityId, String name) {
    }

    /** The position as a comparable pair. */
    @JsonIgnore
    Position position() {
        return Position.parse(id);
    }
}
