package io.quotewire.query;

/** The Kafka topics and channels of query-service, one place for code and tests. */
public final class Topics {

    public static final String ARTICLES = "articles";
    public static final String ENTITIES = "entities";
    public static final String QUOTES = "quotes";
    public static final String ARTICLES_DLQ = ARTICLES + ".dlq";
    public static final String ENTITIES_DLQ = ENTITIES + ".dlq";
    public static final String QUOTES_DLQ = QUOTES + ".dlq";

    /** Channels reading the three topics (consumer group {@code query-service}). */
    public static final String ARTICLES_IN = "articles-in";
    public static final String ENTITIES_IN = "entities-in";
    public static final String QUOTES_IN = "quotes-in";
    /** Where events that cannot be projected go: the topic's {@code .dlq}, set per record. */
    public static final String DEAD_LETTERS_OUT = "dead-letters-out";

    private Topics() {
    }
}
