package io.quotewire.ingest.article;

/**
 * An article as a user submitted it, validated: {@code text} is non-blank, {@code url} (if any) is an
 * absolute http(s) URL, {@code publishedAt} (if any) is normalised ISO-8601.
 */
public record Article(String text, String title, String url, String source, String author, String language,
        String publishedAt) {

    /** This article with {@code title}, {@code url} and {@code source} filled in from defaults where it has none. */
    public Article withDefaults(String defaultTitle, String defaultUrl, String defaultSource) {
        return new Article(text, title != null ? title : defaultTitle, url != null ? url : defaultUrl,
                source != null ? source : defaultSource, author, language, publishedAt);
    }
}
