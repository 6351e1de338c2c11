package io.quotewire.query.api;

import static io.quotewire.query.Sql.count;
import static io.quotewire.query.Sql.params;
import static io.quotewire.query.Sql.rows;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
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
import io.quotewire.contract.http.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Quotes across articles: the same words reported by several outlets are one quote with an occurrence per
 * article. Its speaker is the entity most of its occurrences are attributed to.
 */
@Path("/api/quotes")
@Produces(MediaType.APPLICATION_JSON)
@TimeLimited
public class QuotesResource {

    public record Speaker(String entityId, String name) {
    }

    public record Occurrence(String articleId, String source, OffsetDateTime publishedAt, String title) {
    }

    /** occurrenceCount: the articles that report it; occurrences: the first {@value #OCCURRENCES_SHOWN} of them by publication. */
    public record QuoteItem(String id, String text, Speaker speaker, long occurrenceCount, List<Occurrence> occurrences) {
    }

    @GET
    @WithSession
    @Operation(summary = "Search quotes", description = "q: words in the quote; speaker: an entity id or name; "
            + "from/to: ISO dates of the reporting articles' publication.")
    public Uni<Page<QuoteItem>> list(@QueryParam("q") String q, @QueryParam("speaker") String speaker,
            @QueryParam("from") @IsoDate String from, @QueryParam("to") @IsoDate String to,
            @QueryParam("page") @WholeNumber(message = "must be a whole number of 0 or more") String page, @QueryParam("size") @WholeNumber(min = 1, max = Params.MAX_SIZE) String size) {
        int p = Params.integer(page, 0);
        int n = Params.integer(size, 20);
        OffsetDateTime since = Params.time(from, false);
        OffsetDateTime until = Params.time(to, true);
        String who = Params.blankToNull(speaker);
        return EntityRefs.sources(who).chain(sources -> {
            // only the filters given, each driven by its index
            List<String> filters = new ArrayList<>();
            Map<String, Object> args = new HashMap<>();
            if (q != null && !q.isBlank()) {
                filters.add("lower(q.text) LIKE :q");
                args.put("q", Params.contains(q.trim().toLowerCase()));
            }
            if (who != null) {
                filters.add("q.id IN (SELECT oc.quote_id FROM quote_occurrence oc WHERE oc.speaker_source_id IN (:sources))");
                args.put("sources", sources.isEmpty() ? List.of("") : sources);
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
            Map<String, Object> countArgs;
            Map<String, Object> pageArgs = new HashMap<>(args);
            pageArgs.put("limit", n);
            pageArgs.put("offset", Params.offset(p, n));
            String countSql;
            String pageSql;
            if (who != null && filters.size() == 1) {
                // a speaker alone: the count and the page straight from the (speaker, quote) index
                countArgs = new HashMap<>();
                countSql = speakerCount(sources, countArgs);
                pageSql = "SELECT q.id, q.text FROM quote q JOIN (" + speakerPage("l.source_id IN (:sources)")
                        + ") x ON x.quote_id = q.id ORDER BY q.id";
                pageArgs.put("first", Params.offset(p, n) + n);
            } else {
                String where = filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters);
                countArgs = args;
                countSql = "SELECT count(*) FROM quote q " + where;
                pageSql = "SELECT q.id, q.text FROM quote q " + where + " ORDER BY q.id LIMIT :limit OFFSET :offset";
            }
            return Panache.getSession().chain(s -> count(s, countSql, countArgs)
                    .chain(total -> rows(s, pageSql, pageArgs).chain(rs -> items(s, rs))
                            .map(items -> new Page<>(items, total, p, n))));
        });
    }

    /**
     * How many quotes the nlp ids {@code sources} speak, each quote once, its parameters ({@code :s0}, {@code :s1}...)
     * put into {@code args}: one (speaker, quote) index range per id, read in quote order, so that one id's quotes
     * need neither sort nor hash and several ids' ranges are merged. Each id is a parameter of its own so that the
     * plan is made for the ids themselves (a speaker quoted in every article, or once), not for an array the
     * planner cannot see into.
     */
    private static String speakerCount(List<String> sources, Map<String, Object> args) {
        if (sources.isEmpty()) {
            return "SELECT cast(0 AS bigint)";
        }
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            ranges.add("FROM quote_occurrence oc WHERE oc.speaker_source_id = :s" + i);
            args.put("s" + i, sources.get(i));
        }
        String quotes = ranges.size() == 1 ? "SELECT DISTINCT oc.quote_id " + ranges.get(0)
                : "SELECT oc.quote_id " + String.join(" UNION SELECT oc.quote_id ", ranges);
        return "SELECT count(*) FROM (" + quotes + ") x";
    }

    /**
     * Page {@code :limit}/{@code :offset}, by quote id, of the quotes spoken by the nlp ids of the
     * {@code entity_link l} rows that {@code links} selects, {@code :first} being offset + limit: each id gives its
     * first {@code :first} quotes in index order, so a page costs the same for a speaker quoted once or in every
     * article.
     */
    static String speakerPage(String links) {
        return """
                SELECT DISTINCT x.quote_id FROM entity_link l CROSS JOIN LATERAL (
                    SELECT DISTINCT oc.quote_id FROM quote_occurrence oc WHERE oc.speaker_source_id = l.source_id
                    ORDER BY oc.quote_id LIMIT :first) x
                WHERE %s ORDER BY x.quote_id LIMIT :limit OFFSET :offset""".formatted(links);
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "One quote with its speaker, its number of occurrences and the first 20 of them (all: /{id}/occurrences)")
    public Uni<QuoteItem> get(@PathParam("id") String id) {
        return Panache.getSession().chain(s -> rows(s, "SELECT q.id, q.text FROM quote q WHERE q.id = :id", params("id", id))
                .chain(rs -> items(s, rs)))
                .map(items -> {
                    if (items.isEmpty()) {
                        throw ProblemException.notFound("quote", id);
                    }
                    return items.get(0);
                });
    }

    @GET
    @Path("/{id}/occurrences")
    @WithSession
    @Operation(summary = "Every article that reports a quote, paged, by publication (undated last)")
    public Uni<Page<Occurrence>> occurrences(@PathParam("id") String id, @QueryParam("page") @WholeNumber(message = "must be a whole number of 0 or more") String page,
            @QueryParam("size") @WholeNumber(min = 1, max = Params.MAX_SIZE) String size) {
        int p = Params.integer(page, 0);
        int n = Params.integer(size, 20);
        long offset = Params.offset(p, n);
        return Panache.getSession().chain(s -> rows(s, "SELECT q.id, (SELECT count(DISTINCT o.article_id) FROM "
                + "quote_occurrence o WHERE o.quote_id = q.id) FROM quote q WHERE q.id = :id", params("id", id))
                .chain(found -> {
                    if (found.isEmpty()) {
                        throw ProblemException.notFound("quote", id);
                    }
                    long total = ((Number) found.get(0)[1]).longValue();
                    return occurrences(s, List.of(id), offset, offset + n)
                            .map(rs -> new Page<>(rs.stream().map(QuotesResource::occurrence).toList(), total, p, n));
                }));
    }

    /**
     * The quotes with their number of occurrences (reporting articles), the first {@link #OCCURRENCES_SHOWN} of
     * them by publication, and as speaker the entity most occurrences are attributed to. Counts and the vote are
     * aggregated in the database: a quote reported by thousands of articles costs no more to send than one.
     */
    static Uni<List<QuoteItem>> items(org.hibernate.reactive.mutiny.Mutiny.Session s, List<Object[]> quotes) {
        if (quotes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = quotes.stream().map(r -> (String) r[0]).toList();
        Map<String, Object> args = params("ids", ids);
        return rows(s, """
                SELECT o.quote_id, count(DISTINCT o.article_id) FROM quote_occurrence o
                WHERE o.quote_id IN (:ids) GROUP BY o.quote_id""", args)
                .chain(counts -> rows(s, """
                        SELECT o.quote_id, e.id, e.name, count(*) AS votes FROM quote_occurrence o
                        JOIN entity_link l ON l.source_id = o.speaker_source_id JOIN entity e ON e.id = l.entity_id
                        WHERE o.quote_id IN (:ids) GROUP BY o.quote_id, e.id, e.name
                        ORDER BY o.quote_id, votes DESC, e.id""", args)
                        .chain(votes -> occurrences(s, ids, 0, OCCURRENCES_SHOWN)
                                .map(occ -> items(quotes, counts, votes, occ))));
    }

    /** How many occurrences a quote in a list or on its own carries; all of them are at {@code /{id}/occurrences}. */
    static final int OCCURRENCES_SHOWN = 20;

    /**
     * Occurrences number {@code from + 1} to {@code to} of each quote, one per article, numbered by publication
     * (undated last), then article: rows of (quote id, article id, source, published at, title).
     */
    private static Uni<List<Object[]>> occurrences(org.hibernate.reactive.mutiny.Mutiny.Session s, List<String> quoteIds,
            long from, long to) {
        return rows(s, """
                WITH occ AS (
                    SELECT o.quote_id, o.article_id, a.source, a.published_at, a.title,
                           row_number() OVER (PARTITION BY o.quote_id ORDER BY a.published_at NULLS LAST, o.article_id) AS n
                    FROM (SELECT DISTINCT quote_id, article_id FROM quote_occurrence WHERE quote_id IN (:ids)) o
                    LEFT JOIN article a ON a.id = o.article_id)
                SELECT quote_id, article_id, source, published_at, title FROM occ WHERE n > :from AND n <= :to
                ORDER BY quote_id, n""", params("ids", quoteIds, "from", from, "to", to));
    }

    private static List<QuoteItem> items(List<Object[]> quotes, List<Object[]> counts, List<Object[]> votes,
            List<Object[]> occ) {
        Map<String, Long> count = new HashMap<>();
        for (Object[] r : counts) {
            count.put((String) r[0], ((Number) r[1]).longValue());
        }
        Map<String, Speaker> speaker = new HashMap<>();
        for (Object[] r : votes) { // most votes first, then the lowest id: the first row of a quote wins
            speaker.putIfAbsent((String) r[0], new Speaker((String) r[1], (String) r[2]));
        }
        Map<String, List<Occurrence>> occurrences = new HashMap<>();
        for (Object[] r : occ) {
            occurrences.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(occurrence(r));
        }
        List<QuoteItem> items = new ArrayList<>();
        for (Object[] r : quotes) {
            String q = (String) r[0];
            items.add(new QuoteItem(q, (String) r[1], speaker.get(q), count.getOrDefault(q, 0L),
                    occurrences.getOrDefault(q, List.of())));
        }
        return items;
    }

    private static Occurrence occurrence(Object[] r) {
        return new Occurrence((String) r[1], (String) r[2], (OffsetDateTime) r[3], (String) r[4]);
    }
}
