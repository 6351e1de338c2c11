package io.quotewire.query.story;

import static io.quotewire.query.Sql.exec;
import static io.quotewire.query.Sql.params;
import static io.quotewire.query.Sql.rows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Assigns articles to stories, a batch of profiles per transaction, and keeps the stories in the read model.
 * The transaction first locks the watermark row (the position of the last profile applied), so instances never
 * assign at once (while partitions move, two may hold the one partition for a moment); the in-memory index is
 * reloaded from the read model whenever its position differs from the watermark (at start, after another instance
 * assigned, after a failed transaction). A profile at or before the watermark, or of an article that already has a
 * story, changes nothing: replays and duplicates are harmless, and an article stays in the story it first joined.
 */
@ApplicationScoped
public class Stories {

    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final StoryRules rules = StoryRules.DEFAULT;
    /** Used by one transaction at a time (the watermark row lock); null until loaded. */
    private volatile StoryIndex index;

    public Stories(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Assigns the batch's new articles; answers the ids of the articles that got a story. Two statements: the
     * watermark (locked) with the batch's articles that already have a story, then all the writes.
     */
    public Uni<List<String>> assign(Mutiny.Session s, List<Profile> batch) {
        return rows(s, """
                SELECT w.last_seq, a.article_id FROM story_watermark w
                LEFT JOIN story_article a ON a.article_id IN (:ids)
                WHERE w.id = 1 FOR UPDATE OF w""", params("ids", batch.stream().map(Profile::articleId).distinct().toList()))
                .chain(rs -> {
                    long watermark = ((Number) rs.get(0)[0]).longValue();
                    Set<String> assigned = new HashSet<>();
                    rs.stream().filter(r -> r[1] != null).forEach(r -> assigned.add((String) r[1]));
                    return current(s, watermark).chain(idx -> apply(s, idx, watermark, batch, assigned));
                });
    }

    private Uni<StoryIndex> current(Mutiny.Session s, long watermark) {
        StoryIndex idx = index;
        if (idx != null && idx.appliedSeq() == watermark) {
            return Uni.createFrom().item(idx);
        }
        index = null;
        return rows(s, """
                SELECT id, first_seq, last_seq, article_count, first_at, last_at, central_article_id, state::text, summary
                FROM story ORDER BY last_seq DESC LIMIT :n""", params("n", rules.capacity()))
                .map(rs -> {
                    List<Story> loaded = new ArrayList<>();
                    for (Object[] r : rs) {
                        loaded.add(story(r));
                    }
                    return StoryIndex.of(rules, loaded, watermark);
                });
    }

    private Uni<List<String>> apply(Mutiny.Session s, StoryIndex idx, long watermark, List<Profile> batch, Set<String> assigned) {
        List<StoryIndex.Assignment> done = new ArrayList<>();
        long last = watermark;
        for (Profile p : batch) {
            last = Math.max(last, p.seq());
            if (p.seq() <= watermark || !assigned.add(p.articleId())) {
                continue;
            }
            done.add(idx.assign(p));
        }
        idx.appliedThrough(last);
        index = idx;
        List<Story> touched = idx.drainTouched();
        List<Map<String, Object>> storyRows = new ArrayList<>();
        for (Story st : touched) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", st.id);
            row.put("first_seq", st.firstSeq);
            row.put("last_seq", st.lastSeq);
            row.put("n", st.articles);
            row.put("first_at", st.first == null ? null : st.first.toString());
            row.put("last_at", st.last == null ? null : st.last.toString());
            row.put("central", st.central);
            row.put("summary", st.summary);
            row.put("state", stateOf(st));
            storyRows.add(row);
        }
        List<Map<String, Object>> articleRows = new ArrayList<>();
        for (StoryIndex.Assignment a : done) {
            Map<String, Object> row = new HashMap<>();
            row.put("a", a.articleId());
            row.put("s", a.storyId());
            row.put("seq", a.seq());
            row.put("score", Double.isNaN(a.score()) ? null : a.score());
            articleRows.add(row);
        }
        // one statement: the stories, then their articles (the foreign key is checked at the statement's end), then
        // the watermark
        return exec(s, """
                WITH stories AS (
                  INSERT INTO story (id, first_seq, last_seq, article_count, first_at, last_at, central_article_id,
                                     summary, state)
                  SELECT x.id, x.first_seq, x.last_seq, x.n, x.first_at, x.last_at, x.central, x.summary,
                         cast(x.state as jsonb)
                  FROM json_to_recordset(cast(cast(:stories as text) as json))
                    AS x(id text, first_seq bigint, last_seq bigint, n int, first_at timestamptz, last_at timestamptz,
                         central text, summary text, state text)
                  ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq, article_count = excluded.article_count,
                    first_at = excluded.first_at, last_at = excluded.last_at,
                    central_article_id = excluded.central_article_id, summary = excluded.summary,
                    state = excluded.state),
                articles AS (
                  INSERT INTO story_article (article_id, story_id, seq, score)
                  SELECT x.a, x.s, x.seq, x.score FROM json_to_recordset(cast(cast(:articles as text) as json))
                    AS x(a text, s text, seq bigint, score real)
                  ON CONFLICT (article_id) DO NOTHING)
                UPDATE story_watermark SET last_seq = :seq WHERE id = 1""",
                params("stories", write(storyRows), "articles", write(articleRows), "seq", last))
                .map(x -> done.stream().map(StoryIndex.Assignment::articleId).toList());
    }

    /** What assignment needs of a story beyond its columns, as the JSON of {@code story.state}. */
    String stateOf(Story st) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("sum", vector(st.sum));
        state.put("centralEmbedding", st.centralEmbedding == null ? null : vector(st.centralEmbedding));
        state.put("entities", st.entities);
        state.put("places", new TreeSet<>(st.places));
        state.put("keys", st.keys);
        state.put("leads", st.leads);
        state.put("datedFirst", st.datedFirst == null ? null : st.datedFirst.toString());
        state.put("datedLast", st.datedLast == null ? null : st.datedLast.toString());
        return write(state);
    }

    /**
     * A story as {@code story} stores it: id, first_seq, last_seq, article_count, first_at, last_at,
     * central_article_id, state, summary.
     */
    @SuppressWarnings("unchecked")
    Story story(Object[] r) {
        Map<String, Object> state;
        try {
            state = json.readValue((String) r[7], STATE);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Double> entities = new HashMap<>();
        ((Map<String, Number>) state.get("entities")).forEach((k, v) -> entities.put(k, v.doubleValue()));
        Map<String, Long> keys = new HashMap<>();
        ((Map<String, Number>) state.get("keys")).forEach((k, v) -> keys.put(k, v.longValue()));
        // a story saved before places were kept has none: it is held to no place until an article joins it
        Set<String> places = new HashSet<>((List<String>) state.getOrDefault("places", List.of()));
        // nor leads, before they were kept: it is held to no one's absence until articles join it
        Map<String, Integer> leads = new HashMap<>();
        ((Map<String, Number>) state.getOrDefault("leads", Map.of())).forEach((k, v) -> leads.put(k, v.intValue()));
        String central = (String) state.get("centralEmbedding");
        String datedFirst = (String) state.get("datedFirst"), datedLast = (String) state.get("datedLast");
        return new Story((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).intValue(),
                vector((String) state.get("sum")), (String) r[6], central == null ? null : vector(central), (String) r[8],
                r[4] == null ? null : ((OffsetDateTime) r[4]).toInstant(), r[5] == null ? null : ((OffsetDateTime) r[5]).toInstant(),
                datedFirst == null ? null : Instant.parse(datedFirst), datedLast == null ? null : Instant.parse(datedLast),
                entities, places, keys, leads);
    }

    /** A vector as Base64 of its little-endian floats: exact, so a reloaded index scores as the live one did. */
    static String vector(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    static float[] vector(String s) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
