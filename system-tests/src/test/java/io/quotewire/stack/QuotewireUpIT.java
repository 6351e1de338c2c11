package io.quotewire.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quotewire.contract.Fixtures;
import io.quotewire.embedded.Ports;
import io.quotewire.stack.Launcher.Launch;

/**
 * Drives {@code ./quotewire up} as a user does (on random ports, with its data under target/): the
 * stack becomes ready, {@code down} and a closed terminal stop it with nothing left behind, and a restart keeps
 * the data. (A killed launcher's next start: {@link SystemIT}.)
 */
@Order(2)
class QuotewireUpIT {

    private static final Path ROOT = Launcher.ROOT;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Launcher launcher = new Launcher();

    /** Even when a test fails: kill what the script started, and the PostgreSQL server pg_ctl detached. */
    @AfterEach
    void leaveNothingBehind() {
        launcher.close();
    }

    @Test
    void upIsReadyEveryWayOfStoppingLeavesNothingAndARestartKeepsTheData() throws Exception {
        Map<String, String> env = Launcher.freshEnvironment(2);
        int kafkaPort = Integer.parseInt(env.get("QUOTEWIRE_KAFKA_PORT"));
        int postgresPort = Integer.parseInt(env.get("QUOTEWIRE_POSTGRES_PORT"));
        List<Integer> servicePorts = Stream.of("QUOTEWIRE_QUERY_PORT", "QUOTEWIRE_INGEST_PORT", "QUOTEWIRE_NLP_PORT")
                .map(v -> Integer.parseInt(env.get(v))).toList();
        List<Integer> allPorts = new ArrayList<>(servicePorts);
        allPorts.addAll(List.of(kafkaPort, postgresPort));

        // first start: empty, all ready, topics created with the configured partitions
        Launch first = launcher.up(env, "--fresh");
        for (int port : servicePorts) {
            assertEquals(200, get("http://localhost:" + port + "/q/health/ready"), "service on " + port + " is ready");
        }
        // nlp-service runs with the JIT option its analysis needs, and only nlp-service; query-service with its collector
        String nlpCommand = first.service("nlp-service").info().commandLine().orElse("");
        assertTrue(nlpCommand.contains(" " + LocalStack.NLP_JVM_OPTIONS + " "), nlpCommand);
        String queryCommand = first.service("query-service").info().commandLine().orElse("");
        assertFalse(queryCommand.contains(LocalStack.NLP_JVM_OPTIONS), queryCommand);
        assertTrue(queryCommand.contains(" " + LocalStack.QUERY_JVM_OPTIONS + " "), queryCommand);
        assertFalse(nlpCommand.contains(LocalStack.QUERY_JVM_OPTIONS), nlpCommand);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort))) {
            Map<String, TopicDescription> topics = admin.describeTopics(LocalStack.TOPICS).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertEquals(LocalStack.TOPICS, topics.keySet());
            topics.values().forEach(t -> assertEquals(io.quotewire.contract.Topics.partitions(t.name(), 2), t.partitions().size(),
                    t.name() + " partitions"));
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("articles", "probe", "kept across restarts")).get(30, TimeUnit.SECONDS);
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/quotewire",
                "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE stack_probe (v text)");
            s.execute("INSERT INTO stack_probe VALUES ('kept across restarts')");
        }
        // ./quotewire ingest sends a folder through the REST API and names what was refused
        Path input = ROOT.resolve("system-tests/target/ingest-input-" + System.nanoTime());
        Files.createDirectories(input.resolve("seeds"));
        Files.writeString(input.resolve("seeds/000.txt"), Fixtures.sample(Fixtures.SAMPLES.get(0)));
        Files.writeString(input.resolve("one.json"), "{\"text\": \"One article as JSON.\", \"source\": \"cli\"}");
        Files.writeString(input.resolve("many.ndjson"),
                "{\"text\": \"First line.\"}\n{\"text\": \"\"}\n\n{\"text\": \"Fourth line.\"}\n");
        Files.writeString(input.resolve("notes.csv"), "ignored,in,a,folder");
        Launch ingest = launcher.start(env, "ingest", input.toString());
        assertTrue(ingest.process().waitFor(120, TimeUnit.SECONDS), "ingest finished");
        String summary = ingest.output();
        assertEquals(1, ingest.process().exitValue(), "a rejected article makes the exit code 1: " + summary);
        assertTrue(summary.contains("Accepted 4 articles, rejected 1"), summary);
        assertTrue(summary.contains("many.ndjson:2: \"text\" is missing or empty"), summary);

        // ./quotewire status from another terminal: pids, ports, readiness
        Launch status = launcher.start(env, "status");
        assertTrue(status.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, status.process().exitValue(), status.output());
        assertTrue(status.output().contains("Quotewire is up (launcher pid " + first.launcherJvm().pid()), status.output());
        for (String service : LocalStack.SERVICES) {
            assertTrue(status.output().contains(service + " ") && status.output().contains("pid " + first.service(service).pid()),
                    status.output());
        }
        assertTrue(Pattern.compile("(?m)^  Kafka +pid " + first.broker().pid() + " +localhost:\\d+  listening$")
                .matcher(status.output()).find(), "the broker's own process: " + status.output());
        assertEquals(3, Pattern.compile(" ready$", Pattern.MULTILINE)
                .matcher(status.output()).results().count(), "three services ready: " + status.output());
        // and each consumer group's backlog, down to nothing once what was ingested is analysed and projected (a
        // group that read under another name would stay behind by everything on its topic)
        Pattern backlog = Pattern.compile("(?m)^  backlog: nlp-service (\\d+) articles; "
                + "query-service articles (\\d+), entities (\\d+), quotes (\\d+), profiles (\\d+)$");
        String seen = status.output();
        long backlogDeadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            Matcher m = backlog.matcher(seen);
            assertTrue(m.find(), "a backlog line: " + seen);
            if (IntStream.rangeClosed(1, 5).allMatch(g -> m.group(g).equals("0"))) {
                break;
            }
            assertTrue(System.nanoTime() < backlogDeadline, "no backlog within 90 s: " + seen);
            Thread.sleep(1000);
            Launch again = launcher.start(env, "status");
            assertTrue(again.process().waitFor(60, TimeUnit.SECONDS));
            seen = again.output();
        }
        // and the dead letters: the probe record above is no article (not JSON), so it is dead-lettered with its reason
        Matcher deadLetters = Pattern.compile("(?m)^  dead letters: articles.dlq (\\d+), entities.dlq (\\d+), "
                + "quotes.dlq (\\d+), profiles.dlq (\\d+) ").matcher(seen);
        assertTrue(deadLetters.find(), "a dead letters line: " + seen);
        assertTrue(Integer.parseInt(deadLetters.group(1)) >= 1, "the probe on articles.dlq: " + seen);
        assertEquals("0 0 0", deadLetters.group(2) + " " + deadLetters.group(3) + " " + deadLetters.group(4), seen);

        // ./quotewire down from another terminal stops it as Ctrl-C does (Ctrl-C itself, and its exit status 0: every
        // other system test ends its stack that way, see Launch.stop)
        List<ProcessHandle> tree = first.processes();
        assertTrue(tree.size() >= 6, "launcher, Kafka, three services and PostgreSQL: " + tree);
        Launch down = launcher.start(env, "down");
        assertTrue(down.process().waitFor(180, TimeUnit.SECONDS), "down finished");
        assertEquals(0, down.process().exitValue(), down.output());
        assertTrue(first.process().waitFor(30, TimeUnit.SECONDS), "the stack's script ended: " + first.output());
        assertTrue(first.output().contains("Stopped."), first.output());
        Launcher.awaitGone(tree);
        for (int port : allPorts) {
            assertTrue(Ports.isFree(port), "port " + port + " is free after the stop");
        }
        Launch after = launcher.start(env, "status");
        assertTrue(after.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals(StackControl.NOT_RUNNING, after.process().exitValue(), after.output());

        // second start on the same data: the record and the table are still there
        Launch second = launcher.up(env);
        assertFalse(second.output().contains("created topics"), "topics already existed: " + second.output());
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort),
                new StringDeserializer(), new StringDeserializer())) {
            // the whole topic, to its end: the probe record exactly once, beside the articles ingested above
            List<TopicPartition> partitions = consumer.partitionsFor("articles").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> probes = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if ("probe".equals(r.key())) {
                        probes.add(r.value());
                    }
                });
            }
            assertEquals(List.of("kept across restarts"), probes);
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/quotewire",
                "postgres", ""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM stack_probe")) {
            assertTrue(rs.next());
            assertEquals("kept across restarts", rs.getString(1));
        }

        // closing the terminal (SIGHUP to the script) stops everything too, rather than leaving it headless (a
        // launcher killed without its stop, kill -9, and the next start: SystemIT's restart)
        List<ProcessHandle> secondTree = second.processes();
        new ProcessBuilder("kill", "-HUP", String.valueOf(second.process().pid())).start().waitFor();
        assertTrue(second.process().waitFor(120, TimeUnit.SECONDS), "the stack stopped on SIGHUP: " + second.output());
        Launcher.awaitGone(secondTree);
        for (int port : allPorts) {
            assertTrue(Ports.isFree(port), "port " + port + " is free after SIGHUP");
        }
    }

    @Test
    void aTakenPortGetsAClearMessageAndNothingStarts() throws Exception {
        Map<String, String> env = Launcher.freshEnvironment(1);
        try (ServerSocket taken = new ServerSocket(0)) {
            env.put("QUOTEWIRE_KAFKA_PORT", String.valueOf(taken.getLocalPort()));
            Launch launch = launcher.start(env, "up", "--no-build");
            assertTrue(launch.process().waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, launch.process().exitValue());
            String out = launch.output();
            assertTrue(out.contains("port " + taken.getLocalPort() + " is already in use"), out);
            assertTrue(out.contains("QUOTEWIRE_KAFKA_PORT"), out);
            assertFalse(out.contains("Exception") || out.contains("\tat "), "no stack trace: " + out);
        }
    }

    @Test
    void aTooOldJdkGetsAClearMessage() throws Exception {
        Path fakeJdk = ROOT.resolve("system-tests/target/fake-jdk-11");
        Path java = fakeJdk.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 11' >&2\n");
        java.toFile().setExecutable(true);
        Launch launch = launcher.start(Map.of("JAVA_HOME", fakeJdk.toString()), "up", "--no-build");
        assertTrue(launch.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, launch.process().exitValue());
        assertTrue(launch.output().contains("needs JDK 17 or newer"), launch.output());
    }

    private static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
