package io.quotewire.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real Apache Kafka broker in KRaft mode (one combined broker and controller node), run inside
 * this JVM. Its log directory survives {@link #close()}, so a broker started again on the same
 * directory keeps its topics and records.
 */
public final class EmbeddedKafka implements AutoCloseable {

    static {
        // A fatal fault in the broker (a listener that cannot bind, a log directory it cannot write) halts the JVM
        // that runs it, with only a log line to say why. Whoever started it, the launcher's user or a test, learns
        // at least that Kafka did it and where the reason is.
        Exit.setHaltProcedure((status, message) -> {
            System.err.printf("Kafka stopped this process after a fatal fault (status %d)%s; Kafka's log (for the "
                    + "local stack, logs/kafka.log) says why%n", status, message == null ? "" : ": " + message);
            Runtime.getRuntime().halt(status);
        });
    }

    private final int port;
    private final KafkaRaftServer server;

    private EmbeddedKafka(int port, KafkaRaftServer server) {
        this.port = port;
        this.server = server;
    }

    /**
     * Formats {@code dataDir} if it holds no broker yet and starts a broker whose clients connect on
     * {@code localhost:port}. Returns when the broker accepts client requests.
     */
    public static EmbeddedKafka start(Path dataDir, int port, Duration timeout) {
        try {
            Files.createDirectories(dataDir);
            Path logDir = dataDir.resolve("logs").toAbsolutePath();
            Properties props = serverProperties(logDir, port, Ports.kernelPort());
            Path config = dataDir.resolve("server.properties");
            try (Writer out = Files.newBufferedWriter(config)) {
                props.store(out, "written by Quotewire's embedded Kafka; rewritten at every start");
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(config);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(port, server);
            try {
                kafka.awaitReady(timeout);
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka's directory " + dataDir, e);
        }
    }

    private static Properties serverProperties(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        // records up to 8 MiB, as the Kubernetes topics take: a 1 MiB article (ingest's limit) and its events fit
        p.setProperty("message.max.bytes", String.valueOf(io.quotewire.contract.Topics.MAX_RECORD_BYTES));
        p.setProperty("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        return p;
    }

    private static void format(Path config) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {
                    "format", "--config", config.toString(),
                    "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted" }, out);
        }
        if (status != 0) {
            throw new IllegalStateException("formatting Kafka's storage failed: "
                    + captured.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * Whether a broker answers on {@code bootstrapServers} with its cluster's nodes within two seconds (a broker
     * that is not up yet, or is recovering its logs, does not).
     */
    public static boolean isReady(String bootstrapServers) {
        try (Admin admin = admin(bootstrapServers)) {
            return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                }
                sleep(100);
            }
        }
        throw new IllegalStateException("Kafka on port " + port + " was not ready within " + timeout, last);
    }

    /**
     * Creates each topic that does not exist yet with {@code partitions} partitions (one for a topic the
     * contract keeps in one partition: {@code Topics.partitions}) and the broker's default configuration.
     */
    public List<String> createTopics(Set<String> names, int partitions) {
        return createTopics(names, partitions, name -> Map.of());
    }

    /**
     * Creates each topic that does not exist yet, as {@link #createTopics(Set, int)} does, with the configuration
     * {@code config} gives it ({@code Topics.retention}); a topic that exists gets that configuration set (a
     * topic created before it was configured, by an older version, is brought in line).
     */
    public List<String> createTopics(Set<String> names, int partitions, Function<String, Map<String, String>> config) {
        return createTopics(bootstrapServers(), names, partitions, config);
    }

    /** {@link #createTopics(Set, int, Function)} on the broker at {@code bootstrapServers}. */
    public static List<String> createTopics(String bootstrapServers, Set<String> names, int partitions,
            Function<String, Map<String, String>> config) {
        List<String> created = new ArrayList<>();
        try (Admin admin = admin(bootstrapServers)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            for (String name : names) {
                Map<String, String> wanted = config.apply(name);
                if (existing.contains(name) && !wanted.isEmpty()) {
                    changes.put(new ConfigResource(ConfigResource.Type.TOPIC, name), wanted.entrySet().stream()
                            .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                            .toList());
                }
            }
            if (!changes.isEmpty()) {
                admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
            }
            List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, io.quotewire.contract.Topics.partitions(n, partitions), (short) 1)
                            .configs(config.apply(n))).toList();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot list or configure topics", e);
        }
        return created;
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return admin(bootstrapServers());
    }

    /** An admin client for the broker at {@code bootstrapServers}; the caller closes it. */
    public static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Stops the broker cleanly (its log directory is kept). */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
