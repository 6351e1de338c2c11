package io.quotewire.query.projection;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quotewire.query.Sql;
import io.smallrye.mutiny.Uni;

import static io.quotewire.query.Sql.each;
import static io.quotewire.query.Sql.exec;
import static io.quotewire.query.Sql.params;
import static io.quotewire.query.Sql.rows;
import static io.quotewire.query.Sql.strings;

/**
 * Applies events to the read model inside the caller's transaction. Every operation is idempotent and
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
        try {
            return json.writeValueAsString(rows);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds (+) or removes (-) one article's share of its entities' article and mention counts. */
    private static final String COUNTS = """
            UPDATE entity x SET article_count = x.article_count %1$s 1, mention_count = x.mention_count %1$s d.mentions
            FROM (SELECT entity_id, sum(mention_count) AS mentions FROM article_entity WHERE article_id = :a
                  GROUP BY entity_id) d
            WHERE x.id = d.entity_id""";

    /** Applies an article (a later ingestion replaces an earlier one). */
    public Uni<Void> article(Mutiny.Session s, Events.Article a) {
        return exec(s, """
                INSERT INTO article (id, revision, title, url, source, author, language, published_at, ingested_at, text)
                VALUES (:id, :revision, cast(:title as text), cast(:url as text), cast(:source as text),
                        cast(:author as text), cast(:language as text), cast(:publishedAt as timestamptz),
                        cast(:ingestedAt as timestamptz), :text)
                ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, title = excluded.title, url = excluded.url,
                    source = excluded.source, author = excluded.author, language = excluded.language,
                    published_at = excluded.published_at, ingested_at = excluded.ingested_at, text = excluded.text
                WHERE article.ingested_at <= excluded.ingested_at
                """, params("id", a.id(), "revision", a.revision(), "title", a.title(), "url", a.url(), "source",
                a.source(), "author", a.author(), "language", a.language(), "publishedAt", a.publishedAt(),
                "ingestedAt", a.ingestedAt(), "text", a.text())).replaceWithVoid();
    }

    /** Replaces an article's entities with a newer analysis, merging each into a read-model entity. */
    public Uni<Boolean> entities(Mutiny.Session s, Events.Entities ev) {
        return isCurrent(s, ev.articleId(), "entities", ev.analyzedAt(), ev.revision()).chain(current -> {
            if (current) {
                return Uni.createFrom().item(false);
            }
            Map<String, String> resolved = new HashMap<>();
            Map<String, Object> article = params("a", ev.articleId());
            // counts move incrementally: the article's old entities lose it, its new ones gain it
            return exec(s, COUNTS.formatted("-"), article)
                    .chain(() -> exec(s, "DELETE FROM article_entity WHERE article_id = :a", article))
                    .chain(() -> links(s, ev.entities()))
                    .invoke(resolved::putAll)
                    // the slow path only for entities never seen before: merge by name variant, or create
                    .chain(() -> each(ev.entities().stream().filter(e -> !resolved.containsKey(e.id())).toList(),
                            e -> resolve(s, e, new HashSet<>(resolved.values())).invoke(id -> resolved.put(e.id(), id))))
                    .chain(() -> storeAll(s, ev.articleId(), ev.entities(), resolved))
                    .chain(() -> exec(s, COUNTS.formatted("+"), article))
                    .chain(() -> recordAnalysis(s, ev.articleId(), "entities", ev.revision(), ev.analyzedAt(), ev.analyzerVersion()))
                    .replaceWith(true);
        });
    }

    /** Replaces an article's quote occurrences with a newer analysis; a quote with no occurrence left goes. */
    public Uni<Boolean> quotes(Mutiny.Session s, Events.Quotes ev) {
        return isCurrent(s, ev.articleId(), "quotes", ev.analyzedAt(), ev.revision()).chain(current -> {
            if (current) {
                return Uni.createFrom().item(false);
            }
            Set<String> old = new HashSet<>();
            return strings(s, "SELECT DISTINCT quote_id FROM quote_occurrence WHERE article_id = :a", params("a", ev.articleId()))
                    .invoke(old::addAll)
                    .chain(() -> exec(s, "DELETE FROM quote_occurrence WHERE article_id = :a", params("a", ev.articleId())))
                    .chain(() -> storeQuotes(s, ev))
                    .chain(() -> old.isEmpty() ? Uni.createFrom().item(0) : exec(s, """
                            DELETE FROM quote q WHERE q.id IN (:old)
                              AND NOT EXISTS (SELECT 1 FROM quote_occurrence o WHERE o.quote_id = q.id)""", params("old", old)))
                    .chain(() -> recordAnalysis(s, ev.articleId(), "quotes", ev.revision(), ev.analyzedAt(), ev.analyzerVersion()))
                    .replaceWith(true);
        });
    }

    private Uni<Void> storeQuotes(Mutiny.Session s, Events.Quotes ev) {
        if (ev.quotes().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Events.Quote q : ev.quotes()) {
            Map<String, Object> r = new HashMap<>();
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
        String data = toJson(rows);
        return exec(s, """
                INSERT INTO quote (id, text) SELECT DISTINCT ON (x.id) x.id, x.text
                FROM jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) AS x(id text, text text) ON CONFLICT (id) DO NOTHING""",
                params("rows", data))
                .chain(() -> exec(s, """
                        INSERT INTO quote_occurrence (article_id, quote_id, start_offset, end_offset, speaker_source_id,
                            speaker_name, speaker_mention, cue)
                        SELECT :a, x.id, x.start, x."end", x.speaker, x.name, cast(x.mention as jsonb), cast(x.cue as jsonb)
                        FROM jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                          AS x(id text, start int, "end" int, speaker text, name text, mention text, cue text)
                        ON CONFLICT DO NOTHING""", params("a", ev.articleId(), "rows", data)))
                .replaceWithVoid();
    }

    /** When the article was ingested, if the read model has it (for the freshness metric). */
    public Uni<OffsetDateTime> ingestedAt(Mutiny.Session s, String articleId) {
        return s.createNativeQuery("SELECT ingested_at FROM article WHERE id = :a", OffsetDateTime.class)
                .setParameter("a", articleId).getResultList()
                .map(r -> r.isEmpty() ? null : r.get(0));
    }

    // ---- analyses ---------------------------------------------------------------------------------------

    /** True when the read model already holds this analysis or a newer one: nothing to do. */
    private static Uni<Boolean> isCurrent(Mutiny.Session s, String articleId, String kind, OffsetDateTime analyzedAt,
            String revision) {
        return Sql.count(s, """
                SELECT count(*) FROM analysis WHERE article_id = :a AND kind = :k
                  AND (analyzed_at > cast(:t as timestamptz) OR (analyzed_at = cast(:t as timestamptz) AND revision = :r))""",
                params("a", articleId, "k", kind, "t", analyzedAt, "r", revision)).map(n -> n > 0);
    }

    private static Uni<Integer> recordAnalysis(Mutiny.Session s, String articleId, String kind, String revision,
            OffsetDateTime analyzedAt, String version) {
        return exec(s, """
                INSERT INTO analysis (article_id, kind, revision, analyzed_at, analyzer_version)
                VALUES (:a, :k, :r, cast(:t as timestamptz), cast(:v as text))
                ON CONFLICT (article_id, kind) DO UPDATE SET revision = excluded.revision,
                    analyzed_at = excluded.analyzed_at, analyzer_version = excluded.analyzer_version""",
                params("a", articleId, "k", kind, "r", revision, "t", analyzedAt, "v", version));
    }

    // ---- entities ---------------------------------------------------------------------------------------

    /** The read-model entity of each of these nlp entity ids that is already linked or exists under its id. */
    private static Uni<Map<String, String>> links(Mutiny.Session s, List<Events.Entity> entities) {
        List<String> ids = entities.stream().map(Events.Entity::id).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.rows(s, """
                SELECT source_id, entity_id, 0 FROM entity_link WHERE source_id IN (:ids)
                UNION ALL SELECT id, id, 1 FROM entity WHERE id IN (:ids)""", params("ids", ids)).map(rs -> {
                    Map<String, String> links = new HashMap<>();
                    for (Object[] r : rs) {
                        if (((Number) r[2]).intValue() == 0 || !links.containsKey((String) r[0])) {
                            links.put((String) r[0], (String) r[1]);
                        }
                    }
                    return links;
                });
    }

    /**
     * The read-model entity of an article's entity that {@link #links} did not find (never linked, no entity
     * with its id): one unambiguous name variant of the same type (al-Kadhimi and Mustafa al Kadhimi; Pompeo
     * and Mike Pompeo), else a new one. A surname alone merges only when exactly one person of that surname
     * fits and the two share context (another entity in common), so two people with one surname stay apart.
     */
    private Uni<String> resolve(Mutiny.Session s, Events.Entity e, Set<String> evidence) {
        Uni<String> variant = e.type().equals("PERSON") ? personVariant(s, e, evidence) : sameName(s, e);
        return variant.chain(id -> id != null ? Uni.createFrom().item(id)
                : exec(s, "INSERT INTO entity (id, name, type) VALUES (:id, :name, :type) ON CONFLICT (id) DO NOTHING",
                        params("id", e.id(), "name", e.name(), "type", e.type())).replaceWith(e.id()));
    }

    private static Uni<String> sameName(Mutiny.Session s, Events.Entity e) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(NameKeys.key(e.name()));
        e.aliases().forEach(a -> keys.add(NameKeys.key(a)));
        return strings(s, """
                SELECT DISTINCT a.entity_id FROM entity_alias a JOIN entity x ON x.id = a.entity_id
                WHERE x.type = :type AND a.alias_key IN (:keys)""", params("type", e.type(), "keys", keys))
                .map(ids -> ids.size() == 1 ? ids.get(0) : null);
    }

    private static Uni<String> personVariant(Mutiny.Session s, Events.Entity e, Set<String> evidence) {
        List<String> words = NameKeys.personWords(e.name());
        if (words.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String surname = words.get(words.size() - 1);
        return rows(s, """
                SELECT DISTINCT x.id, x.name FROM entity_alias a JOIN entity x ON x.id = a.entity_id
                WHERE a.last_word = :surname AND x.type = 'PERSON'""",
                params("surname", surname)).chain(rows -> {
                    List<String> fitting = new ArrayList<>();
                    boolean strong = false;
                    for (Object[] r : rows) {
                        List<String> other = NameKeys.personWords((String) r[1]);
                        boolean compatible = !other.isEmpty() && other.get(other.size() - 1).equals(surname)
                                && (other.containsAll(words) || words.containsAll(other));
                        if (compatible) {
                            fitting.add((String) r[0]);
                            strong = other.size() >= 2 && words.size() >= 2;
                        }
                    }
                    if (fitting.size() != 1) {
                        return Uni.createFrom().nullItem();
                    }
                    String candidate = fitting.get(0);
                    Uni<Boolean> good = strong ? Uni.createFrom().item(true) : sharesContext(s, candidate, evidence);
                    return good.chain(ok -> {
                        if (!ok) {
                            return Uni.createFrom().nullItem();
                        }
                        // the fuller name becomes the entity's name
                        return exec(s, """
                                UPDATE entity SET name = :name WHERE id = :id
                                  AND array_length(regexp_split_to_array(name, '\\s+'), 1) < :words""",
                                params("name", e.name(), "id", candidate, "words", e.name().trim().split("\\s+").length))
                                .replaceWith(candidate);
                    });
                });
    }

    private static Uni<Boolean> sharesContext(Mutiny.Session s, String candidate, Set<String> evidence) {
        Set<String> others = new HashSet<>(evidence);
        others.remove(candidate);
        if (others.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return Sql.count(s, """
                SELECT count(*) FROM (SELECT 1 FROM article_entity mine JOIN article_entity other
                  ON other.article_id = mine.article_id
                WHERE mine.entity_id = :candidate AND other.entity_id IN (:others) LIMIT 1) hit""",
                params("candidate", candidate, "others", others)).map(n -> n > 0);
    }

    /** Links, aliases and the article's entity rows, in three statements. */
    private Uni<Void> storeAll(Mutiny.Session s, String articleId, List<Events.Entity> entities, Map<String, String> resolved) {
        if (entities.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, Object>> links = new ArrayList<>();
        List<Map<String, Object>> aliases = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Events.Entity e : entities) {
            String id = resolved.get(e.id());
            links.add(Map.of("src", e.id(), "eid", id));
            Set<String> names = new LinkedHashSet<>();
            names.add(e.name());
            names.addAll(e.aliases());
            for (String n : names) {
                if (seen.add(id + "\u0000" + n)) {
                    aliases.add(Map.of("eid", id, "alias", n, "key", NameKeys.key(n)));
                }
            }
            rows.add(Map.of("src", e.id(), "eid", id, "name", e.name(), "type", e.type(), "salience", e.salience(),
                    "count", e.mentionCount(), "mentions", e.mentionsJson()));
        }
        return exec(s, """
                INSERT INTO entity_link (source_id, entity_id)
                SELECT x.src, x.eid FROM jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) AS x(src text, eid text)
                ON CONFLICT (source_id) DO NOTHING""", params("rows", toJson(links)))
                .chain(() -> exec(s, """
                        INSERT INTO entity_alias (entity_id, alias, alias_key)
                        SELECT x.eid, x.alias, x.key FROM jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) AS x(eid text, alias text, key text)
                        ON CONFLICT DO NOTHING""", params("rows", toJson(aliases))))
                .chain(() -> exec(s, """
                        INSERT INTO article_entity (article_id, source_id, entity_id, name, type, salience, mention_count, mentions)
                        SELECT :a, x.src, x.eid, x.name, x.type, x.salience, x.count, cast(x.mentions as jsonb)
                        FROM jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                          AS x(src text, eid text, name text, type text, salience float8, count int, mentions text)
                        ON CONFLICT (article_id, source_id) DO NOTHING""", params("a", articleId, "rows", toJson(rows))))
                .replaceWithVoid();
    }

}
