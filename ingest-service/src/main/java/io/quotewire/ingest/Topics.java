package io.quotewire.ingest;

/** The Kafka topics and channels of ingest-service, one place for code and tests. */
public final class Topics {

    /** Articles as accepted: key article id, value {@code ArticleSubmitted}. */
    public static final String ARTICLES = "articles";

    private Topics() {
    }
}
