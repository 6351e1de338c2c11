package io.quotewire.contract;

/** The CloudEvents {@code type} and {@code source} of each event (binary mode: {@code ce_type}, {@code ce_source}). */
public final class EventTypes {

    public static final String ARTICLE_SUBMITTED = "io.quotewire.article.submitted.v1";
    public static final String ENTITIES_EXTRACTED = "io.quotewire.entities.extracted.v1";
    public static final String QUOTES_EXTRACTED = "io.quotewire.quotes.extracted.v1";
    public static final String ARTICLE_PROFILED = "io.quotewire.article.profiled.v1";

    public static final String INGEST_SOURCE = "/quotewire/ingest-service";
    public static final String NLP_SOURCE = "/quotewire/nlp-service";

    private EventTypes() {
    }
}
