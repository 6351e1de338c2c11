package io.quotewire.contract;

import java.util.List;
import java.util.Set;

/** The Kafka topics of a Quotewire installation: the three event topics and a dead-letter topic beside each input. */
public final class Topics {

    /** Articles as accepted: key the article id, value {@code ArticleSubmitted}, CloudEvents headers. */
    public static final String ARTICLES = "articles";
    /** One {@code EntitiesExtracted} per analysed article revision, keyed by article id. */
    public static final String ENTITIES = "entities";
    /** One {@code QuotesExtracted} per analysed article revision, keyed by article id. */
    public static final String QUOTES = "quotes";
    /**
     * One {@code ArticleProfiled} per analysed article revision (its embedding, main entities and quote ids), keyed
     * by article id, in <b>one partition</b>: stories are assigned in this topic's single order, so every
     * instance and every rebuild makes the same stories.
     */
    public static final String PROFILES = "profiles";
    /** Records of a topic that could not be read or processed, with the reason in {@code dead-letter-reason}. */
    public static final String ARTICLES_DLQ = ARTICLES + ".dlq";
    public static final String ENTITIES_DLQ = ENTITIES + ".dlq";
    public static final String QUOTES_DLQ = QUOTES + ".dlq";
    public static final String PROFILES_DLQ = PROFILES + ".dlq";

    /** Every topic, in a stable order. */
    public static final Set<String> ALL = new java.util.LinkedHashSet<>(List.of(ARTICLES, ENTITIES, QUOTES, PROFILES,
            ARTICLES_DLQ, ENTITIES_DLQ, QUOTES_DLQ, PROFILES_DLQ));

    /** How many partitions {@code topic} has in an installation whose topics have {@code partitions}: {@link #PROFILES} has one. */
    public static int partitions(String topic, int partitions) {
        return topic.equals(PROFILES) ? 1 : partitions;
    }

    /**
     * The largest record, in bytes: the topics' {@code max.message.bytes} and every producer's
     * {@code max.request.size}. An article at the text limit, JSON-escaped, and the events of any analysis fit.
     */
    public static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;

    private Topics() {
    }
}
