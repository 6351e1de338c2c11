package io.quotewire.query.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quotewire.contract.NameKeys;
import io.quotewire.query.Sql;
import io.smallrye.mutiny.Uni;

import static io.quotewire.query.Sql.each;
import static io.quotewire.query.Sql.exec;
import static io.quotewire.query.Sql.params;

/**
 * The entities of one batch of analyses: finds the read-model entity of every nlp entity, then writes links,
 * aliases and article rows in a few set-based statements.
 * <p>
 * An nlp entity already linked (or a read-model entity with its id) keeps its entity. Any other is merged
 * into one unambiguous name variant of the same type (al-Kadhimi and Mustafa al Kadhimi; Pompeo and Mike
 * Pompeo), else becomes a new entity. A surname alone merges only when exactly one person of that surname
 * fits and the two share context (another entity in common), so two people with one surname stay apart.
 * Candidates are read in two queries per batch; what earlier articles of the batch added is kept in memory,
 * so a batch merges exactly as its articles would one by one.
 */
final class EntityBatch {

    private final ObjectMapper json;
    /** nlp entity id → read-model entity id */
    private final Map<String, String> resolved = new HashMap<>();
    /** nlp entity ids whose link is in the database already, or among the rows to write */
    private final Set<String> linked = new HashSet<>();
    /** type and alias key → entities with that alias */
    private final Map<String, Set<String>> byKey = new HashMap<>();
    /** last word of an alias → persons with that alias */
    private final Map<String, Set<String>> bySurname = new HashMap<>();
    /** entity → its name, as the read model will have it after this batch */
    private final Map<String, String> names = new HashMap<>();
    /** entity → articles of this batch that mention it (not in the database yet) */
    private final Map<String, Set<String>> articlesOf = new HashMap<>();
    private final Map<String, Set<String>> entitiesOf = new HashMap<>();
    private final Map<String, Events.Entity> created = new LinkedHashMap<>();
    private final Set<String> renamed = new LinkedHashSet<>();
    private final List<Map<String, Object>> links = new ArrayList<>();
    private final List<Map<String, Object>> aliases = new ArrayList<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final Set<String> seenAliases = new HashSet<>();
    /** name → {@link NameKeys#key}: the same names come back in article after article of a batch */
    private final Map<String, String> keyOf = new HashMap<>();

    EntityBatch(ObjectMapper json) {
        this.json = json;
    }

    /** Resolves every entity of these analyses, in order. */
    Uni<Void> resolve(Mutiny.Session s, List<Events.Entities> analyses) {
        List<Events.Entity> all = analyses.stream().flatMap(a -> a.entities().stream()).toList();
        return links(s, all).chain(() -> {
            List<Events.Entity> unseen = all.stream().filter(e -> !resolved.containsKey(e.id())).toList();
            Uni<Void> candidates = unseen.isEmpty() ? Uni.createFrom().voidItem() : candidates(s, unseen);
            return candidates.chain(() -> each(analyses, a -> resolve(s, a)));
        });
    }

    private Uni<Void> resolve(Mutiny.Session s, Events.Entities analysis) {
        List<Events.Entity> unresolved = analysis.entities().stream().filter(e -> !resolved.containsKey(e.id())).toList();
        if (unresolved.isEmpty()) { // most analyses, once the read model knows the names of the news
            add(analysis);
            return Uni.createFrom().voidItem();
        }
        Set<String> evidence = new HashSet<>();
        analysis.entities().stream().map(e -> resolved.get(e.id())).filter(Objects::nonNull).forEach(evidence::add);
        return each(unresolved, e -> resolved.containsKey(e.id()) ? Uni.createFrom().voidItem()
                : variant(s, e, evidence).invoke(found -> {
                    String id = found != null ? found : create(e);
                    resolved.put(e.id(), id);
                    evidence.add(id);
                })).invoke(() -> add(analysis));
    }

    /** Links already made, and entities that exist under an nlp id. */
    private Uni<Void> links(Mutiny.Session s, List<Events.Entity> entities) {
        List<String> ids = entities.stream().map(Events.Entity::id).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Sql.rows(s, """
                SELECT source_id, entity_id, 0 FROM entity_link WHERE source_id IN (:ids)
                UNION ALL SELECT id, id, 1 FROM entity WHERE id IN (:ids)""", params("ids", ids)).invoke(rs -> {
                    for (Object[] r : rs) {
                        if (((Number) r[2]).intValue() == 0) {
                            resolved.put((String) r[0], (String) r[1]);
                            linked.add((String) r[0]);
                        } else {
                            resolved.putIfAbsent((String) r[0], (String) r[1]);
                        }
                    }
                }).replaceWithVoid();
    }

    /**
     * Every entity an unseen one could merge into: same type and alias key, or a person with an alias of that
     * surname; and the names of the entities already resolved (their aliases join the candidates as they come).
     */
    private Uni<Void> candidates(Mutiny.Session s, List<Events.Entity> unseen) {
        Set<String> keys = new HashSet<>();
        Set<String> surnames = new HashSet<>();
        for (Events.Entity e : unseen) {
            if (isPerson(e)) {
                List<String> words = NameKeys.personWords(e.name());
                if (!words.isEmpty()) {
                    surnames.add(words.get(words.size() - 1));
                }
            } else {
                keys.addAll(keys(e));
            }
        }
        // "" keeps every IN list non-empty
        keys.add("");
        surnames.add("");
        Set<String> known = new HashSet<>(resolved.values());
        known.add("");
        return Sql.rows(s, """
                SELECT x.id, x.name, x.type, a.alias_key, a.last_word FROM entity_alias a JOIN entity x ON x.id = a.entity_id
                WHERE a.alias_key IN (:keys) OR (a.last_word IN (:surnames) AND x.type = 'PERSON')""",
                params("keys", keys, "surnames", surnames)).invoke(rs -> {
                    for (Object[] r : rs) {
                        String id = (String) r[0];
                        names.put(id, (String) r[1]);
                        index(id, (String) r[2], (String) r[3]);
                    }
                }).chain(() -> Sql.rows(s, "SELECT id, name FROM entity WHERE id IN (:ids)", params("ids", known)))
                .invoke(rs -> rs.forEach(r -> names.putIfAbsent((String) r[0], (String) r[1])))
                .replaceWithVoid();
    }

    private void index(String id, String type, String aliasKey) {
        byKey.computeIfAbsent(type + "|" + aliasKey, k -> new HashSet<>()).add(id);
        if (type.equals("PERSON")) {
            bySurname.computeIfAbsent(aliasKey.substring(aliasKey.lastIndexOf(' ') + 1), k -> new HashSet<>()).add(id);
        }
    }

    /** The entity this unseen one is a name variant of, or null. */
    private Uni<String> variant(Mutiny.Session s, Events.Entity e, Set<String> evidence) {
        if (!isPerson(e)) {
            Set<String> ids = new HashSet<>();
            keys(e).forEach(k -> ids.addAll(byKey.getOrDefault(e.type() + "|" + k, Set.of())));
            return Uni.createFrom().item(ids.size() == 1 ? ids.iterator().next() : null);
        }
        List<String> words = NameKeys.personWords(e.name());
        if (words.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String surname = words.get(words.size() - 1);
        List<String> fitting = new ArrayList<>();
        boolean strong = false;
        for (String id : bySurname.getOrDefault(surname, Set.of())) {
            List<String> other = NameKeys.personWords(names.getOrDefault(id, ""));
            if (!other.isEmpty() && other.get(other.size() - 1).equals(surname)
                    && (other.containsAll(words) || words.containsAll(other))) {
                fitting.add(id);
                strong = other.size() >= 2 && words.size() >= 2;
            }
        }
        if (fitting.size() != 1) {
            return Uni.createFrom().nullItem();
        }
        String candidate = fitting.get(0);
        Uni<Boolean> good = strong ? Uni.createFrom().item(true) : sharesContext(s, candidate, evidence);
        return good.map(ok -> {
            if (!ok) {
                return null;
            }
            // the fuller name becomes the entity's name
            if (e.name().trim().split("\\s+").length > names.get(candidate).trim().split("\\s+").length) {
                names.put(candidate, e.name());
                renamed.add(candidate);
            }
            return candidate;
        });
    }

    /** Whether the candidate and another of the article's entities share an article, in this batch or before. */
    private Uni<Boolean> sharesContext(Mutiny.Session s, String candidate, Set<String> evidence) {
        Set<String> others = new HashSet<>(evidence);
        others.remove(candidate);
        if (others.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        for (String article : articlesOf.getOrDefault(candidate, Set.of())) {
            if (entitiesOf.get(article).stream().anyMatch(others::contains)) {
                return Uni.createFrom().item(true);
            }
        }
        return Sql.count(s, """
                SELECT count(*) FROM (SELECT 1 FROM article_entity mine JOIN article_entity other
                  ON other.article_id = mine.article_id
                WHERE mine.entity_id = :candidate AND other.entity_id IN (:others) LIMIT 1) hit""",
                params("candidate", candidate, "others", others)).map(n -> n > 0);
    }

    private String create(Events.Entity e) {
        created.putIfAbsent(e.id(), e);
        names.put(e.id(), e.name());
        return e.id();
    }

    /** An analysis whose entities are all resolved: its rows wait for {@link #store}, its names join the candidates. */
    private void add(Events.Entities analysis) {
        for (Events.Entity e : analysis.entities()) {
            String id = resolved.get(e.id());
            if (linked.add(e.id())) {
                links.add(Map.of("src", e.id(), "eid", id));
            }
            Set<String> all = new LinkedHashSet<>();
            all.add(e.name());
            all.addAll(e.aliases());
            for (String n : all) {
                String key = key(n);
                if (seenAliases.add(id + "\u0000" + n)) {
                    aliases.add(Map.of("eid", id, "alias", n, "key", key));
                }
                index(id, e.type(), key);
            }
            Map<String, Object> row = new HashMap<>(Map.of("a", analysis.articleId(), "src", e.id(), "eid", id,
                    "name", e.name(), "type", e.type(), "salience", e.salience(), "count", e.mentionCount(),
                    "mentions", e.mentionsJson()));
            if (analysis.publishedAt() != null) {
                row.put("published", analysis.publishedAt().toString());
            }
            rows.add(row);
            articlesOf.computeIfAbsent(id, k -> new HashSet<>()).add(analysis.articleId());
            entitiesOf.computeIfAbsent(analysis.articleId(), k -> new HashSet<>()).add(id);
        }
    }

    /** New entities, new names, links, aliases, article rows and counts: five statements for the whole batch. */
    Uni<Void> store(Mutiny.Session s) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, Object>> entities = new ArrayList<>();
        created.values().forEach(e -> entities.add(Map.of("id", e.id(), "name", names.get(e.id()), "type", e.type())));
        List<Map<String, Object>> names = new ArrayList<>();
        renamed.stream().filter(id -> !created.containsKey(id))
                .forEach(id -> names.add(Map.of("id", id, "name", this.names.get(id))));
        return (entities.isEmpty() ? Uni.createFrom().item(0) : exec(s, """
                INSERT INTO entity (id, name, type)
                SELECT x.id, x.name, x.type FROM json_to_recordset(cast(cast(:rows as text) as json)) AS x(id text, name text, type text)
                ON CONFLICT (id) DO NOTHING""", params("rows", toJson(entities))))
                .chain(() -> names.isEmpty() ? Uni.createFrom().item(0) : exec(s, """
                        UPDATE entity e SET name = x.name
                        FROM json_to_recordset(cast(cast(:rows as text) as json)) AS x(id text, name text) WHERE e.id = x.id""",
                        params("rows", toJson(names))))
                .chain(() -> links.isEmpty() ? Uni.createFrom().item(0) : exec(s, """
                        INSERT INTO entity_link (source_id, entity_id)
                        SELECT DISTINCT ON (x.src) x.src, x.eid FROM json_to_recordset(cast(cast(:rows as text) as json)) AS x(src text, eid text)
                        ON CONFLICT (source_id) DO NOTHING""", params("rows", toJson(links))))
                .chain(() -> exec(s, """
                        INSERT INTO entity_alias (entity_id, alias, alias_key)
                        SELECT x.eid, x.alias, x.key FROM json_to_recordset(cast(cast(:rows as text) as json)) AS x(eid text, alias text, key text)
                        ON CONFLICT DO NOTHING""", params("rows", toJson(aliases))))
                // the rows, their share of their entities' article and mention counts, and the entities that thereby
                // join their type's listing, in one statement
                .chain(() -> exec(s, """
                        WITH stored AS (
                        INSERT INTO article_entity (article_id, source_id, entity_id, name, type, salience, mention_count, mentions,
                                                    published_at)
                        SELECT x.a, x.src, x.eid, x.name, x.type, x.salience, x.count, cast(x.mentions as json),
                               CASE WHEN a.id IS NULL THEN x.published ELSE a.published_at END
                        FROM json_to_recordset(cast(cast(:rows as text) as json))
                          AS x(a text, src text, eid text, name text, type text, salience float8, count int, mentions text,
                               published timestamptz)
                        LEFT JOIN article a ON a.id = x.a
                        ON CONFLICT (article_id, source_id) DO NOTHING
                        RETURNING article_id, entity_id, mention_count),
                        counted AS (
                        UPDATE entity x SET article_count = x.article_count + d.articles, mention_count = x.mention_count + d.mentions
                        FROM (SELECT entity_id, count(DISTINCT article_id) AS articles, sum(mention_count) AS mentions
                              FROM stored GROUP BY entity_id) d
                        WHERE x.id = d.entity_id
                        RETURNING x.type, x.article_count - d.articles AS before)
                        INSERT INTO entity_type_total (type, n) SELECT type, count(*) FROM counted WHERE before = 0 GROUP BY type
                        ON CONFLICT (type) DO UPDATE SET n = entity_type_total.n + excluded.n""", params("rows", toJson(rows))))
                .replaceWithVoid();
    }

    private static boolean isPerson(Events.Entity e) {
        return e.type().equals("PERSON");
    }

    private Set<String> keys(Events.Entity e) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(key(e.name()));
        e.aliases().forEach(a -> keys.add(key(a)));
        return keys;
    }

    private String key(String name) {
        return keyOf.computeIfAbsent(name, NameKeys::key);
    }

    private String toJson(List<Map<String, Object>> rows) {
        return Events.write(json, rows);
    }
}
