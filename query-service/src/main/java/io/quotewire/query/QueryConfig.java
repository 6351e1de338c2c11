package io.quotewire.query;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** query-service's own settings ({@code quotewire.query.*}, env {@code QUOTEWIRE_QUERY_*}), each default once. */
@ConfigMapping(prefix = "quotewire.query")
public interface QueryConfig {

    /**
     * How long an API request may wait for the database before it is answered with a 503 problem (Retry-After): a
     * database that is frozen or unreachable must not hang the caller.
     */
    @WithDefault("5s")
    Duration requestTimeout();

    /** How long the live feed keeps its events: a client can resume after a disconnection this long. */
    @WithDefault("7d")
    Duration feedRetention();

    /** API keys; none: no key needed. See {@link io.quotewire.contract.http.ApiKeys}. */
    Optional<List<String>> apiKeys();
}
