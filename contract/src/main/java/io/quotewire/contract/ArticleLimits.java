package io.quotewire.contract;

import java.util.Map;

/**
 * What an article may be: ingest-service refuses anything beyond it (400 naming the field), so that whatever it
 * accepts the read model can store and index. Consumers still read other producers' records tolerantly.
 */
public final class ArticleLimits {

    /** The longest text, in UTF-8 bytes (the default of {@code quotewire.ingest.max-text-bytes}). */
    public static final int MAX_TEXT_BYTES = 1024 * 1024;
    /** The longest value, in characters, of each field but {@code text}. */
    public static final Map<String, Integer> MAX_CHARS = Map.of(
            "title", 1000, "url", 2048, "source", 200, "author", 500, "language", 35);
    /** {@code publishedAt} lies within these years (ISO-8601's four-digit years; there is no year 0). */
    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9999;

    private ArticleLimits() {
    }
}
