package io.quotewire.query.api;

import static io.quotewire.query.Sql.params;
import static io.quotewire.query.Sql.strings;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import io.quotewire.contract.NameKeys;

/** An entity reference in a query parameter: a read-model id, an id nlp-service gave it, or a name or alias. */
final class EntityRefs {

    /** How many of an entity's latest articles its co-mentions (related entities, graph) are counted over. */
    static final int RECENT_ARTICLES = 500;

    /**
     * The latest {@value #RECENT_ARTICLES} articles of entity {@code :id} by publication, as an array of article
     * ids for {@code article_id = ANY (...)}: co-mentions stay cheap for entities in tens of thousands of articles,
     * and say who is mentioned with it lately. One index range ({@code article_entity_recent}), the publication
     * date being kept on {@code article_entity}; the articles' rows are then fetched in a single index scan
     * rather than probed one by one.
     */
    static final String RECENT = """
            ARRAY(SELECT ae.article_id FROM article_entity ae WHERE ae.entity_id = :id
                  ORDER BY ae.published_at DESC NULLS LAST, ae.article_id DESC LIMIT %d)""".formatted(RECENT_ARTICLES);

    /**
     * The entities that share most of entity {@code :id}'s {@link #RECENT} articles with it, at most
     * {@code :limit}: rows of (entity id, shared articles), most shared first. Each (article, entity) pair
     * counts once, hashed rather than sorted, and ties go by id in byte order.
     */
    static final String CO_MENTIONED = """
            SELECT entity_id, count(*) AS n FROM (
                SELECT DISTINCT other.article_id, other.entity_id FROM article_entity other
                WHERE other.article_id = ANY (%s) AND other.entity_id <> :id) shared
            GROUP BY entity_id ORDER BY n DESC, entity_id COLLATE "C" LIMIT :limit
            """.formatted(RECENT);

    private EntityRefs() {
    }

    /** The read-model ids that reference {@code :ref} (key {@code :key}) names: an id, an nlp id, or a name or alias. */
    private static final String REFERENCED = """
            SELECT id FROM entity WHERE id = :ref
            UNION SELECT entity_id FROM entity_link WHERE source_id = :ref
            UNION SELECT entity_id FROM entity_alias WHERE alias_key = :key""";

    static Uni<List<String>> resolve(String ref) {
        return byReference(REFERENCED, ref);
    }

    /**
     * The nlp ids (what quote occurrences name their speakers by) of the entities a reference names: a read-model
     * id, an id nlp-service gave, or a name or alias.
     */
    static Uni<List<String>> sources(String ref) {
        return byReference("SELECT l.source_id FROM entity_link l WHERE l.entity_id IN (" + REFERENCED
                + ") ORDER BY l.source_id", ref);
    }

    /** The strings {@code sql} answers for reference {@code ref}; none for no reference. */
    private static Uni<List<String>> byReference(String sql, String ref) {
        if (ref == null) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(s -> strings(s, sql, params("ref", ref, "key", NameKeys.key(ref))));
    }

    /** The read-model id for id {@code :id} (following a merge): a query answering at most one row. */
    static final String CANONICAL = """
            SELECT id FROM entity WHERE id = :id
            UNION SELECT entity_id FROM entity_link WHERE source_id = :id LIMIT 1""";

    /**
     * The one read-model entity a reference names, for what is about one entity: the entity of an id (following a
     * merge), else, of those a name or alias names, the one in most articles (ties by id).
     */
    static final String ONE = """
            SELECT id FROM entity WHERE id IN (%s)
            ORDER BY id = :ref OR id IN (SELECT entity_id FROM entity_link WHERE source_id = :ref) DESC,
                     article_count DESC, id COLLATE "C" LIMIT 1""".formatted(REFERENCED);

    /** The read-model id of the one entity {@code ref} names ({@link #ONE}), or null. */
    static Uni<String> one(String ref) {
        return byReference(ONE, ref).map(ids -> ids.isEmpty() ? null : ids.get(0));
    }
}
