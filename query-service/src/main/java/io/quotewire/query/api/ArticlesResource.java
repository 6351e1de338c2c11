package io.quotewire.query.api;

import static io.quotewire.query.Sql.count;
import static io.quotewire.query.Sql.params;
import static io.quotewire.query.Sql.rows;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quotewire.contract.http.ProblemException;
import io.quotewire.query.Sql;
import io.quotewire.query.projection.ArticleRow;
import io.smallrye.mutiny.Uni;

/** Articles: full-text search with filters, and one article with its entities and quotes. */
@Path("/api/articles")
@Produces(MediaType.APPLICATION_JSON)
@TimeLimited
public class ArticlesResource {

    /** @param storyId the story the article belongs to (null until assigned) */
    public record ArticleItem(String id, String title, String url, String source, String author,
            OffsetDateTime publishedAt, OffsetDateTime ingestedAt, String storyId) {
    }

    public record ArticleEntity(String id, String name, String type, double salience, JsonNode mentions) {
    }

    public record ArticleQuote(String id, String text, int start, int end, Speaker speaker, JsonNode cue) {
    }

    public record Speaker(String entityId, String name, JsonNode mention) {
    }

    public record ArticleDetail(String id, String revision, String title, String url, String source, String author,
            String language, OffsetDateTime publishedAt, OffsetDateTime ingestedAt, String storyId, String text,
            List<ArticleEntity> entities, List<ArticleQuote> quotes) {
    }

    private final ObjectMapper json;

    public ArticlesResource(ObjectMapper json) {
        this.json = json;
    }

    @GET
    @WithSession
    @Operation(summary = "Search articles", description = "Newest first. q: full-text search of title and text; "
            + "entity: an entity id or name; source; from/to: ISO dates of publication (inclusive).")
    public Uni<Page<ArticleItem>> list(@QueryParam("q") String q, @QueryParam("entity") String entity,
            @QueryParam("source") String source, @QueryParam("from") @IsoDate String from, @QueryParam("to") @IsoDate String to,
            @Parameter(description = "from 0") @QueryParam("page") @WholeNumber(message = "must be a whole number of 0 or more") String page,
            @QueryParam("size") @WholeNumber(min = 1, max = Params.MAX_SIZE) String size) {
        int p = Params.integer(page, 0);
        int n = Params.integer(size, 20);
        OffsetDateTime since = Params.time(from, false);
        OffsetDateTime until = Params.time(to, true);
        // only the filters given, so that each can use its index
        List<String> filters = new ArrayList<>();
        Map<String, Object> args = new java.util.HashMap<>();
        if (Params.blankToNull(q) != null) {
            filters.add("a.search @@ websearch_to_tsquery('english', :q)");
            args.put("q", q.trim());
        }
        if (Params.blankToNull(source) != null) {
            filters.add("lower(a.source) = lower(:source)");
            args.put("source", source.trim());
        }
        if (since != null) {
            filters.add("a.published_at >= :since");
            args.put("since", since);
        }
        if (until != null) {
            filters.add("a.published_at < :until");
            args.put("until", until);
        }
        String entityRef = Params.blankToNull(entity);
        return EntityRefs.resolve(entityRef).chain(ids -> {
            if (entityRef != null) {
                filters.add("a.id IN (SELECT ae.article_id FROM article_entity ae WHERE ae.entity_id IN (:entities))");
                args.put("entities", ids.isEmpty() ? List.of("") : ids);
            }
            String where = filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters);
            // unfiltered, the total is the projection's running count rather than a count of the whole table
            String totalSql = filters.isEmpty() ? "SELECT n FROM article_total" : "SELECT count(*) FROM article a " + where;
            return Panache.getSession().chain(s -> count(s, totalSql, args)
                    .chain(total -> {
                        Map<String, Object> pageArgs = new java.util.HashMap<>(args);
                        pageArgs.put("limit", n);
                        pageArgs.put("offset", Params.offset(p, n));
                        return rows(s, "SELECT a.id, a.title, a.url, a.source, a.author, a.published_at, a.ingested_at,"
                                + " (SELECT sa.story_id FROM story_article sa WHERE sa.article_id = a.id)"
                                + " FROM article a " + where
                                + " ORDER BY a.published_at DESC NULLS LAST, a.id LIMIT :limit OFFSET :offset", pageArgs)
                                .map(rs -> {
                                    List<ArticleItem> items = new ArrayList<>();
                                    for (Object[] r : rs) {
                                        items.add(new ArticleItem((String) r[0], (String) r[1], (String) r[2],
                                                (String) r[3], (String) r[4], (OffsetDateTime) r[5], (OffsetDateTime) r[6], (String) r[7]));
                                    }
                                    return new Page<>(items, total, p, n);
                                });
                    }));
        });
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "One article: metadata, its story, text, its entities with mentions, its quotes with speakers")
    public Uni<ArticleDetail> get(@PathParam("id") String id) {
        return ArticleRow.<ArticleRow>findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("article", id))
                .chain(a -> Panache.getSession().chain(s -> rows(s, """
                        SELECT coalesce(e.id, ae.entity_id), coalesce(e.name, ae.name), ae.type, ae.salience, ae.mentions::text
                        FROM article_entity ae LEFT JOIN entity e ON e.id = ae.entity_id
                        WHERE ae.article_id = :id ORDER BY ae.salience DESC, ae.name""", params("id", id))
                        .chain(es -> rows(s, """
                                SELECT o.quote_id, q.text, o.start_offset, o.end_offset, l.entity_id,
                                       coalesce(e.name, o.speaker_name), o.speaker_mention::text, o.cue::text
                                FROM quote_occurrence o JOIN quote q ON q.id = o.quote_id
                                LEFT JOIN entity_link l ON l.source_id = o.speaker_source_id
                                LEFT JOIN entity e ON e.id = l.entity_id
                                WHERE o.article_id = :id ORDER BY o.start_offset""", params("id", id))
                                .chain(qs -> Sql.strings(s, "SELECT story_id FROM story_article WHERE article_id = :id", params("id", id))
                                        .map(story -> detail(a, story.isEmpty() ? null : story.get(0), es, qs))))));
    }

    private ArticleDetail detail(ArticleRow a, String storyId, List<Object[]> es, List<Object[]> qs) {
        List<ArticleEntity> entities = new ArrayList<>();
        for (Object[] r : es) {
            entities.add(new ArticleEntity((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).doubleValue(),
                    tree((String) r[4])));
        }
        List<ArticleQuote> quotes = new ArrayList<>();
        for (Object[] r : qs) {
            JsonNode mention = tree((String) r[6]);
            Speaker speaker = r[4] == null && r[5] == null && mention == null ? null
                    : new Speaker((String) r[4], (String) r[5], mention);
            quotes.add(new ArticleQuote((String) r[0], (String) r[1], ((Number) r[2]).intValue(),
                    ((Number) r[3]).intValue(), speaker, tree((String) r[7])));
        }
        return new ArticleDetail(a.id, a.revision, a.title, a.url, a.source, a.author, a.language, a.publishedAt,
                a.ingestedAt, storyId, a.text, entities, quotes);
    }

    private JsonNode tree(String s) {
        if (s == null) {
            return null;
        }
        try {
            return json.readTree(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
