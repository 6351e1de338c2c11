package io.quotewire.query.projection;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.quotewire.query.story.Profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quotewire.contract.ArticleIds;
import io.quotewire.contract.DateLines;
import io.quotewire.contract.NameKeys;

/**
 * What the projection reads from the three topics, tolerantly: unknown fields are ignored, optional ones
 * may be missing, and an event that lacks what the read model needs is refused with a reason (it goes to
 * its dead-letter topic).
 */
public final class Events {

    /** An event that cannot be projected, and why. */
    static final class Unprojectable extends RuntimeException {
        Unprojectable(String reason) {
            super(reason);
        }
    }

    record Article(String id, String revision, String title, String url, String source, String author,
            String language, OffsetDateTime publishedAt, OffsetDateTime ingestedAt, String text) {
    }

    record Entity(String id, String name, String type, List<String> aliases, double salience, int mentionCount,
            String mentionsJson) {
    }

    /**
     * What the entities and quotes events of an article have in common: which analysis they are. Of two analyses
     * of an article, the one of the revision ingested later wins ({@code articleIngestedAt}), whatever order
     * they were made or arrive in; of two analyses of one revision, the later made ({@code analyzedAt}).
     */
    interface Analysis {
        String articleId();

        String revision();

        /** When the analysed revision of the article was ingested, or null (an older producer). */
        OffsetDateTime articleIngestedAt();

        OffsetDateTime analyzedAt();

        String analyzerVersion();
    }

    /** @param publishedAt the article's, when the event says (it may come before the article), else null */
    record Entities(String articleId, String revision, OffsetDateTime articleIngestedAt, OffsetDateTime analyzedAt,
            String analyzerVersion,
            OffsetDateTime publishedAt, List<Entity> entities) implements Analysis {
    }

    record Quote(String id, String text, int start, int end, String speakerEntityId, String speakerName,
            String speakerMentionJson, String cueJson) {
    }

    record Quotes(String articleId, String revision, OffsetDateTime articleIngestedAt, OffsetDateTime analyzedAt,
            String analyzerVersion,
            List<Quote> quotes) implements Analysis {
    }

    /** The longest source the read model keeps (the article contract's limit; the column is indexed). */
    static final int MAX_SOURCE_CHARS = 200;
    /** The longest story summary line kept (the profile contract's limit). */
    static final int MAX_SUMMARY_CHARS = 300;

    private Events() {
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
    }

    /** The time if within years 1-9999 (what PostgreSQL and ISO-8601 both hold), else null. */
    private static OffsetDateTime withinYears(OffsetDateTime t) {
        return t == null || t.getYear() < 1 || t.getYear() > 9999 ? null : t;
    }

    /**
     * The record's JSON object, with every string made storable: PostgreSQL takes no NUL character (in text or
     * json) and no unpaired surrogate, so each becomes a space (the same length: offsets into the text still
     * hold). ingest-service refuses both; other producers may write them.
     */
    static JsonNode parse(ObjectMapper json, String value) {
        if (value == null || value.isBlank()) {
            throw new Unprojectable("the record has no value");
        }
        try {
            JsonNode node = json.readTree(value);
            if (node == null || !node.isObject()) {
                throw new Unprojectable("the value is not a JSON object");
            }
            if (value.indexOf('\u0000') >= 0 || value.contains("\\u0000") || hasSurrogates(value)) {
                storable(node);
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Unprojectable("the value is not JSON: " + e.getOriginalMessage());
        }
    }

    private static boolean hasSurrogates(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isSurrogate(value.charAt(i))) {
                return true;
            }
        }
        return value.contains("\\ud") || value.contains("\\uD");
    }

    private static void storable(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            for (var it = object.fields(); it.hasNext();) {
                var field = it.next();
                if (field.getValue().isTextual()) {
                    field.setValue(com.fasterxml.jackson.databind.node.TextNode.valueOf(storable(field.getValue().asText())));
                } else {
                    storable(field.getValue());
                }
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, com.fasterxml.jackson.databind.node.TextNode.valueOf(storable(array.get(i).asText())));
                } else {
                    storable(array.get(i));
                }
            }
        }
    }

    /** NUL characters and unpaired surrogates as spaces. */
    static String storable(String s) {
        char[] chars = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                i++;
            } else if (c == 0 || Character.isSurrogate(c)) {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = ' ';
            }
        }
        return chars == null ? s : new String(chars);
    }

    /** An {@code ArticleSubmitted}; without id or revision (a plain client's record), derived as the contract says. */
    static Article article(JsonNode n, OffsetDateTime recordTime) {
        String text = text(n, "text");
        if (text == null || text.isBlank()) {
            throw new Unprojectable("the article has no \"text\"");
        }
        String url = text(n, "url");
        String id = text(n, "id");
        if (id == null) {
            id = ArticleIds.idOf(url, text);
        }
        String revision = text(n, "revision");
        if (revision == null) {
            revision = ArticleIds.revision(text);
        }
        OffsetDateTime ingested = hint(n, "ingestedAt");
        // what another producer may write beyond the contract's limits is kept as far as it can be stored: a
        // source cut to its indexed length, a publication date outside years 1-9999 (or unreadable) left out
        OffsetDateTime published = withinYears(hint(n, "publishedAt"));
        if (published == null && !n.hasNonNull("publishedAt")) {
            published = dateLine(text); // the sample files' "date YYYY-MM-DD", which ingest-service would have read
        }
        return new Article(id, revision, text(n, "title"), url, cut(text(n, "source"), MAX_SOURCE_CHARS),
                text(n, "author"), text(n, "language"), published,
                ingested != null ? withinYears(ingested) != null ? ingested : recordTime : recordTime, text);
    }

    static Entities entities(ObjectMapper json, JsonNode n, OffsetDateTime recordTime) {
        String articleId = required(n, "articleId");
        List<Entity> entities = new ArrayList<>();
        for (JsonNode e : array(n, "entities")) {
            String id = required(e, "id");
            String name = required(e, "name");
            List<String> aliases = new ArrayList<>();
            for (JsonNode a : e.path("aliases")) {
                if (a.isTextual()) {
                    aliases.add(a.asText());
                }
            }
            JsonNode mentions = e.path("mentions");
            entities.add(new Entity(id, name, e.path("type").asText("UNKNOWN"), aliases, e.path("salience").asDouble(0),
                    mentions.isArray() ? mentions.size() : 0, write(json, mentions.isArray() ? mentions : json.createArrayNode())));
        }
        return new Entities(articleId, revisionOf(n), notAfter(hint(n, "articleIngestedAt"), recordTime),
                notAfter(analyzedAt(n), recordTime), text(n, "analyzerVersion"), hint(n, "publishedAt"), entities);
    }

    /**
     * An {@code ArticleProfiled} at position {@code seq} of the profiles topic. Its time: {@code publishedAt}, else
     * the date its text states ({@code dateline}), both <em>stated</em>; else the middle of the month its link names
     * ({@code datelineMonth}), else when the article was ingested, else the record's (none
     * later than the record's; to the millisecond, as the read model stores it back). An
     * embedding of another size than {@link Profile#DIMENSIONS}, or none, counts as zeros.
     */
    public static Profile profile(JsonNode n, long seq, OffsetDateTime recordTime) {
        String articleId = required(n, "articleId");
        OffsetDateTime time = withinYears(hint(n, "publishedAt"));
        if (time == null) {
            time = withinYears(notAfter(hint(n, "dateline"), recordTime));
        }
        boolean dated = time != null;
        if (time == null) {
            // the month its link names: closer than when an archived article was ingested, but no stated day
            time = withinYears(notAfter(middleOf(n, "datelineMonth"), recordTime));
        }
        if (time == null) {
            time = notAfter(hint(n, "articleIngestedAt"), recordTime);
        }
        if (time == null || withinYears(time) == null) {
            time = recordTime;
        }
        float[] embedding = new float[Profile.DIMENSIONS];
        JsonNode e = n.path("embedding");
        if (e.isArray() && e.size() == Profile.DIMENSIONS) {
            for (int i = 0; i < embedding.length; i++) {
                embedding[i] = (float) e.get(i).asDouble(0);
            }
        }
        Profile.Entities entities = new Profile.Entities();
        for (JsonNode entity : n.path("entities")) {
            String id = text(entity, "id");
            if (id != null) {
                entities.add(id, entity.path("type").asText(""), Math.max(0, entity.path("salience").asDouble(0)),
                        entity.path("lead").asBoolean(false));
            }
        }
        Set<String> quoteIds = new TreeSet<>();
        for (JsonNode q : n.path("quoteIds")) {
            if (q.isTextual()) {
                quoteIds.add(q.asText());
            }
        }
        return entities.profile(articleId, revisionOf(n), seq, time.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                dated, embedding, quoteIds, cut(text(n, "summary"), MAX_SUMMARY_CHARS));
    }

    static Quotes quotes(ObjectMapper json, JsonNode n, OffsetDateTime recordTime) {
        String articleId = required(n, "articleId");
        List<Quote> quotes = new ArrayList<>();
        for (JsonNode q : array(n, "quotes")) {
            String text = required(q, "text");
            String id = text(q, "id");
            JsonNode speaker = q.path("speaker");
            JsonNode mention = speaker.path("mention");
            JsonNode cue = q.path("cue");
            quotes.add(new Quote(id != null ? id : NameKeys.quoteId(text), text,
                    q.path("start").asInt(-1), q.path("end").asInt(-1), text(speaker, "entityId"), text(speaker, "name"),
                    mention.isObject() ? write(json, mention) : null, cue.isObject() ? write(json, cue) : null));
        }
        return new Quotes(articleId, revisionOf(n), notAfter(hint(n, "articleIngestedAt"), recordTime),
                notAfter(analyzedAt(n), recordTime), text(n, "analyzerVersion"), quotes);
    }

    /** How far an event's own times may lie after its record's time (clocks of producers and brokers differ). */
    static final Duration CLOCK_SKEW = Duration.ofHours(1);

    /**
     * {@code t}, but no later than the record's time plus {@link #CLOCK_SKEW}: an analysis time forged far into the
     * future would otherwise win over every later analysis of its article. The record's time is part of the
     * record, so a replay of the topic clamps the same way.
     */
    private static OffsetDateTime notAfter(OffsetDateTime t, OffsetDateTime recordTime) {
        if (t == null || recordTime == null) {
            return t;
        }
        OffsetDateTime latest = recordTime.plus(CLOCK_SKEW);
        return t.isAfter(latest) ? latest : t;
    }

    private static String revisionOf(JsonNode n) {
        String revision = text(n, "revision");
        return revision == null ? "" : revision;
    }

    private static OffsetDateTime analyzedAt(JsonNode n) {
        OffsetDateTime t = time(n, "analyzedAt");
        if (t == null) {
            throw new Unprojectable("\"analyzedAt\" is missing: the projection cannot tell a newer analysis from an older one");
        }
        return t;
    }

    private static Iterable<JsonNode> array(JsonNode n, String field) {
        JsonNode a = n.get(field);
        if (a == null || !a.isArray()) {
            throw new Unprojectable("\"" + field + "\" is missing or not an array");
        }
        return a;
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.isBlank()) {
            throw new Unprojectable("\"" + field + "\" is missing or empty");
        }
        return v;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    /** An ISO date (start of that day, UTC) or date-time; null when absent; refused when it does not parse. */
    static OffsetDateTime time(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return java.time.Instant.parse(v).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new Unprojectable("\"" + field + "\" is not an ISO date or date-time: " + v);
            }
        }
    }

    /** The date a text opens with as {@code date YYYY-MM-DD} ({@link DateLines}), at midnight UTC; null if none or no date. */
    private static OffsetDateTime dateLine(String text) {
        DateLines.Split line = DateLines.leading(text);
        return line == null || line.day() == null ? null : line.day().atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** The middle ({@link Profile#middleOf}) of the month a field names as {@code YYYY-MM}; null when it names none. */
    private static OffsetDateTime middleOf(JsonNode n, String field) {
        String v = text(n, field);
        try {
            return v == null ? null : Profile.middleOf(java.time.YearMonth.parse(v)).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An optional time that only saves work (the read model has it from elsewhere too): null when it does not parse. */
    private static OffsetDateTime hint(JsonNode n, String field) {
        try {
            return time(n, field);
        } catch (Unprojectable e) {
            return null;
        }
    }

    /** JSON text of a node, or of rows for a {@code json_to_recordset} parameter. */
    static String write(ObjectMapper json, Object node) {
        try {
            return json.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
