package io.quotewire.bench;

import java.net.URI;

import picocli.CommandLine.Option;

/** The running stack's ingest and query addresses, as options a benchmark mixes in (picocli {@code @Mixin}). */
final class StackAddresses {

    @Option(names = "--ingest-url", paramLabel = "URL", description = "ingest-service (default http://localhost:QUOTEWIRE_INGEST_PORT or 8081)")
    URI ingestUrl;
    @Option(names = "--query-url", paramLabel = "URL", description = "query-service (default http://localhost:QUOTEWIRE_QUERY_PORT or 8080)")
    URI queryUrl;

    URI ingest() {
        return ingestUrl != null ? ingestUrl : local("QUOTEWIRE_INGEST_PORT", "8081");
    }

    URI query() {
        return queryUrl != null ? queryUrl : local("QUOTEWIRE_QUERY_PORT", "8080");
    }

    private static URI local(String portVariable, String port) {
        return URI.create("http://localhost:" + System.getenv().getOrDefault(portVariable, port));
    }
}
