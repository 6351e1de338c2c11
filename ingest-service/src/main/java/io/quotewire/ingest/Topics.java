package io.quotewire.ingest;

/** The Kafka topics and channels of ingest-service, one place for code and tests. */
public final class Topics {

    /** Articles as accepted: key article id, value {@code ArticleSubmitted}, CloudEvents headers. */
    public static final String ARTICLES = io.quotewire.contract.Topics.ARTICLES;
    /** The outgoing channel that writes to {@link #ARTICLES}. */
    public static final String ARTICLES_OUT = "articles-out";

    private Topics() {
    }
}
