package io.quotewire.query.api;

import static io.quotewire.query.Sql.params;
import static io.quotewire.query.Sql.rows;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quotewire.contract.http.ProblemException;
import io.smallrye.mutiny.Uni;

/** The co-mention network around an entity, and an entity's mentions and quotes over time. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@TimeLimited
public class GraphResource {

    public record Node(String id, String name, String type, int articleCount) {
    }

    public record Edge(String source, String target, long weight) {
    }

    public record Graph(String center, List<Node> nodes, List<Edge> edges) {
    }

    public record Bucket(OffsetDateTime start, long articles, long mentions, long quotes) {
    }

    public record Timeline(String entity, String interval, List<Bucket> buckets) {
    }

    @GET
    @Path("/graph")
    @WithSession
    @Operation(summary = "Co-mention network around an entity",
            description = "entity: an entity id or name (of the entities a name names, the one in most articles; center "
                    + "says which). Over the entity's latest 500 articles (by publication): nodes are the entity and the (limit) "
                    + "entities sharing most of those articles with it; edges count the articles two nodes share among them.")
    public Uni<Graph> graph(@QueryParam("entity") String entity, @QueryParam("limit") @WholeNumber(min = 1, max = 200) String limit) {
        String ref = require(entity);
        int n = Params.integer(limit, 20);
        return EntityRefs.one(ref).onItem().ifNull().failWith(() -> ProblemException.notFound("entity", ref))
                .chain(center -> Panache.getSession().chain(s -> rows(s, EntityRefs.CO_MENTIONED, params("id", center, "limit", n)).chain(neighbours -> {
                            List<String> ids = new ArrayList<>();
                            ids.add(center);
                            List<Edge> edges = new ArrayList<>();
                            for (Object[] r : neighbours) {
                                ids.add((String) r[0]);
                                edges.add(new Edge(center, (String) r[0], ((Number) r[1]).longValue()));
                            }
                            // the neighbours' (article, entity) pairs in the window, each once, then paired by
                            // article and counted by hashing (counting distinct articles per pair sorted 60,000 rows
                            // on disk for an entity in every article)
                            return rows(s, "WITH w AS MATERIALIZED (SELECT DISTINCT article_id, entity_id FROM article_entity"
                                    + " WHERE article_id = ANY (" + EntityRefs.RECENT + ") AND entity_id IN (:ids) AND entity_id <> :id)"
                                    + " SELECT a.entity_id, b.entity_id, count(*) FROM w a"
                                    + " JOIN w b ON b.article_id = a.article_id AND a.entity_id < b.entity_id"
                                    + " GROUP BY a.entity_id, b.entity_id ORDER BY a.entity_id, b.entity_id",
                                    params("ids", ids, "id", center))
                                    .chain(between -> {
                                        for (Object[] r : between) {
                                            edges.add(new Edge((String) r[0], (String) r[1], ((Number) r[2]).longValue()));
                                        }
                                        return rows(s, "SELECT id, name, type, article_count FROM entity WHERE id IN (:ids)",
                                                params("ids", ids));
                                    })
                                    .map(nodes -> {
                                        List<Node> list = new ArrayList<>();
                                        for (Object[] r : nodes) {
                                            list.add(new Node((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue()));
                                        }
                                        list.sort((x, y) -> x.id().equals(center) ? -1 : y.id().equals(center) ? 1
                                                : Integer.compare(ids.indexOf(x.id()), ids.indexOf(y.id())));
                                        return new Graph(center, list, edges);
                                    });
                        })));
    }

    @GET
    @Path("/timeline")
    @WithSession
    @Operation(summary = "An entity's articles, mentions and quotes per day, week or month of publication",
            description = "entity: an entity id or name (of the entities a name names, the one in most articles; entity "
                    + "in the answer says which).")
    public Uni<Timeline> timeline(@QueryParam("entity") String entity, @QueryParam("interval") @OneOf({ "day", "week", "month" }) String interval) {
        String ref = require(entity);
        String unit = Params.oneOf(interval, List.of("day", "week", "month"), "day");
        return EntityRefs.one(ref).onItem().ifNull().failWith(() -> ProblemException.notFound("entity", ref))
                .chain(id -> Panache.getSession().chain(s -> rows(s, """
                        WITH m AS (
                          SELECT date_trunc(:unit, a.published_at, 'UTC') AS b, count(DISTINCT a.id) AS articles,
                                 sum(ae.mention_count) AS mentions
                          FROM article_entity ae JOIN article a ON a.id = ae.article_id
                          WHERE ae.entity_id = :id AND a.published_at IS NOT NULL GROUP BY 1),
                        q AS (
                          SELECT date_trunc(:unit, a.published_at, 'UTC') AS b, count(*) AS quotes
                          FROM quote_occurrence o JOIN entity_link l ON l.source_id = o.speaker_source_id
                          JOIN article a ON a.id = o.article_id
                          WHERE l.entity_id = :id AND a.published_at IS NOT NULL GROUP BY 1)
                        SELECT coalesce(m.b, q.b) AS b, coalesce(m.articles, 0), coalesce(m.mentions, 0), coalesce(q.quotes, 0)
                        FROM m FULL JOIN q ON q.b = m.b ORDER BY 1""", params("unit", unit, "id", id))
                        .map(rs -> {
                            List<Bucket> buckets = new ArrayList<>();
                            for (Object[] r : rs) {
                                buckets.add(new Bucket(toTime(r[0]), ((Number) r[1]).longValue(),
                                        ((Number) r[2]).longValue(), ((Number) r[3]).longValue()));
                            }
                            return new Timeline(id, unit, buckets);
                        })));
    }

    private static OffsetDateTime toTime(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (o instanceof java.time.LocalDateTime l) {
            return l.atOffset(java.time.ZoneOffset.UTC);
        }
        return o == null ? null : OffsetDateTime.parse(o.toString());
    }

    private static String require(String entity) {
        if (entity == null || entity.isBlank()) {
            throw ProblemException.badRequest("entity is required: an entity id or name");
        }
        return entity.trim();
    }

}
