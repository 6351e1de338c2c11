package io.quotewire.query.api;

import static io.quotewire.query.Sql.count;
import static io.quotewire.query.Sql.params;
import static io.quotewire.query.Sql.rows;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quotewire.contract.http.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Stories: the articles about one event, across outlets. A story's title is its most central article's; its
 * time runs from its first article's publication to its last's.
 */
@Path("/api/stories")
@Produces(MediaType.APPLICATION_JSON)
@TimeLimited
public class StoriesResource {

    public record StoryEntity(String id, String name, String type, long articles) {
    }

    /** {@code summary}: the first sentence of the central article's news, or null. */
    public record StoryItem(String id, String title, String summary, String centralArticleId, OffsetDateTime firstAt,
            OffsetDateTime lastAt, int articleCount, List<String> outlets, List<StoryEntity> topEntities) {
    }

    public record StoryArticle(String id, String title, String source, String url, OffsetDateTime publishedAt,
            OffsetDateTime ingestedAt) {
    }

    public record Outlet(String source, List<StoryArticle> articles) {
    }

    public record SharedQuote(String id, String text, String speakerId, String speakerName, List<String> outlets,
            long occurrences) {
    }

    public record StoryDetail(String id, String title, String summary, String centralArticleId, OffsetDateTime firstAt,
            OffsetDateTime lastAt, int articleCount, List<Outlet> outlets, List<StoryEntity> entities,
            List<SharedQuote> sharedQuotes, List<StoryArticle> timeline) {
    }

    /** An article with no source is listed under this outlet. */
    static final String UNKNOWN_OUTLET = "unknown";

    private static final TypeReference<List<StoryEntity>> ENTITIES = new TypeReference<>() {
    };

    /**
     * A story's title ({@code ca}: its central article): the article's title; without one, its summary line (the
     * first sentence of its news, without the link, dateline or date line a text may open with); else its start.
     */
    private static final String TITLE_SQL = "coalesce(ca.title, st.summary, left(ca.text, 140))";

    /** A story's entities: by the articles of the story that mention them, then summed salience. */
    private static final String ENTITIES_SQL = """
            SELECT coalesce(json_agg(x)::text, '[]') FROM (
              SELECT coalesce(e.id, ae.entity_id) AS id, coalesce(e.name, min(ae.name)) AS name, min(ae.type) AS type,
                     count(DISTINCT ae.article_id) AS articles
              FROM story_article sa JOIN article_entity ae ON ae.article_id = sa.article_id
              LEFT JOIN entity e ON e.id = ae.entity_id
              WHERE sa.story_id = %s
              GROUP BY coalesce(e.id, ae.entity_id), e.name
              ORDER BY count(DISTINCT ae.article_id) DESC, sum(ae.salience) DESC, 1 LIMIT %d) x""";

    private final ObjectMapper json;

    public StoriesResource(ObjectMapper json) {
        this.json = json;
    }

    @GET
    @WithSession
    @Operation(summary = "List stories", description = "Newest activity first. entity: an entity id or name the story's "
            + "articles mention; speaker: an entity id or name quoted in them; source: an outlet with an article in it; "
            + "from/to: ISO dates the story's time overlaps (inclusive).")
    public Uni<Page<StoryItem>> list(@QueryParam("entity") String entity, @QueryParam("speaker") String speaker,
            @QueryParam("source") String source, @QueryParam("from") @IsoDate String from, @QueryParam("to") @IsoDate String to,
            @Parameter(description = "from 0") @QueryParam("page") @WholeNumber(message = "must be a whole number of 0 or more") String page,
            @QueryParam("size") @WholeNumber(min = 1, max = Params.MAX_SIZE) String size) {
        int p = Params.integer(page, 0);
        int n = Params.integer(size, 20);
        OffsetDateTime since = Params.time(from, false);
        OffsetDateTime until = Params.time(to, true);
        String entityRef = Params.blankToNull(entity);
        String speakerRef = Params.blankToNull(speaker);
        return EntityRefs.resolve(entityRef).chain(entities -> EntityRefs.sources(speakerRef).chain(speakers -> {
            List<String> filters = new ArrayList<>();
            Map<String, Object> args = new HashMap<>();
            if (entityRef != null) {
                filters.add("st.id IN (SELECT sa.story_id FROM article_entity ae JOIN story_article sa ON sa.article_id = ae.article_id"
                        + " WHERE ae.entity_id IN (:entities))");
                args.put("entities", entities.isEmpty() ? List.of("") : entities);
            }
            if (speakerRef != null) {
                filters.add("st.id IN (SELECT sa.story_id FROM quote_occurrence o JOIN story_article sa ON sa.article_id = o.article_id"
                        + " WHERE o.speaker_source_id IN (:speakers))");
                args.put("speakers", speakers.isEmpty() ? List.of("") : speakers);
            }
            if (Params.blankToNull(source) != null) {
                filters.add("st.id IN (SELECT sa.story_id FROM article a JOIN story_article sa ON sa.article_id = a.id"
                        + " WHERE lower(a.source) = lower(:source))");
                args.put("source", source.trim());
            }
            if (since != null) {
                filters.add("st.last_at >= :since");
                args.put("since", since);
            }
            if (until != null) {
                filters.add("st.first_at < :until");
                args.put("until", until);
            }
            String where = filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters);
            return Panache.getSession().chain(s -> count(s, "SELECT count(*) FROM story st" + where, args)
                    .chain(total -> {
                        Map<String, Object> pageArgs = new HashMap<>(args);
                        pageArgs.put("limit", n);
                        pageArgs.put("offset", Params.offset(p, n));
                        return rows(s, """
                                SELECT st.id, %s, st.central_article_id, st.first_at,
                                       st.last_at, st.article_count, st.summary,
                                       (SELECT string_agg(DISTINCT a.source, E'\\n') FROM story_article sa
                                        JOIN article a ON a.id = sa.article_id WHERE sa.story_id = st.id),
                                       (%s)
                                FROM story st LEFT JOIN article ca ON ca.id = st.central_article_id%s
                                ORDER BY st.last_at DESC NULLS LAST, st.id LIMIT :limit OFFSET :offset"""
                                .formatted(TITLE_SQL, ENTITIES_SQL.formatted("st.id", 5), where), pageArgs)
                                .map(rs -> {
                                    List<StoryItem> items = new ArrayList<>();
                                    for (Object[] r : rs) {
                                        items.add(new StoryItem((String) r[0], (String) r[1], (String) r[6],
                                                (String) r[2], (OffsetDateTime) r[3], (OffsetDateTime) r[4],
                                                ((Number) r[5]).intValue(), lines((String) r[7]), entities((String) r[8])));
                                    }
                                    return new Page<>(items, total, p, n);
                                });
                    }));
        }));
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "One story: its articles by outlet, its entities, the quotes more than one outlet carries, "
            + "and its timeline")
    public Uni<StoryDetail> get(@PathParam("id") String id) {
        return Panache.getSession().chain(s -> rows(s, """
                SELECT st.id, %s, st.central_article_id, st.first_at, st.last_at,
                       st.article_count, (%s), st.summary
                FROM story st LEFT JOIN article ca ON ca.id = st.central_article_id WHERE st.id = :id"""
                .formatted(TITLE_SQL, ENTITIES_SQL.formatted(":id", 20)), params("id", id))
                .chain(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().failure(ProblemException.notFound("story", id));
                    }
                    Object[] st = found.get(0);
                    return timeline(s, id).chain(timeline -> sharedQuotes(s, id).map(quotes -> {
                        Map<String, List<StoryArticle>> byOutlet = new LinkedHashMap<>();
                        timeline.forEach(a -> byOutlet.computeIfAbsent(a.source() == null ? UNKNOWN_OUTLET : a.source(),
                                k -> new ArrayList<>()).add(a));
                        List<Outlet> outlets = new ArrayList<>();
                        byOutlet.forEach((k, v) -> outlets.add(new Outlet(k, v)));
                        return new StoryDetail((String) st[0], (String) st[1], (String) st[7], (String) st[2],
                                (OffsetDateTime) st[3],
                                (OffsetDateTime) st[4], ((Number) st[5]).intValue(), outlets, entities((String) st[6]),
                                quotes, timeline);
                    }));
                }));
    }

    /** The story's articles, earliest published first (an article not projected yet is left out until it is). */
    private Uni<List<StoryArticle>> timeline(Mutiny.Session s, String id) {
        return rows(s, """
                SELECT a.id, a.title, a.source, a.url, a.published_at, a.ingested_at
                FROM story_article sa JOIN article a ON a.id = sa.article_id
                WHERE sa.story_id = :id ORDER BY coalesce(a.published_at, a.ingested_at), sa.seq LIMIT 1000""",
                params("id", id))
                .map(rs -> rs.stream().map(r -> new StoryArticle((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                        (OffsetDateTime) r[4], (OffsetDateTime) r[5])).toList());
    }

    /** The quotes of the story carried by articles of more than one outlet. */
    private Uni<List<SharedQuote>> sharedQuotes(Mutiny.Session s, String id) {
        return rows(s, """
                SELECT q.id, q.text, min(l.entity_id), min(coalesce(e.name, o.speaker_name)),
                       string_agg(DISTINCT coalesce(a.source, 'unknown'), E'\\n'), count(*)
                FROM story_article sa JOIN quote_occurrence o ON o.article_id = sa.article_id
                JOIN quote q ON q.id = o.quote_id JOIN article a ON a.id = sa.article_id
                LEFT JOIN entity_link l ON l.source_id = o.speaker_source_id LEFT JOIN entity e ON e.id = l.entity_id
                WHERE sa.story_id = :id
                GROUP BY q.id, q.text HAVING count(DISTINCT coalesce(a.source, a.id)) > 1
                ORDER BY count(*) DESC, q.id LIMIT 100""", params("id", id))
                .map(rs -> rs.stream().map(r -> new SharedQuote((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                        lines((String) r[4]), ((Number) r[5]).longValue())).toList());
    }

    private static List<String> lines(String s) {
        return s == null ? List.of() : List.of(s.split("\n"));
    }

    private List<StoryEntity> entities(String s) {
        try {
            return s == null ? List.of() : json.readValue(s, ENTITIES);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
