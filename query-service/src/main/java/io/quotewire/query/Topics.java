package io.quotewire.query;

/** The Kafka topics and channels of query-service, one place for code and tests. */
public final class Topics {

    public static final String ARTICLES = io.quotewire.contract.Topics.ARTICLES;
    public static final String ENTITIES = io.quotewire.contract.Topics.ENTITIES;
    public static final String QUOTES = io.quotewire.contract.Topics.QUOTES;
    public static final String ARTICLES_DLQ = io.quotewire.contract.Topics.ARTICLES_DLQ;
    public static final String ENTITIES_DLQ = io.quotewire.contract.Topics.ENTITIES_DLQ;
    public static final String QUOTES_DLQ = io.quotewire.contract.Topics.QUOTES_DLQ;
    public static final String PROFILES = io.quotewire.contract.Topics.PROFILES;
    public static final String PROFILES_DLQ = io.quotewire.contract.Topics.PROFILES_DLQ;

    /** Channels reading the four topics, each in its group: {@link io.quotewire.contract.ConsumerGroups#query(String)}. */
    public static final String ARTICLES_IN = "articles-in";
    public static final String ENTITIES_IN = "entities-in";
    public static final String QUOTES_IN = "quotes-in";
    public static final String PROFILES_IN = "profiles-in";
    /** Where events that cannot be projected go: the topic's {@code .dlq}, set per record. */
    public static final String DEAD_LETTERS_OUT = "dead-letters-out";

    private Topics() {
    }
}
