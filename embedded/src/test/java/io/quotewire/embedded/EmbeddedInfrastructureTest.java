package io.quotewire.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quotewire.contract.Topics;

/** The embedded servers are real, and what they hold survives a restart on the same directory. */
class EmbeddedInfrastructureTest {

    private static final Path ROOT = Path.of("target", "embedded-test").toAbsolutePath();
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @Test
    void kafkaKeepsTopicsAndRecordsAcrossARestart() throws Exception {
        Path dir = ROOT.resolve("kafka-" + System.nanoTime());
        int port = Ports.freePort();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, port, STARTUP)) {
            assertEquals(List.of("greetings"), kafka.createTopics(Set.of("greetings"), 3));
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("greetings", "k1", "hello")).get();
            }
        }
        assertTrue(Ports.isFree(port), "the broker's port is released when it stops");

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, port, STARTUP)) {
            assertEquals(List.of(), kafka.createTopics(Set.of("greetings"), 3), "the topic is still there");
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("greetings"));
                ConsumerRecord<String, String> got = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (got == null && System.nanoTime() < deadline) {
                    for (var r : consumer.poll(Duration.ofMillis(500))) {
                        got = r;
                    }
                }
                assertTrue(got != null, "the record written before the restart is read after it");
                assertEquals("k1", got.key());
                assertEquals("hello", got.value());
            }
        }
    }

    /**
     * The local stack's topics keep what the contract says (the analysis topics compacted, so the read model can be
     * rebuilt however old the articles are), and an existing topic created with the broker's default retention (7
     * days, deleted) is brought in line.
     */
    @Test
    void topicsGetTheContractsRetentionWhetherNewOrExisting() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(ROOT.resolve("kafka-" + System.nanoTime()), Ports.freePort(), STARTUP)) {
            kafka.createTopics(Set.of(Topics.QUOTES), 2);
            assertEquals(List.of(Topics.ENTITIES, Topics.ARTICLES_DLQ).stream().sorted().toList(),
                    kafka.createTopics(Set.of(Topics.QUOTES, Topics.ENTITIES, Topics.ARTICLES_DLQ), 2, Topics::retention)
                            .stream().sorted().toList());
            try (var admin = kafka.admin()) {
                for (String topic : List.of(Topics.QUOTES, Topics.ENTITIES, Topics.ARTICLES_DLQ)) {
                    var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                    var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                    Topics.retention(topic).forEach((key, value) -> assertEquals(value, config.get(key).value(), topic + " " + key));
                }
            }
        }
    }

    @Test
    void postgresKeepsDataAcrossARestart() throws Exception {
        Path dir = ROOT.resolve("pg-" + System.nanoTime());
        Path binaries = ROOT.resolve("pg-binaries");
        int port = Ports.freePort();
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir, binaries, port, STARTUP)) {
            assertTrue(pg.createDatabase("quotewire"));
            assertFalse(pg.createDatabase("quotewire"), "an existing database is left alone");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("quotewire"), "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v text)");
                s.execute("INSERT INTO t VALUES ('kept')");
            }
        }
        assertTrue(Ports.isFree(port), "the server's port is released when it stops");

        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir, binaries, port, STARTUP);
                Connection c = DriverManager.getConnection(pg.jdbcUrl("quotewire"), "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v FROM t")) {
            assertTrue(rs.next());
            assertEquals("kept", rs.getString(1));
        }
    }
}
