package io.quotewire.ingest.article;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quotewire.contract.ArticleIds;
import io.quotewire.contract.ArticleLimits;
import io.quotewire.contract.DateLines;
import io.quotewire.contract.http.ProblemException;
import io.quotewire.ingest.IngestConfig;

/** Turns a request body (JSON, plain text or HTML) into a validated {@link Article}, or says what is wrong. */
@ApplicationScoped
public class ArticleReader {

    private static final java.util.Set<String> FIELDS = java.util.Set.of(
            "text", "title", "url", "source", "author", "language", "publishedAt");

    private final ObjectMapper json;
    private final int maxTextBytes;

    public ArticleReader(ObjectMapper json, IngestConfig config) {
        this.json = json;
        this.maxTextBytes = config.maxTextBytes();
    }

    public Article fromJson(byte[] body) {
        return fromJson(decode(body, null));
    }

    /**
     * One JSON object with at least {@code text}; fields of the wrong type are errors, unknown fields are ignored. A
     * leading {@code date YYYY-MM-DD} in the text is taken out of it, and is the publishedAt unless the object has one.
     */
    public Article fromJson(String body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            // a limit of the parser (nesting over 1,000 deep, a number of over 1,000 digits) has no location
            throw ProblemException.badRequest(e.getLocation() == null ? "malformed JSON: " + e.getOriginalMessage()
                    : "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("expected a JSON object with at least \"text\", got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (FIELDS.contains(field.getKey()) && !field.getValue().isNull() && !field.getValue().isTextual()) {
                throw ProblemException.badRequest("field \"" + field.getKey() + "\" must be a string, got "
                        + field.getValue().getNodeType().toString().toLowerCase());
            }
        }
        String text = string(node, "text");
        String publishedAt = string(node, "publishedAt");
        DateLines.Split dateLine = text == null ? null : DateLines.leading(text);
        if (dateLine != null) {
            // as in plain text; a publishedAt of its own wins over the text's
            text = dateLine.rest();
            publishedAt = publishedAt != null && !publishedAt.isBlank() ? publishedAt : dateLine.date();
        }
        return article(text, string(node, "title"), string(node, "url"), string(node, "source"),
                string(node, "author"), string(node, "language"), publishedAt);
    }

    /** Plain text; an optional leading {@code date YYYY-MM-DD} ({@link DateLines}) sets publishedAt and is removed. */
    public Article fromText(byte[] body, String charset) {
        String text = decode(body, charset);
        DateLines.Split dateLine = DateLines.leading(text);
        return dateLine == null ? article(text, null, null, null, null, null, null)
                : article(dateLine.rest(), null, null, null, null, null, dateLine.date());
    }

    /** HTML: the readable text of the article and its metadata, by a real HTML parser. */
    public Article fromHtml(byte[] body, String charset) {
        Document doc = Jsoup.parse(decode(body, charset));
        String title = firstNonBlank(meta(doc, "og:title"), doc.title(), doc.select("h1").text());
        String url = firstNonBlank(doc.select("link[rel=canonical]").attr("href"), meta(doc, "og:url"));
        String published = firstNonBlank(meta(doc, "article:published_time"), meta(doc, "date"),
                doc.select("time[datetime]").attr("datetime"));
        Element root = firstNonNull(doc.selectFirst("article"), doc.selectFirst("main"), doc.body());
        String text = root == null ? "" : readableText(root);
        return article(text, title, url.isBlank() ? null : url, blankToNull(meta(doc, "og:site_name")),
                blankToNull(meta(doc, "author")), blankToNull(doc.select("html").attr("lang")),
                published.isBlank() ? null : published);
    }

    private static String readableText(Element root) {
        Element copy = root.clone();
        copy.select("script, style, noscript, template, nav, header, footer, aside, form, figure, figcaption, "
                + "iframe, svg, button, [aria-hidden=true], .caption, .byline, .credit").remove();
        StringBuilder out = new StringBuilder();
        String blocks = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre";
        for (Element block : copy.select(blocks)) {
            // a block inside another block is part of the outer one's text
            if (block.parents().stream().noneMatch(p -> p.is(blocks))) {
                String t = block.text().trim();
                if (!t.isEmpty()) {
                    out.append(t).append("\n\n");
                }
            }
        }
        return out.isEmpty() ? copy.text() : out.toString().trim();
    }

    private Article article(String text, String title, String url, String source, String author, String language,
            String publishedAt) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("\"text\" is missing or empty: an article needs its text");
        }
        text = text.strip();
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxTextBytes) {
            throw ProblemException.tooLarge("the text is " + bytes + " bytes; the limit is " + maxTextBytes
                    + " bytes (quotewire.ingest.max-text-bytes)");
        }
        return validated(new Article(text, blankToNull(title), blankToNull(url), blankToNull(source),
                blankToNull(author), blankToNull(language), publishedAt == null ? null : normaliseDate(publishedAt)));
    }

    /**
     * The article as the contract allows it, or a 400 problem naming the field: every field within its length
     * ({@link ArticleLimits#MAX_CHARS}), no NUL or unpaired surrogate (neither can be stored or written as UTF-8), a URL
     * that is absolute http(s), a publication date within years 1-9999. Checked after the query parameters'
     * defaults are applied, so a default is held to the same rules as a field.
     */
    Article validated(Article a) {
        check("text", a.text());
        check("title", a.title());
        check("url", a.url());
        check("source", a.source());
        check("author", a.author());
        check("language", a.language());
        if (a.url() != null) {
            try {
                ArticleIds.canonicalUrl(a.url());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("\"url\" " + a.url() + " is " + e.getMessage());
            }
        }
        return a;
    }

    private static void check(String field, String value) {
        if (value == null) {
            return;
        }
        Integer max = ArticleLimits.MAX_CHARS.get(field);
        if (max != null && value.length() > max) {
            throw ProblemException.badRequest("\"" + field + "\" has " + value.length() + " characters; the limit is " + max);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw ProblemException.badRequest("\"" + field + "\" contains a NUL character (U+0000) at offset " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ProblemException.badRequest("\"" + field + "\" contains an unpaired surrogate (U+"
                        + Integer.toHexString(c).toUpperCase() + ") at offset " + i);
            }
        }
    }

    /**
     * ISO date stays a date; a date-time becomes an instant (UTC when it names no offset). Either lies within
     * the years {@link ArticleLimits#MIN_YEAR}-{@link ArticleLimits#MAX_YEAR}.
     */
    static String normaliseDate(String value) {
        String v = value.trim();
        java.time.temporal.Temporal t = parseDate(value, v);
        int year = t instanceof LocalDate d ? d.getYear() : ((java.time.Instant) t).atOffset(ZoneOffset.UTC).getYear();
        if (year < ArticleLimits.MIN_YEAR || year > ArticleLimits.MAX_YEAR) {
            throw ProblemException.badRequest("\"publishedAt\" '" + value + "' is outside the years "
                    + ArticleLimits.MIN_YEAR + "-" + ArticleLimits.MAX_YEAR);
        }
        return t.toString();
    }

    private static java.time.temporal.Temporal parseDate(String value, String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException notAnOffsetDateTime) {
                try {
                    return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw ProblemException.badRequest("\"publishedAt\" '" + abbreviated(value) + "' is not an ISO date "
                            + "(2020-08-20) or date-time (2020-08-20T14:30:00Z)");
                }
            }
        }
    }

    private static String abbreviated(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }

    /** Strict decoding: invalid bytes are an error, not replacement characters. UTF-8 unless a charset is named. */
    static String decode(byte[] body, String charset) {
        Charset cs = StandardCharsets.UTF_8;
        if (charset != null && !charset.isBlank()) {
            try {
                cs = Charset.forName(charset.trim());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("unknown charset '" + charset + "'");
            }
        }
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("the body is not valid " + cs.name() + ": " + e.getMessage());
        }
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String meta(Document doc, String name) {
        Element e = doc.selectFirst("meta[property=" + name + "], meta[name=" + name + "]");
        return e == null ? "" : e.attr("content");
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return "";
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
