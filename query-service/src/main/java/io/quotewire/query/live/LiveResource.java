package io.quotewire.query.live;

import java.util.List;
import java.util.function.Predicate;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quotewire.contract.http.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * New quotes and new articles as Server-Sent Events, as query-service projects them (from any instance), and the
 * latest quotes to start from. Filters take entity ids as the rest of the API gives them.
 */
@Path("/api/live")
public class LiveResource {

    private final Feed feed;
    private final ObjectMapper json;

    public LiveResource(Feed feed, ObjectMapper json) {
        this.feed = feed;
        this.json = json;
    }

    @GET
    @Path("/quotes")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "New quotes, live (Server-Sent Events)", description = "One event (name: quote) per quote "
            + "occurrence as it is projected: {id, kind, articleId, quoteId, text, speaker {entityId, name}, source, "
            + "title, publishedAt, at, entities}. speaker: only quotes attributed to this entity; entity: only quotes "
            + "of articles that mention it, or that it said. A client that reconnects with Last-Event-ID (the last "
            + "event's id) or after=ID gets every event after it first; without either, the stream starts now.")
    public void quotes(@QueryParam("speaker") @Parameter(description = "an entity id") String speaker,
            @QueryParam("entity") @Parameter(description = "an entity id") String entity,
            @QueryParam("after") @Parameter(description = "an event id to start after, as Last-Event-ID (which wins)") String after,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse) {
        subscribe("quote", e -> (speaker == null || speaker.isBlank() || e.speaker() != null && speaker.equals(e.speaker().entityId()))
                && (entity == null || entity.isBlank() || e.entities().contains(entity)
                        || e.speaker() != null && entity.equals(e.speaker().entityId())), resume(lastEventId, after), sink, sse);
    }

    @GET
    @Path("/articles")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "New articles, live (Server-Sent Events)", description = "One event (name: article) per "
            + "article as it is first projected: {id, kind, articleId, source, title, publishedAt, at, entities}. "
            + "source: only this outlet's; entity: only articles whose entities, as far as they are projected when the "
            + "event is served, include it. Last-Event-ID resumes as for quotes.")
    public void articles(@QueryParam("source") String source, @QueryParam("entity") @Parameter(description = "an entity id") String entity,
            @QueryParam("after") @Parameter(description = "an event id to start after, as Last-Event-ID (which wins)") String after,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse) {
        subscribe("article", e -> (source == null || source.isBlank() || source.equalsIgnoreCase(e.source()))
                && (entity == null || entity.isBlank() || e.entities().contains(entity)), resume(lastEventId, after), sink, sse);
    }

    @GET
    @Path("/quotes/latest")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The latest quotes, newest first", description = "The events the quotes stream would have "
            + "sent: the first one's id, as Last-Event-ID, continues from there.")
    public Uni<List<FeedEvent>> latestQuotes(@QueryParam("limit") @io.quotewire.query.api.WholeNumber(min = 1, max = 100) String limit) {
        return feed.latest("quote", limit == null || limit.isBlank() ? 20 : Integer.parseInt(limit.trim()));
    }

    /** Where a client resumes: its Last-Event-ID (sent by a reconnecting EventSource), else {@code after}, else null. */
    private static String resume(String lastEventId, String after) {
        return lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
    }

    private void subscribe(String kind, Predicate<FeedEvent> filter, String lastEventId, SseEventSink sink, Sse sse) {
        Uni<Position> from;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                from = Uni.createFrom().item(Position.parse(lastEventId.trim()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("Last-Event-ID (or after): " + e.getMessage());
            }
        } else {
            from = feed.head();
        }
        from.subscribe().with(p -> feed.subscribe(new Subscriber(sink, sse, json,
                filter.and(e -> e.kind().equals(kind)), p)), failure -> sink.close());
    }
}
