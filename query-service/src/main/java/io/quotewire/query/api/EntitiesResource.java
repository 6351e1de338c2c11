package io.quotewire.query.api;

import static io.quotewire.query.Sql.count;
import static io.quotewire.query.Sql.params;
import static io.quotewire.query.Sql.rows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import io.quotewire.contract.http.ProblemException;
import io.quotewire.contract.NameKeys;

/** Entities across all articles: search by name or alias, and one entity with its neighbours and quotes. */
@Path("/api/entities")
@Produces(MediaType.APPLICATION_JSON)
@TimeLimited
public class EntitiesResource {

    static final Set<String> TYPES = Set.of("PERSON", "ORGANIZATION", "LOCATION", "NORP");
    static final Map<String, String> SORTS = Map.of("articles", "x.article_count DESC, x.id",
            "mentions", "x.mention_count DESC, x.id", "name", "lower(x.name), x.id");

    public record EntityItem(String id, String name, String type, List<String> aliases, int articleCount,
            int mentionCount) {
    }

    public record Related(String id, String name, String type, long articles) {
    }

    public record SpokenQuote(String id, String text) {
    }

    public record EntityDetail(String id, String name, String type, List<String> aliases, int articleCount,
            int mentionCount, List<Related> related, List<SpokenQuote> quotes) {
    }

    public record Trending(String id, String name, String type, long articles, long mentions) {
    }

    /** The articles received lately that the trending entities are counted over, at most. */
    static final int TRENDING_ARTICLES = 2000;
    /** How long a trending answer is served again before it is counted anew: it moves slowly, and many pages ask. */
    static final long TRENDING_FRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private record TrendingAnswer(long at, List<Trending> entities) {
    }

    private final Map<String, TrendingAnswer> trending = new java.util.concurrent.ConcurrentHashMap<>();

    private final ObjectMapper json;

    public EntitiesResource(ObjectMapper json) {
        this.json = json;
    }

    @GET
    @WithSession
    @Operation(summary = "Search entities", description = "q matches names and aliases, ignoring case and accents; "
            + "type: PERSON, ORGANIZATION, LOCATION or NORP; sort: articles (default), mentions or name.")
    public Uni<Page<EntityItem>> list(@QueryParam("q") String q, @QueryParam("type") @OneOf({ "PERSON", "ORGANIZATION", "LOCATION", "NORP" }) String type,
            @QueryParam("sort") @OneOf({ "articles", "mentions", "name" }) String sort, @QueryParam("page") @WholeNumber(message = "must be a whole number of 0 or more") String page,
            @QueryParam("size") @WholeNumber(min = 1, max = Params.MAX_SIZE) String size) {
        int p = Params.integer(page, 0);
        int n = Params.integer(size, 20);
        String t = Params.oneOf(type, TYPES, null);
        String order = SORTS.get(Params.oneOf(sort, SORTS.keySet(), "articles"));
        List<String> filters = new ArrayList<>(List.of("x.article_count > 0"));
        Map<String, Object> args = new HashMap<>();
        if (t != null) {
            filters.add("x.type = :type");
            args.put("type", t);
        }
        String key = q == null ? "" : NameKeys.key(q);
        if (q != null && !q.isBlank() && key.isEmpty()) {
            // nothing to match: a query of punctuation alone (no name has a key of it)
            return Uni.createFrom().item(new Page<>(List.of(), 0, p, n));
        }
        if (!key.isEmpty()) {
            // the matching ids as one array, looked up in the primary key: a broad query (a thousand matches)
            // probes those rows instead of hashing them against a scan of every entity
            filters.add("x.id = ANY (ARRAY(SELECT a.entity_id FROM entity_alias a WHERE a.alias_key LIKE :key))");
            args.put("key", Params.contains(key));
        }
        String where = " WHERE " + String.join(" AND ", filters);
        Map<String, Object> pageArgs = new HashMap<>(args);
        pageArgs.put("limit", n);
        pageArgs.put("offset", Params.offset(p, n));
        if (!key.isEmpty()) {
            // a name search matches few entities: one trigram search gives the page and, as a window, the total
            return Panache.getSession().chain(s -> rows(s, SELECT + ", count(*) OVER () FROM entity x " + where
                    + " ORDER BY " + order + " LIMIT :limit OFFSET :offset", pageArgs)
                    .chain(rs -> (rs.isEmpty() ? count(s, "SELECT count(*) FROM entity x " + where, args)
                            : Uni.createFrom().item(((Number) rs.get(0)[6]).longValue()))
                            .map(total -> new Page<>(items(rs), total, p, n))));
        }
        // a listing by type may cover most entities: the total the projection keeps, then the page in index order
        String totalSql = t != null ? "SELECT coalesce((SELECT n FROM entity_type_total WHERE type = :type), 0)"
                : "SELECT cast(coalesce(sum(n), 0) AS bigint) FROM entity_type_total";
        return Panache.getSession().chain(s -> count(s, totalSql, args)
                .chain(total -> rows(s, SELECT + " FROM entity x " + where + " ORDER BY " + order
                        + " LIMIT :limit OFFSET :offset", pageArgs)
                        .map(rs -> new Page<>(items(rs), total, p, n))));
    }

    @GET
    @Path("/trending")
    @WithSession
    @Operation(summary = "The most mentioned entities lately",
            description = "Over the latest 2,000 articles received in the last `hours` hours (default 24): the entities "
                    + "mentioned in most of them, with the number of those articles and of mentions.")
    public Uni<List<Trending>> trending(@QueryParam("hours") @WholeNumber(min = 1, max = 720) String hours,
            @QueryParam("limit") @WholeNumber(min = 1, max = 100) String limit) {
        String key = Params.integer(hours, 24) + "/" + Params.integer(limit, 10);
        TrendingAnswer cached = trending.get(key);
        if (cached != null && System.nanoTime() - cached.at() < TRENDING_FRESH_NANOS) {
            return Uni.createFrom().item(cached.entities());
        }
        // each recent article's entities through its own index range (a nested loop), never a scan of article_entity
        return Panache.getSession().chain(s -> rows(s, """
                SELECT e.id, e.name, e.type, t.articles, t.mentions FROM (
                    SELECT ae.entity_id, count(DISTINCT a.id) AS articles, sum(ae.mention_count) AS mentions
                    FROM (SELECT a.id FROM article a WHERE a.ingested_at >= now() - make_interval(hours => :hours)
                          ORDER BY a.ingested_at DESC LIMIT :window) a
                    CROSS JOIN LATERAL (SELECT x.entity_id, x.mention_count FROM article_entity x
                                        WHERE x.article_id = a.id) ae
                    GROUP BY ae.entity_id ORDER BY 2 DESC, 3 DESC, ae.entity_id COLLATE "C" LIMIT :limit) t
                JOIN entity e ON e.id = t.entity_id ORDER BY t.articles DESC, t.mentions DESC, e.id COLLATE "C\"""",
                params("hours", Params.integer(hours, 24), "window", TRENDING_ARTICLES, "limit", Params.integer(limit, 10))))
                .map(rs -> rs.stream().map(r -> new Trending((String) r[0], (String) r[1], (String) r[2],
                        ((Number) r[3]).longValue(), ((Number) r[4]).longValue())).toList())
                .invoke(list -> trending.put(key, new TrendingAnswer(System.nanoTime(), list)));
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "One entity, the entities most often mentioned with it, and its quotes",
            description = "related: the 20 entities most often mentioned with it in its latest 500 articles (by publication), "
                    + "with the number of those articles they share; quotes: up to 100 quotes attributed to it.")
    public Uni<EntityDetail> get(@PathParam("id") String id) {
        // the entity (an id it was merged from leads to it) with its aliases in one query, then its neighbours and quotes
        return Panache.getSession().chain(s -> rows(s, SELECT + " FROM entity x WHERE x.id = (" + EntityRefs.CANONICAL
                + ")", params("id", id)).map(this::items)
                .onItem().transform(items -> items.isEmpty() ? null : items.get(0))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("entity", id))
                .chain(e -> rows(s, "SELECT o.id, o.name, o.type, c.n FROM (" + EntityRefs.CO_MENTIONED
                        + ") c JOIN entity o ON o.id = c.entity_id ORDER BY c.n DESC, o.id COLLATE \"C\"",
                        params("id", e.id(), "limit", 20))
                        .chain(related -> rows(s, "SELECT q.id, q.text FROM quote q JOIN ("
                                + QuotesResource.speakerPage("l.entity_id = :id") + ") x ON x.quote_id = q.id ORDER BY q.id",
                                params("id", e.id(), "first", 100, "limit", 100, "offset", 0))
                                .map(quotes -> detail(e, related, quotes)))));
    }

    private static EntityDetail detail(EntityItem e, List<Object[]> related, List<Object[]> quotes) {
        List<Related> rel = new ArrayList<>();
        for (Object[] r : related) {
            rel.add(new Related((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue()));
        }
        List<SpokenQuote> qs = new ArrayList<>();
        for (Object[] r : quotes) {
            qs.add(new SpokenQuote((String) r[0], (String) r[1]));
        }
        return new EntityDetail(e.id(), e.name(), e.type(), e.aliases(), e.articleCount(), e.mentionCount(), rel, qs);
    }

    /** Entities with their aliases, each alias its own string in a JSON array (the aliases come in one round trip). */
    private static final String SELECT = "SELECT x.id, x.name, x.type, x.article_count, x.mention_count, "
            + "(SELECT json_agg(a.alias ORDER BY a.alias) FROM entity_alias a WHERE a.entity_id = x.id)::text";

    /** Rows of {@link #SELECT} as items: an entity's aliases are its names other than the one it goes by. */
    private List<EntityItem> items(List<Object[]> rs) {
        List<EntityItem> items = new ArrayList<>();
        for (Object[] r : rs) {
            List<String> aliases = new ArrayList<>();
            if (r[5] != null) {
                try {
                    json.readTree((String) r[5]).forEach(a -> aliases.add(a.asText()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            aliases.remove((String) r[1]);
            items.add(new EntityItem((String) r[0], (String) r[1], (String) r[2], aliases, ((Number) r[3]).intValue(),
                    ((Number) r[4]).intValue()));
        }
        return items;
    }
}
