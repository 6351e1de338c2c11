package io.quotewire.contract;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /** The dead-letter topics, in the order of the topics beside which they stand. */
    public static final List<String> DEAD_LETTERS = List.of(ARTICLES_DLQ, ENTITIES_DLQ, QUOTES_DLQ, PROFILES_DLQ);

    /** Every topic, in a stable order. */
    public static final Set<String> ALL = new java.util.LinkedHashSet<>(List.of(ARTICLES, ENTITIES, QUOTES, PROFILES,
            ARTICLES_DLQ, ENTITIES_DLQ, QUOTES_DLQ, PROFILES_DLQ));

    /** How many partitions {@code topic} has in an installation whose topics have {@code partitions}: {@link #PROFILES} has one. */
    public static int partitions(String topic, int partitions) {
        return topic.equals(PROFILES) ? 1 : partitions;
    }

    /**
     * How long {@code topic} keeps its records, as topic configuration: the analysis topics are compacted (the latest
     * analysis of every article stays, so the read model, stories included, can always be rebuilt from offset 0;
     * compaction leaves the last hour alone), {@link #ARTICLES} keeps 7 days (what nlp-service has yet to read, or
     * would read again), a dead-letter topic 30 days. The local stack creates its topics with this; the Kubernetes
     * topics ({@code deploy/kubernetes/components/kafka-topics}) declare the same, which their test checks.
     */
    public static Map<String, String> retention(String topic) {
        if (topic.equals(ENTITIES) || topic.equals(QUOTES) || topic.equals(PROFILES)) {
            return Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", String.valueOf(Duration.ofHours(1).toMillis()));
        }
        Duration kept = DEAD_LETTERS.contains(topic) ? Duration.ofDays(30) : Duration.ofDays(7);
        return Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(kept.toMillis()));
    }

    /**
     * The largest record, in bytes: the topics' {@code max.message.bytes} and every producer's
     * {@code max.request.size}. An article at the text limit, JSON-escaped, and the events of any analysis fit.
     */
    public static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;

    private Topics() {
    }
}
