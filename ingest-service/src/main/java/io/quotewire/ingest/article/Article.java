package io.quotewire.ingest.article;

/**
 * An article as a user submitted it, validated: {@code text} is non-blank, {@code url} (if any) is an
 * absolute http(s) URL, {@code publishedAt} (if any) is normalised ISO-8601.
 */
public record Article(String text, String title, String url, String source, String author, String language,
        String publishedAt) {

    /**
     * The longest value, in characters, of each field but {@code text} (whose limit is in UTF-8 bytes,
     * {@code quotewire.ingest.max-text-bytes}). Part of the article contract: what ingest accepts the read model
     * can store and index.
     */
    public static final java.util.Map<String, Integer> MAX_CHARS = java.util.Map.of(
            "title", 1000, "url", 2048, "source", 200, "author", 500, "language", 35);
    /** {@code publishedAt} lies within these years (ISO-8601's four-digit years; there is no year 0). */
    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9999;

    /** This article with {@code title}, {@code url} and {@code source} filled in from defaults where it has none. */
    public Article withDefaults(String defaultTitle, String defaultUrl, String defaultSource) {
        return new Article(text, title != null ? title : defaultTitle, url != null ? url : defaultUrl,
                source != null ? source : defaultSource, author, language, publishedAt);
    }
}
