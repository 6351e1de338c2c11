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

    /** Applies an article; the answer tells whether its row changed. */
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
            Set<String> affected = new LinkedHashSet<>();
            Map<String, String> resolved = new HashMap<>();
            return strings(s, "SELECT DISTINCT entity_id FROM article_entity WHERE article_id = :a", params("a", ev.articleId()))
                    .invoke(affected::addAll)
                    .chain(() -> exec(s, "DELETE FROM article_entity WHERE article_id = :a", params("a", ev.articleId())))
                    .chain(() -> knownIds(s, ev.entities()))
                    .chain(evidence -> each(ev.entities(), e -> resolve(s, e, evidence).invoke(id -> resolved.put(e.id(), id))))
                    .chain(() -> each(ev.entities(), e -> store(s, ev.articleId(), e, resolved.get(e.id()))))
                    .invoke(() -> affected.addAll(resolved.values()))
                    .chain(() -> recount(s, affected))
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
                    .chain(() -> each(ev.quotes(), q -> exec(s, "INSERT INTO quote (id, text) VALUES (:id, :text) ON CONFLICT (id) DO NOTHING",
                            params("id", q.id(), "text", q.text()))
                            .chain(() -> exec(s, """
                                    INSERT INTO quote_occurrence (article_id, quote_id, start_offset, end_offset, speaker_source_id,
                                        speaker_name, speaker_mention, cue)
                                    VALUES (:a, :q, :start, :end, cast(:speaker as text), cast(:name as text),
                                        cast(cast(:mention as text) as jsonb), cast(cast(:cue as text) as jsonb))
                                    ON CONFLICT DO NOTHING""", params("a", ev.articleId(), "q", q.id(), "start", q.start(), "end",
                                    q.end(), "speaker", q.speakerEntityId(), "name", q.speakerName(), "mention",
                                    q.speakerMentionJson(), "cue", q.cueJson())))))
                    .chain(() -> old.isEmpty() ? Uni.createFrom().item(0) : exec(s, """
                            DELETE FROM quote q WHERE q.id IN (:old)
                              AND NOT EXISTS (SELECT 1 FROM quote_occurrence o WHERE o.quote_id = q.id)""", params("old", old)))
                    .chain(() -> recordAnalysis(s, ev.articleId(), "quotes", ev.revision(), ev.analyzedAt(), ev.analyzerVersion()))
                    .replaceWith(true);
        });
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
        return s.createNativeQuery("""
                SELECT count(*) FROM analysis WHERE article_id = :a AND kind = :k
                  AND (analyzed_at > cast(:t as timestamptz) OR (analyzed_at = cast(:t as timestamptz) AND revision = :r))""",
                Long.class).setParameter("a", articleId).setParameter("k", kind).setParameter("t", analyzedAt)
                .setParameter("r", revision).getSingleResult().map(n -> n > 0);
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

    /** Read-model ids this article's entities already resolve to exactly: the evidence for merging by surname. */
    private static Uni<Set<String>> knownIds(Mutiny.Session s, List<Events.Entity> entities) {
        List<String> ids = entities.stream().map(Events.Entity::id).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return strings(s, """
                SELECT entity_id FROM entity_link WHERE source_id IN (:ids)
                UNION SELECT id FROM entity WHERE id IN (:ids)""", params("ids", ids)).map(HashSet::new);
    }

    /**
     * The read-model entity of an article's entity: the one it was linked to before, the one with its id, else
     * one unambiguous name variant of the same type (al-Kadhimi and Mustafa al Kadhimi; Pompeo and Mike
     * Pompeo), else a new one. A surname alone merges only when exactly one person of that surname fits and
     * the two share context (another entity in common), so two people with one surname stay apart.
     */
    private Uni<String> resolve(Mutiny.Session s, Events.Entity e, Set<String> evidence) {
        return strings(s, "SELECT entity_id FROM entity_link WHERE source_id = :id UNION SELECT id FROM entity WHERE id = :id",
                params("id", e.id())).chain(found -> {
                    if (!found.isEmpty()) {
                        return Uni.createFrom().item(found.get(0));
                    }
                    Uni<String> variant = e.type().equals("PERSON") ? personVariant(s, e, evidence) : sameName(s, e);
                    return variant.chain(id -> id != null ? Uni.createFrom().item(id)
                            : exec(s, "INSERT INTO entity (id, name, type) VALUES (:id, :name, :type) ON CONFLICT (id) DO NOTHING",
                                    params("id", e.id(), "name", e.name(), "type", e.type())).replaceWith(e.id()));
                });
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
                SELECT x.id, x.name FROM entity x WHERE x.type = 'PERSON' AND EXISTS (
                  SELECT 1 FROM entity_alias a WHERE a.entity_id = x.id
                    AND (a.alias_key = :surname OR a.alias_key LIKE :suffix))""",
                params("surname", surname, "suffix", "% " + surname)).chain(rows -> {
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
        return s.createNativeQuery("""
                SELECT count(*) FROM article_entity mine JOIN article_entity other ON other.article_id = mine.article_id
                WHERE mine.entity_id = :candidate AND other.entity_id IN (:others)""", Long.class)
                .setParameter("candidate", candidate).setParameter("others", others)
                .getSingleResult().map(n -> n > 0);
    }

    private static Uni<Integer> store(Mutiny.Session s, String articleId, Events.Entity e, String entityId) {
        Set<String> names = new LinkedHashSet<>();
        names.add(e.name());
        names.addAll(e.aliases());
        return exec(s, "INSERT INTO entity_link (source_id, entity_id) VALUES (:src, :id) ON CONFLICT (source_id) DO NOTHING",
                params("src", e.id(), "id", entityId))
                .chain(() -> each(new ArrayList<>(names), n -> exec(s, """
                        INSERT INTO entity_alias (entity_id, alias, alias_key) VALUES (:id, :alias, :key)
                        ON CONFLICT DO NOTHING""", params("id", entityId, "alias", n, "key", NameKeys.key(n)))))
                .chain(() -> exec(s, """
                        INSERT INTO article_entity (article_id, source_id, entity_id, name, type, salience, mention_count, mentions)
                        VALUES (:a, :src, :id, :name, :type, :salience, :count, cast(:mentions as jsonb))
                        ON CONFLICT (article_id, source_id) DO NOTHING""",
                        params("a", articleId, "src", e.id(), "id", entityId, "name", e.name(), "type", e.type(),
                                "salience", e.salience(), "count", e.mentionCount(), "mentions", e.mentionsJson())));
    }

    private static Uni<Integer> recount(Mutiny.Session s, Set<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return exec(s, """
                UPDATE entity x SET article_count = coalesce(c.articles, 0), mention_count = coalesce(c.mentions, 0)
                FROM (SELECT i.id, count(DISTINCT ae.article_id) AS articles, sum(ae.mention_count) AS mentions
                      FROM entity i LEFT JOIN article_entity ae ON ae.entity_id = i.id
                      WHERE i.id IN (:ids) GROUP BY i.id) c
                WHERE x.id = c.id""", params("ids", ids));
    }
}
