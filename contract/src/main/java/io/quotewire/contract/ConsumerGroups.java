package io.quotewire.contract;

import java.util.List;

/**
 * The consumer groups of a Quotewire installation: whose committed offsets say how far each service has read
 * (the lag that dashboards and the autoscaler read).
 */
public final class ConsumerGroups {

    /** nlp-service's instances, reading {@link Topics#ARTICLES}. */
    public static final String NLP = "nlp-service";

    /**
     * query-service reads each of its four topics in a group of its own, {@code query-service-<topic>}: a consumer
     * that joins or leaves (a start, a stop, a rejoin after the broker was away) rebalances only the consumers of
     * its topic, not every consumer of the instance one after another.
     */
    public static String query(String topic) {
        return "query-service-" + topic;
    }

    /** The topics query-service projects, each read in {@link #query(String)}'s group. */
    public static final List<String> QUERY_TOPICS = List.of(Topics.ARTICLES, Topics.ENTITIES, Topics.QUOTES, Topics.PROFILES);

    private ConsumerGroups() {
    }
}
