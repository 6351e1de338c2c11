package io.quotewire.embedded;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The topics a Quotewire installation has, created by the local stack and by the test broker:
 * the three event topics, and a dead-letter topic beside each consumer input.
 */
public final class QuotewireTopics {

    public static final Set<String> ALL = new LinkedHashSet<>(List.of(
            "articles", "entities", "quotes", "articles.dlq", "entities.dlq", "quotes.dlq"));

    private QuotewireTopics() {
    }
}
