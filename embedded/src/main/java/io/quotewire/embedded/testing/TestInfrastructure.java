package io.quotewire.embedded.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.quotewire.contract.Topics;
import io.quotewire.embedded.EmbeddedKafka;
import io.quotewire.embedded.EmbeddedPostgresServer;
import io.quotewire.embedded.Ports;

/**
 * One Kafka broker (with the Quotewire topics) and one PostgreSQL server per test JVM, started on first use on random ports,
 * with their files under {@code target/embedded/}, and stopped when the JVM exits. Quarkus may
 * restart the application under test several times (test profiles); the servers outlive those
 * restarts.
 */
public final class TestInfrastructure {

    public static final String DATABASE = "quotewire";
    private static final Path ROOT = Path.of("target", "embedded").toAbsolutePath();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** More than one, so that tests meet the same key-to-partition routing as production. */
    public static final int TOPIC_PARTITIONS = 3;
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;

    private TestInfrastructure() {
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start(ROOT.resolve("kafka-" + RUN), Ports.freePort(), STARTUP);
            kafka.createTopics(Topics.ALL, TOPIC_PARTITIONS);
            EmbeddedKafka started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-kafka-stop"));
        }
        return kafka;
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start(ROOT.resolve("postgres-" + RUN), ROOT.resolve("pg-binaries"),
                    Ports.freePort(), STARTUP);
            postgres.createDatabase(DATABASE);
            EmbeddedPostgresServer started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-postgres-stop"));
        }
        return postgres;
    }
}
