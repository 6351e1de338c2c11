package io.quotewire.embedded.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quotewire.embedded.EmbeddedPostgresServer;

/**
 * Points the application under test at the JVM's embedded PostgreSQL (database
 * {@value TestInfrastructure#DATABASE}), for both the reactive and the JDBC datasource.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        EmbeddedPostgresServer pg = TestInfrastructure.postgres();
        return Map.of(
                "quarkus.datasource.reactive.url", pg.reactiveUrl(TestInfrastructure.DATABASE),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(TestInfrastructure.DATABASE),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        // the server belongs to the JVM, not to one application start: see TestInfrastructure
    }
}
