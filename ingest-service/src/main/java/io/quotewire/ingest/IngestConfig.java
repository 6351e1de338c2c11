package io.quotewire.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** ingest-service's own settings ({@code quotewire.ingest.*}, env {@code QUOTEWIRE_INGEST_*}), each default once. */
@ConfigMapping(prefix = "quotewire.ingest")
public interface IngestConfig {

    /** The longest article text accepted, in UTF-8 bytes (1 MiB). */
    @WithDefault("1048576")
    int maxTextBytes();

    Batch batch();

    /** How long a request waits for Kafka's acknowledgement before it is answered 503. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** API keys; none: no key needed. See {@link io.quotewire.contract.http.ApiKeys}. */
    Optional<List<String>> apiKeys();

    /** The NDJSON batch endpoint's limits. */
    interface Batch {

        @WithDefault("10000")
        int maxLines();

        /** 64 MiB. */
        @WithDefault("67108864")
        long maxBytes();
    }
}
