package io.quotewire.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quotewire.embedded.Ports;

/**
 * Drives {@code ./quotewire up} as a user does (on random ports, with its data under target/): the
 * stack becomes ready, Ctrl-C stops it with nothing left behind, and a restart keeps the data.
 */
class QuotewireUpIT {

    private static final Path ROOT = Path.of(System.getProperty("quotewire.root", "../..")).toAbsolutePath().normalize();
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(240);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Process> launched = new ArrayList<>();
    private final List<Path> homes = new ArrayList<>();

    /** Even when a test fails: kill what the script started, and the PostgreSQL server pg_ctl detached. */
    @AfterEach
    void leaveNothingBehind() {
        for (Process p : launched) {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        for (Path home : homes) {
            try {
                Path pidFile = home.resolve("postgres/postmaster.pid");
                if (Files.exists(pidFile)) {
                    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy); // SIGTERM: smart shutdown
                }
            } catch (IOException | RuntimeException e) {
                // nothing to stop
            }
        }
    }

    @Test
    void upIsReadyCtrlCStopsEverythingAndARestartKeepsTheData() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("QUOTEWIRE_HOME", ROOT.resolve("deploy/local-stack/target/stack-home-" + System.nanoTime()).toString());
        env.put("QUOTEWIRE_PARTITIONS", "2");
        int kafkaPort = port(env, "QUOTEWIRE_KAFKA_PORT");
        int postgresPort = port(env, "QUOTEWIRE_POSTGRES_PORT");
        List<Integer> servicePorts = List.of(port(env, "QUOTEWIRE_QUERY_PORT"), port(env, "QUOTEWIRE_INGEST_PORT"),
                port(env, "QUOTEWIRE_NLP_PORT"));
        List<Integer> allPorts = new ArrayList<>(servicePorts);
        allPorts.addAll(List.of(kafkaPort, postgresPort));

        // first start: empty, all ready, topics created with the configured partitions
        Launch first = up(env, "--fresh");
        for (int port : servicePorts) {
            assertEquals(200, get("http://localhost:" + port + "/q/health/ready"), "service on " + port + " is ready");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort))) {
            Map<String, TopicDescription> topics = admin.describeTopics(LocalStack.TOPICS).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertEquals(LocalStack.TOPICS, topics.keySet());
            topics.values().forEach(t -> assertEquals(2, t.partitions().size(), t.name() + " partitions"));
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
        List<ProcessHandle> tree = stackProcesses(first, env);
        assertTrue(tree.size() >= 5, "launcher, three services and PostgreSQL: " + tree);

        first.interrupt();
        assertEquals(0, first.process.exitValue(), "a stop the user asked for is a success");
        assertTrue(first.output().contains("Stopped."), first.output());
        awaitGone(tree);
        for (int port : allPorts) {
            assertTrue(Ports.isFree(port), "port " + port + " is free after the stop");
        }

        // second start on the same data: the record and the table are still there
        Launch second = up(env);
        assertFalse(second.output().contains("created topics"), "topics already existed: " + second.output());
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort,
                ConsumerConfig.GROUP_ID_CONFIG, "stack-probe", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("articles"));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
            assertEquals(List.of("kept across restarts"), values);
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/quotewire",
                "postgres", ""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM stack_probe")) {
            assertTrue(rs.next());
            assertEquals("kept across restarts", rs.getString(1));
        }

        // ./quotewire ingest sends a folder through the REST API and names what was refused
        Path input = ROOT.resolve("deploy/local-stack/target/ingest-input-" + System.nanoTime());
        Files.createDirectories(input.resolve("seeds"));
        try (var seed = QuotewireUpIT.class.getResourceAsStream("/bench/000_f6c6e8ee842b0466.txt")) {
            Files.copy(seed, input.resolve("seeds/000.txt"));
        }
        Files.writeString(input.resolve("one.json"), "{\"text\": \"One article as JSON.\", \"source\": \"cli\"}");
        Files.writeString(input.resolve("many.ndjson"),
                "{\"text\": \"First line.\"}\n{\"text\": \"\"}\n\n{\"text\": \"Fourth line.\"}\n");
        Files.writeString(input.resolve("notes.csv"), "ignored,in,a,folder");
        Launch ingest = start(env, "ingest", input.toString());
        assertTrue(ingest.process.waitFor(120, TimeUnit.SECONDS), "ingest finished");
        String summary = ingest.output();
        assertEquals(1, ingest.process.exitValue(), "a rejected article makes the exit code 1: " + summary);
        assertTrue(summary.contains("Accepted 4 articles, rejected 1"), summary);
        assertTrue(summary.contains("many.ndjson:2: \"text\" is missing or empty"), summary);

        List<ProcessHandle> secondTree = stackProcesses(second, env);
        second.interrupt();
        awaitGone(secondTree);
    }

    @Test
    void aTakenPortGetsAClearMessageAndNothingStarts() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("QUOTEWIRE_HOME", ROOT.resolve("deploy/local-stack/target/stack-home-" + System.nanoTime()).toString());
        for (String name : List.of("QUOTEWIRE_POSTGRES_PORT", "QUOTEWIRE_QUERY_PORT", "QUOTEWIRE_INGEST_PORT",
                "QUOTEWIRE_NLP_PORT")) {
            port(env, name);
        }
        try (ServerSocket taken = new ServerSocket(0)) {
            env.put("QUOTEWIRE_KAFKA_PORT", String.valueOf(taken.getLocalPort()));
            Launch launch = start(env, "up", "--no-build");
            assertTrue(launch.process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, launch.process.exitValue());
            String out = launch.output();
            assertTrue(out.contains("port " + taken.getLocalPort() + " is already in use"), out);
            assertTrue(out.contains("QUOTEWIRE_KAFKA_PORT"), out);
            assertFalse(out.contains("Exception") || out.contains("\tat "), "no stack trace: " + out);
        }
    }

    @Test
    void aTooOldJdkGetsAClearMessage() throws Exception {
        Path fakeJdk = ROOT.resolve("deploy/local-stack/target/fake-jdk-11");
        Path java = fakeJdk.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 11' >&2\n");
        java.toFile().setExecutable(true);
        Launch launch = start(Map.of("JAVA_HOME", fakeJdk.toString()), "up", "--no-build");
        assertTrue(launch.process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, launch.process.exitValue());
        assertTrue(launch.output().contains("needs JDK 17 or newer"), launch.output());
    }

    private record Launch(Process process, Path log) {
        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        /** What Ctrl-C in the terminal does: SIGINT to the script; then wait for the whole stop. */
        void interrupt() throws Exception {
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                fail("the stack did not stop within 120 s of SIGINT:\n" + output());
            }
        }
    }

    private Launch up(Map<String, String> env, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("up", "--no-build"));
        args.addAll(List.of(flags));
        Launch launch = start(env, args.toArray(String[]::new));
        long deadline = System.nanoTime() + UP_TIMEOUT.toNanos();
        while (!launch.output().contains("Quotewire is up.")) {
            if (!launch.process.isAlive()) {
                fail("./quotewire up exited with " + launch.process.exitValue() + ":\n" + launch.output());
            }
            if (System.nanoTime() > deadline) {
                fail("./quotewire up was not ready within " + UP_TIMEOUT + ":\n" + launch.output());
            }
            Thread.sleep(200);
        }
        return launch;
    }

    private Launch start(Map<String, String> env, String... args) throws IOException {
        Path log = ROOT.resolve("deploy/local-stack/target/quotewire-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>();
        // Run the script with SIGINT at its default disposition, as a terminal does, even when this
        // JVM was itself started with SIGINT ignored (a background job of a non-interactive shell).
        if (Files.isExecutable(Path.of("/usr/bin/perl"))) {
            command.addAll(List.of("/usr/bin/perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!"));
        }
        command.add(ROOT.resolve("quotewire").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        if (env.containsKey("QUOTEWIRE_HOME")) {
            homes.add(Path.of(env.get("QUOTEWIRE_HOME")));
        }
        builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        launched.add(process);
        return new Launch(process, log);
    }

    /** Everything the script started: its descendants, and the PostgreSQL postmaster, which pg_ctl detaches. */
    private static List<ProcessHandle> stackProcesses(Launch launch, Map<String, String> env) throws IOException {
        List<ProcessHandle> all = new ArrayList<>(launch.process.descendants().toList());
        Path pidFile = Path.of(env.get("QUOTEWIRE_HOME"), "postgres", "postmaster.pid");
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle.of(postmaster).ifPresent(all::add);
        return all;
    }

    private static int port(Map<String, String> env, String name) {
        int port = Ports.freePort();
        env.put(name, String.valueOf(port));
        return port;
    }

    private static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void awaitGone(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<String> left = processes.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        assertEquals(List.of(), left, "processes left behind after the stop");
    }
}
