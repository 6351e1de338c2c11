package io.quotewire.query.projection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

import static io.quotewire.query.Sql.count;
import static io.quotewire.query.Sql.exec;
import static io.quotewire.query.Sql.params;
import static io.quotewire.query.Sql.rows;
import static io.quotewire.query.Sql.strings;

/**
 * Applies batches of events to the read model inside the caller's transaction, in a few set-based statements
 * per batch (entity merging: {@link EntityBatch}). Every operation is idempotent and
 * order-tolerant: an article row is replaced only by a later ingestion; an article's entities or quotes are
 * replaced as a whole, and only by an analysis at least as new as the one held; events of one article may
 * come in any order across the three topics (joins are by article id and entity link, not by arrival).
 */
@ApplicationScoped
public class Projector {

    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public Projector(com.fasterxml.jackson.databind.ObjectMapper json) {
        this.json = json;
    }

    private String toJson(List<Map<String, Object>> rows) {
        return Events.write(json, rows);
    }

    /**
     * Removes these articles' share of their entities' article and mention counts (before their rows go), and
     * the entities left in no article from their type's total.
     */
    private static final String COUNTS = """
            WITH counted AS (
            UPDATE entity x SET article_count = x.article_count - d.articles, mention_count = x.mention_count - d.mentions
            FROM (SELECT entity_id, count(DISTINCT article_id) AS articles, sum(mention_count) AS mentions
                  FROM article_entity WHERE article_id IN (:a) GROUP BY entity_id) d
            WHERE x.id = d.entity_id
            RETURNING x.type, x.article_count AS after)
            UPDATE entity_type_total t SET n = t.n - h.n
            FROM (SELECT type, count(*) AS n FROM counted WHERE after = 0 GROUP BY type) h WHERE t.type = h.type""";

    /** Applies articles; of several ingestions of one article the latest wins, here and against the read model. */
    public Uni<Void> articles(Mutiny.Session s, List<Events.Article> batch) {
        Map<String, Events.Article> latest = new LinkedHashMap<>();
        for (Events.Article a : batch) {
            latest.merge(a.id(), a, (held, next) -> held.ingestedAt().isAfter(next.ingestedAt()) ? held : next);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Events.Article a : latest.values()) {
            Map<String, Object> r = new HashMap<>();
            r.put("id", a.id());
            r.put("revision", a.revision());
            r.put("title", a.title());
            r.put("url", a.url());
            r.put("source", a.source());
            r.put("author", a.author());
            r.put("language", a.language());
            r.put("published", a.publishedAt() == null ? null : a.publishedAt().toString());
            r.put("ingested", a.ingestedAt().toString());
            r.put("text", a.text());
            rows.add(r);
        }
        List<String> ids = List.copyOf(latest.keySet());
        // article_total counts the rows this statement inserted (xmax = 0), not those it updated
        return exec(s, """
                WITH upserted AS (
                INSERT INTO article (id, revision, title, url, source, author, language, published_at, ingested_at, text)
                SELECT x.id, x.revision, x.title, x.url, x.source, x.author, x.language, x.published, x.ingested, x.text
                FROM json_to_recordset(cast(cast(:rows as text) as json)) AS x(id text, revision text, title text,
                  url text, source text, author text, language text, published timestamptz, ingested timestamptz, text text)
                ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, title = excluded.title, url = excluded.url,
                    source = excluded.source, author = excluded.author, language = excluded.language,
                    published_at = excluded.published_at, ingested_at = excluded.ingested_at, text = excluded.text
                WHERE article.ingested_at <= excluded.ingested_at
                RETURNING xmax = 0 AS inserted),
                added AS (SELECT count(*) AS n FROM upserted WHERE inserted)
                UPDATE article_total SET n = article_total.n + added.n FROM added WHERE added.n > 0
                """, params("rows", toJson(rows)))
                // entities that came first take the publication date now; the lock is taken here, not before the
                // upsert, so that an entities transaction of the same articles waits for this statement only
                .chain(() -> lockArticles(s, ids))
                .chain(() -> exec(s, """
                        UPDATE article_entity ae SET published_at = a.published_at FROM article a
                        WHERE a.id IN (:ids) AND ae.article_id = a.id AND ae.published_at IS DISTINCT FROM a.published_at""",
                        params("ids", ids)))
                .replaceWithVoid();
    }

    /**
     * Serialises the articles and entities transactions of the same articles (advisory locks, taken in one
     * order and held to the commit), so that {@code article_entity.published_at} cannot miss an article
     * committed concurrently: the articles transaction takes them after its upsert, before it dates the
     * entities; the entities transaction just before it writes them. Whichever waits sees the other's rows
     * (each statement reads what was committed before it began). Quotes need no such lock.
     */
    private Uni<Long> lockArticles(Mutiny.Session s, List<String> articleIds) {
        return count(s, """
                SELECT count(pg_advisory_xact_lock(k.h)) FROM (SELECT DISTINCT hashtextextended(x, 0) AS h
                  FROM json_array_elements_text(cast(cast(:ids as text) as json)) AS x ORDER BY h) k""",
                params("ids", Events.write(json, articleIds)));
    }

    /**
     * Replaces articles' entities with newer analyses, merging each into a read-model entity. Answers the ids
     * of the articles whose entities changed. Set-based: a handful of statements per batch, plus the name
     * lookups for entities the read model has never seen.
     */
    public Uni<List<String>> entities(Mutiny.Session s, List<Events.Entities> batch) {
        return news(s, "entities", latest(batch)).chain(news -> {
                    List<Events.Entities> todo = news.todo();
                    if (todo.isEmpty()) {
                        return Uni.createFrom().item(List.<String>of());
                    }
                    List<String> ids = todo.stream().map(Events.Entities::articleId).toList();
                    Map<String, Object> replaced = params("a", news.replacing());
                    EntityBatch entities = new EntityBatch(json);
                    // counts move incrementally: the old entities of the articles analysed before lose their share
                    // here, the new ones gain theirs as they are stored. The locks are taken just before the new
                    // rows are written, so they are held briefly; but before old rows are deleted (an articles
                    // transaction holding the locks may be dating those rows)
                    boolean replacing = !news.replacing().isEmpty();
                    return (replacing ? lockArticles(s, ids).chain(() -> exec(s, COUNTS, replaced))
                            .chain(() -> exec(s, "DELETE FROM article_entity WHERE article_id IN (:a)", replaced))
                            : Uni.createFrom().item(0))
                            .chain(() -> entities.resolve(s, todo))
                            .chain(() -> replacing ? Uni.createFrom().item(0L) : lockArticles(s, ids))
                            .chain(() -> entities.store(s))
                            .chain(() -> recordAnalyses(s, "entities", todo))
                            .replaceWith(ids);
                });
    }

    /** Replaces articles' quote occurrences with newer analyses; a quote with no occurrence left goes. */
    public Uni<List<String>> quotes(Mutiny.Session s, List<Events.Quotes> batch) {
        return news(s, "quotes", latest(batch)).chain(news -> {
                    List<Events.Quotes> todo = news.todo();
                    if (todo.isEmpty()) {
                        return Uni.createFrom().item(List.<String>of());
                    }
                    List<String> ids = todo.stream().map(Events.Quotes::articleId).toList();
                    Map<String, Object> replaced = params("a", news.replacing());
                    Set<String> old = new HashSet<>();
                    return (news.replacing().isEmpty() ? Uni.createFrom().item(0)
                            : strings(s, "SELECT DISTINCT quote_id FROM quote_occurrence WHERE article_id IN (:a)", replaced)
                                    .invoke(old::addAll)
                                    .chain(() -> exec(s, "DELETE FROM quote_occurrence WHERE article_id IN (:a)", replaced)))
                            .chain(() -> storeQuotes(s, todo))
                            .chain(() -> old.isEmpty() ? Uni.createFrom().item(0) : exec(s, """
                                    DELETE FROM quote q WHERE q.id IN (:old)
                                      AND NOT EXISTS (SELECT 1 FROM quote_occurrence o WHERE o.quote_id = q.id)""",
                                    params("old", old)))
                            .chain(() -> recordAnalyses(s, "quotes", todo))
                            .replaceWith(ids);
                });
    }

    private Uni<Void> storeQuotes(Mutiny.Session s, List<Events.Quotes> batch) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Events.Quotes ev : batch) {
            for (Events.Quote q : ev.quotes()) {
                Map<String, Object> r = new HashMap<>();
                r.put("a", ev.articleId());
                r.put("id", q.id());
                r.put("text", q.text());
                r.put("start", q.start());
                r.put("end", q.end());
                r.put("speaker", q.speakerEntityId());
                r.put("name", q.speakerName());
                r.put("mention", q.speakerMentionJson());
                r.put("cue", q.cueJson());
                rows.add(r);
            }
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String data = toJson(rows);
        return exec(s, """
                INSERT INTO quote (id, text) SELECT DISTINCT ON (x.id) x.id, x.text
                FROM json_to_recordset(cast(cast(:rows as text) as json)) AS x(id text, text text) ON CONFLICT (id) DO NOTHING""",
                params("rows", data))
                .chain(() -> exec(s, """
                        INSERT INTO quote_occurrence (article_id, quote_id, start_offset, end_offset, speaker_source_id,
                            speaker_name, speaker_mention, cue)
                        SELECT x.a, x.id, x.start, x."end", x.speaker, x.name, cast(x.mention as json), cast(x.cue as json)
                        FROM json_to_recordset(cast(cast(:rows as text) as json))
                          AS x(a text, id text, start int, "end" int, speaker text, name text, mention text, cue text)
                        ON CONFLICT DO NOTHING""", params("rows", data)))
                .replaceWithVoid();
    }

    /** When these articles were ingested, for those the read model has (for the freshness metric). */
    public Uni<List<OffsetDateTime>> ingestedAt(Mutiny.Session s, List<String> articleIds) {
        if (articleIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Mutiny.SelectionQuery<OffsetDateTime> q = s.createNativeQuery("SELECT ingested_at FROM article WHERE id IN (:a)",
                OffsetDateTime.class);
        q.setParameter("a", articleIds);
        return q.getResultList();
    }

    // ---- analyses ---------------------------------------------------------------------------------------

    /**
     * Of several analyses of one article in a batch, the one the read model would end with had they come one
     * by one: a later one replaces the one held unless the held one is newer, or the same analysis.
     */
    private static <E extends Events.Analysis> List<E> latest(List<E> batch) {
        Map<String, E> held = new LinkedHashMap<>();
        for (E next : batch) {
            held.merge(next.articleId(), next, (h, n) -> {
                int order = ORDER.compare(h, n);
                return order > 0 || order == 0 && h.revision().equals(n.revision()) ? h : n;
            });
        }
        return new ArrayList<>(held.values());
    }

    /** The order of analyses of one article ({@link Events.Analysis}), as the database compares them. */
    private static final java.util.Comparator<Events.Analysis> ORDER = java.util.Comparator
            .comparing((Events.Analysis a) -> a.articleIngestedAt() == null ? Instant.MIN : micros(a.articleIngestedAt()))
            .thenComparing(a -> micros(a.analyzedAt()));

    /** PostgreSQL keeps microseconds: compare as it will. */
    private static Instant micros(OffsetDateTime t) {
        return t.toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Analyses to apply, and the articles among theirs whose older analysis (its rows) they replace. */
    private record News<E>(List<E> todo, List<String> replacing) {
    }

    /**
     * The analyses that are news to the read model (it holds neither them nor a newer one), and of their
     * articles those it holds an older analysis of.
     */
    private <E extends Events.Analysis> Uni<News<E>> news(Mutiny.Session s, String kind, List<E> batch) {
        List<Map<String, Object>> rows = batch.stream().map(e -> {
            Map<String, Object> r = new HashMap<>();
            r.put("a", e.articleId());
            r.put("i", e.articleIngestedAt() == null ? null : e.articleIngestedAt().toString());
            r.put("t", e.analyzedAt().toString());
            r.put("r", e.revision());
            return r;
        }).toList();
        // the held analysis stays if it is of a revision ingested later, or made later for the same revision, or
        // is this very analysis (an article ingested at an unknown time counts as ingested before all others)
        return rows(s, """
                SELECT x.a, (coalesce(y.article_ingested_at, '-infinity'), y.analyzed_at) > (coalesce(x.i, '-infinity'), x.t)
                  OR ((coalesce(y.article_ingested_at, '-infinity'), y.analyzed_at) = (coalesce(x.i, '-infinity'), x.t)
                      AND y.revision = x.r)
                FROM json_to_recordset(cast(cast(:rows as text) as json)) AS x(a text, i timestamptz, t timestamptz, r text)
                JOIN analysis y ON y.article_id = x.a AND y.kind = :k""",
                params("rows", toJson(rows), "k", kind)).map(held -> {
                    Set<String> current = new HashSet<>();
                    List<String> replacing = new ArrayList<>();
                    for (Object[] r : held) {
                        (Boolean.TRUE.equals(r[1]) ? current : replacing).add((String) r[0]);
                    }
                    return new News<>(batch.stream().filter(e -> !current.contains(e.articleId())).toList(), replacing);
                });
    }

    private Uni<Integer> recordAnalyses(Mutiny.Session s, String kind, List<? extends Events.Analysis> analyses) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Events.Analysis a : analyses) {
            Map<String, Object> r = new HashMap<>();
            r.put("a", a.articleId());
            r.put("r", a.revision());
            r.put("t", a.analyzedAt().toString());
            r.put("i", a.articleIngestedAt() == null ? null : a.articleIngestedAt().toString());
            r.put("v", a.analyzerVersion());
            rows.add(r);
        }
        return exec(s, """
                INSERT INTO analysis (article_id, kind, revision, article_ingested_at, analyzed_at, analyzer_version)
                SELECT x.a, :k, x.r, x.i, x.t, x.v
                FROM json_to_recordset(cast(cast(:rows as text) as json))
                  AS x(a text, r text, i timestamptz, t timestamptz, v text)
                ON CONFLICT (article_id, kind) DO UPDATE SET revision = excluded.revision,
                    article_ingested_at = excluded.article_ingested_at, analyzed_at = excluded.analyzed_at,
                    analyzer_version = excluded.analyzer_version""",
                params("rows", toJson(rows), "k", kind));
    }
}
