package io.quotewire.nlp;

/** The Kafka topics and channels of nlp-service, one place for code and tests. */
public final class Topics {

    /** Input: articles to analyse. */
    public static final String ARTICLES = io.quotewire.contract.Topics.ARTICLES;
    /** Articles that could not be read or analysed, with the reason in headers. */
    public static final String ARTICLES_DLQ = io.quotewire.contract.Topics.ARTICLES_DLQ;
    /** Output: one {@code EntitiesExtracted} per article. */
    public static final String ENTITIES = io.quotewire.contract.Topics.ENTITIES;
    /** Output: one {@code QuotesExtracted} per article. */
    public static final String QUOTES = io.quotewire.contract.Topics.QUOTES;

    /** Output: one {@code ArticleProfiled} per article, in the topic's one partition. */
    public static final String PROFILES = io.quotewire.contract.Topics.PROFILES;

    /** The channel reading {@link #ARTICLES} (consumer group {@code nlp-service}). */
    public static final String ARTICLES_IN = "articles-in";
    /** The channel writing {@link #ENTITIES}. */
    public static final String ENTITIES_OUT = "entities-out";
    /** The channel writing {@link #QUOTES}. */
    public static final String QUOTES_OUT = "quotes-out";
    /** The channel writing {@link #PROFILES}. */
    public static final String PROFILES_OUT = "profiles-out";

    private Topics() {
    }
}
