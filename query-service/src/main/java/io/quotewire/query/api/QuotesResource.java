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

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Quotes across articles: the same words reported by several outlets are one quote with an occurrence per
 * article. Its speaker is the entity most of its occurrences are attributed to.
 */
@Path("/api/quotes")
@Produces(MediaType.APPLICATION_JSON)
public class QuotesResource {

    public record Speaker(String entityId, String name) {
    }

    public record Occurrence(String articleId, String source, OffsetDateTime publishedAt, String title) {
    }

    public record QuoteItem(String id, String text, Speaker speaker, List<Occurrence> occurrences) {
    }

    @GET
    @WithSession
    @Operation(summary = "Search quotes", description = "q: words in the quote; speaker: an entity id or name; "
            + "from/to: ISO dates of the reporting articles' publication.")
    public Uni<Page<QuoteItem>> list(@QueryParam("q") String q, @QueryParam("speaker") String speaker,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        int p = Params.page(page);
        int n = Params.size(size);
        OffsetDateTime since = Params.time("from", from, false);
        OffsetDateTime until = Params.time("to", to, true);
        String who = Params.blankToNull(speaker);
        return EntityRefs.resolve(who).chain(ids -> {
            // only the filters given, each driven by its index
            List<String> filters = new ArrayList<>();
            Map<String, Object> args = new HashMap<>();
            if (q != null && !q.isBlank()) {
                filters.add("lower(q.text) LIKE :q");
                args.put("q", "%" + q.trim().toLowerCase() + "%");
            }
            if (who != null) {
                filters.add("""
                        q.id IN (SELECT oc.quote_id FROM entity_link l JOIN quote_occurrence oc
                                 ON oc.speaker_source_id = l.source_id WHERE l.entity_id IN (:ids))""");
                args.put("ids", ids.isEmpty() ? List.of("") : ids);
            }
            if (since != null || until != null) {
                filters.add("q.id IN (SELECT o.quote_id FROM quote_occurrence o JOIN article a ON a.id = o.article_id WHERE "
                        + (since != null ? "a.published_at >= :since" : "true") + " AND "
                        + (until != null ? "a.published_at < :until" : "true") + ")");
                if (since != null) {
                    args.put("since", since);
                }
                if (until != null) {
                    args.put("until", until);
                }
            }
            String where = filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters);
            return Panache.getSession().chain(s -> count(s, "SELECT count(*) FROM quote q " + where, args)
                    .chain(total -> {
                        Map<String, Object> pageArgs = new HashMap<>(args);
                        pageArgs.put("limit", n);
                        pageArgs.put("offset", (long) p * n);
                        return rows(s, "SELECT q.id, q.text FROM quote q " + where + " ORDER BY q.id LIMIT :limit OFFSET :offset",
                                pageArgs).chain(rs -> items(s, rs)).map(items -> new Page<>(items, total, p, n));
                    }));
        });
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "One quote with its speaker and every article that reports it")
    public Uni<QuoteItem> get(@PathParam("id") String id) {
        return Panache.getSession().chain(s -> rows(s, "SELECT q.id, q.text FROM quote q WHERE q.id = :id", params("id", id))
                .chain(rs -> items(s, rs)))
                .map(items -> {
                    if (items.isEmpty()) {
                        throw Params.notFound("quote", id);
                    }
                    return items.get(0);
                });
    }

    /** The quotes with their occurrences, and as speaker the entity most occurrences are attributed to. */
    static Uni<List<QuoteItem>> items(org.hibernate.reactive.mutiny.Mutiny.Session s, List<Object[]> quotes) {
        if (quotes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = quotes.stream().map(r -> (String) r[0]).toList();
        return rows(s, """
                SELECT o.quote_id, o.article_id, a.source, a.published_at, a.title, e.id, e.name
                FROM quote_occurrence o LEFT JOIN article a ON a.id = o.article_id
                LEFT JOIN entity_link l ON l.source_id = o.speaker_source_id LEFT JOIN entity e ON e.id = l.entity_id
                WHERE o.quote_id IN (:ids) ORDER BY a.published_at NULLS LAST, o.article_id""", params("ids", ids))
                .map(occ -> {
                    Map<String, List<Occurrence>> occurrences = new LinkedHashMap<>();
                    Map<String, java.util.Set<String>> seen = new HashMap<>(); // one occurrence per article, in O(1)
                    Map<String, Map<Speaker, Integer>> votes = new HashMap<>();
                    for (Object[] r : occ) {
                        String q = (String) r[0];
                        if (seen.computeIfAbsent(q, k -> new java.util.HashSet<>()).add((String) r[1])) {
                            occurrences.computeIfAbsent(q, k -> new ArrayList<>())
                                    .add(new Occurrence((String) r[1], (String) r[2], (OffsetDateTime) r[3], (String) r[4]));
                        }
                        if (r[5] != null) {
                            votes.computeIfAbsent(q, k -> new HashMap<>()).merge(new Speaker((String) r[5], (String) r[6]), 1,
                                    Integer::sum);
                        }
                    }
                    List<QuoteItem> items = new ArrayList<>();
                    for (Object[] r : quotes) {
                        String q = (String) r[0];
                        Speaker speaker = votes.getOrDefault(q, Map.of()).entrySet().stream()
                                .max(Map.Entry.<Speaker, Integer>comparingByValue()
                                        .thenComparing(e -> e.getKey().entityId(), java.util.Comparator.reverseOrder()))
                                .map(Map.Entry::getKey).orElse(null);
                        items.add(new QuoteItem(q, (String) r[1], speaker, occurrences.getOrDefault(q, List.of())));
                    }
                    return items;
                });
    }
}
