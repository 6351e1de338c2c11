package io.quotewire.query;

/** The Kafka topics and channels of query-service, one place for code and tests. */
public final class Topics {

    public static final String ARTICLES = "articles";
    public static final String ENTITIES = "entities";
    public static final String QUOTES = "quotes";
    public static final String ARTICLES_DLQ = ARTICLES + ".dlq";
    public static final String ENTITIES_DLQ = ENTITIES + ".dlq";
    public static final String QUOTES_DLQ = QUOTES + ".dlq";

    private Topics() {
    }
}
