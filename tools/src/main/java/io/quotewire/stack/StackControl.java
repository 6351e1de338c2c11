package io.quotewire.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.quotewire.contract.ConsumerGroups;
import io.quotewire.contract.Topics;
import io.quotewire.embedded.Ports;

/**
 * What {@code ./quotewire status} and {@code ./quotewire down} do: the stack started by {@code ./quotewire up} with the
 * same {@code QUOTEWIRE_HOME}, seen and stopped from any terminal.
 */
public final class StackControl {

    /** Exit status of {@code status} when no stack runs (as LSB's "program is not running"). */
    static final int NOT_RUNNING = 3;
    private static final Duration STOP_WAIT = Duration.ofSeconds(150);

    private StackControl() {
    }

    /** Prints what runs, with pids, ports and readiness; 0 when all of it runs and is ready. */
    static int status(StackConfig config, PrintStream out) {
        Optional<ProcessHandle> launcher = LocalStack.launcherPid(config);
        Properties ports = ports(config);
        if (launcher.isEmpty()) {
            out.println("Quotewire is not running (QUOTEWIRE_HOME " + config.home() + ").");
            boolean left = false;
            Map<String, Optional<ProcessHandle>> leftovers = new LinkedHashMap<>();
            for (String name : LocalStack.instances(config)) {
                leftovers.put(name, LocalStack.servicePid(config, name));
            }
            leftovers.put("Kafka", LocalStack.kafkaPid(config));
            leftovers.put("PostgreSQL", LocalStack.postgresPid(config));
            for (var e : leftovers.entrySet()) {
                if (e.getValue().isPresent()) {
                    out.printf("  but %s is (pid %d), left by a launcher that did not stop: ./quotewire down stops it%n",
                            e.getKey(), e.getValue().get().pid());
                    left = true;
                }
            }
            return left ? 1 : NOT_RUNNING;
        }
        out.printf("Quotewire is up (launcher pid %d, QUOTEWIRE_HOME %s)%n", launcher.get().pid(), config.home());
        boolean allReady = true;
        for (String name : LocalStack.instances(config)) {
            int port = Integer.parseInt(ports.getProperty(name, String.valueOf(config.port(LocalStack.serviceOf(name)))));
            Optional<ProcessHandle> p = LocalStack.servicePid(config, name);
            String state = p.isEmpty() ? "not running (restarting?)" : readiness(port);
            allReady &= state.equals("ready");
            out.printf("  %-15s pid %-8s http://localhost:%d  %s%n", name, p.map(h -> String.valueOf(h.pid())).orElse("-"),
                    port, state);
        }
        int kafkaPort = Integer.parseInt(ports.getProperty("kafka", String.valueOf(config.kafkaPort())));
        Optional<ProcessHandle> broker = LocalStack.kafkaPid(config);
        boolean kafkaUp = broker.isPresent() && !Ports.isFree(kafkaPort);
        allReady &= kafkaUp;
        out.printf("  %-15s pid %-8s localhost:%d  %s%n", "Kafka", broker.map(h -> String.valueOf(h.pid())).orElse("-"),
                kafkaPort, kafkaUp ? "listening" : broker.isEmpty() ? "not running (restarting?)" : "NOT LISTENING");
        int pgPort = Integer.parseInt(ports.getProperty("postgres", String.valueOf(config.postgresPort())));
        Optional<ProcessHandle> pg = LocalStack.postgresPid(config);
        boolean pgUp = pg.isPresent() && !Ports.isFree(pgPort);
        allReady &= pgUp;
        out.printf("  %-15s pid %-8s localhost:%d  %s%n", "PostgreSQL", pg.map(h -> String.valueOf(h.pid())).orElse("-"),
                pgPort, pgUp ? "listening" : "NOT LISTENING");
        if (kafkaUp) {
            out.println("  " + backlogAndDeadLetters(kafkaPort));
        }
        return allReady ? 0 : 1;
    }

    /**
     * Two lines: how many records each consumer group has still to read (its backlog: "backlog: nlp-service 0
     * articles; query-service articles 0, entities 0, quotes 0, profiles 0"; no failure, work still to do), and how
     * many each dead-letter topic holds; or why Kafka cannot tell.
     */
    static String backlogAndDeadLetters(int kafkaPort) {
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            List<String> topics = new ArrayList<>(ConsumerGroups.QUERY_TOPICS);
            topics.addAll(Topics.DEAD_LETTERS);
            Extent extent = Extent.of(admin, topics);
            Map<String, Long> behind = backlog(admin, extent);
            StringBuilder line = new StringBuilder("backlog: ").append(ConsumerGroups.NLP).append(' ')
                    .append(behind.get(ConsumerGroups.NLP)).append(" articles; query-service");
            String separator = " ";
            for (String topic : ConsumerGroups.QUERY_TOPICS) {
                line.append(separator).append(topic).append(' ').append(behind.get(ConsumerGroups.query(topic)));
                separator = ", ";
            }
            line.append("\n  dead letters:");
            separator = " ";
            for (String topic : Topics.DEAD_LETTERS) {
                line.append(separator).append(topic).append(' ').append(extent.after(Map.of(), topic));
                separator = ", ";
            }
            return line.append(" (their reason in the dead-letter-reason header)").toString();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return "backlog: unknown (" + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "backlog: unknown (interrupted)";
        }
    }

    /**
     * The records each consumer group of the stack has still to read, by group: the end of its topic's partitions
     * less what it committed there, or less their start where it committed nothing.
     */
    static Map<String, Long> backlog(Admin admin) throws ExecutionException, TimeoutException, InterruptedException {
        return backlog(admin, Extent.of(admin, ConsumerGroups.QUERY_TOPICS));
    }

    /** {@link #backlog(Admin)} with the topics' partitions and offsets read already. */
    private static Map<String, Long> backlog(Admin admin, Extent extent)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, Long> groups = new LinkedHashMap<>();
        groups.put(ConsumerGroups.NLP, extent.after(committed(admin, ConsumerGroups.NLP), Topics.ARTICLES));
        for (String topic : ConsumerGroups.QUERY_TOPICS) {
            groups.put(ConsumerGroups.query(topic), extent.after(committed(admin, ConsumerGroups.query(topic)), topic));
        }
        return groups;
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group)
            throws ExecutionException, TimeoutException, InterruptedException {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    }

    /** The partitions of some topics with their first and next offsets, read in one request each. */
    private record Extent(Map<String, List<TopicPartition>> partitions, Map<TopicPartition, Long> starts,
            Map<TopicPartition, Long> ends) {

        static Extent of(Admin admin, Collection<String> topics)
                throws ExecutionException, TimeoutException, InterruptedException {
            Map<String, List<TopicPartition>> partitions = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, d) -> partitions.put(topic,
                    d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList()));
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.values().forEach(list -> list.forEach(tp -> {
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            }));
            return new Extent(partitions, offsets(admin, earliest), offsets(admin, latest));
        }

        private static Map<TopicPartition, Long> offsets(Admin admin, Map<TopicPartition, OffsetSpec> specs)
                throws ExecutionException, TimeoutException, InterruptedException {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> offsets.put(tp, info.offset()));
            return offsets;
        }

        /**
         * The records of {@code topic} after these committed offsets: from the start of a partition where none is
         * committed (with none at all, every record the topic holds).
         */
        long after(Map<TopicPartition, OffsetAndMetadata> committed, String topic) {
            long behind = 0;
            for (TopicPartition tp : partitions.get(topic)) {
                OffsetAndMetadata c = committed.get(tp);
                behind += Math.max(0, ends.get(tp) - (c != null ? c.offset() : starts.get(tp)));
            }
            return behind;
        }
    }

    /**
     * "ready", or "NOT READY" and why. A service on a busy machine may answer slowly or have a check down for a
     * moment (its broker connection during a long GC pause): three tries, a second apart, before it is not ready.
     */
    private static String readiness(int port) {
        String why = ServiceProcess.readiness(port, Duration.ofSeconds(5));
        for (int retry = 1; retry < 3 && why != null; retry++) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            why = ServiceProcess.readiness(port, Duration.ofSeconds(5));
        }
        return why == null ? "ready" : "NOT READY (" + why + ")";
    }

    /** Stops the stack of this home: its launcher (which stops everything in order), or what a dead one left. */
    static int down(StackConfig config, PrintStream out) {
        Optional<ProcessHandle> launcher = LocalStack.launcherPid(config);
        if (launcher.isPresent()) {
            out.printf("Stopping Quotewire (launcher pid %d)...%n", launcher.get().pid());
            launcher.get().destroy(); // SIGTERM: the launcher stops the services, then Kafka, then PostgreSQL
            try {
                launcher.get().onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                out.printf("The launcher did not stop within %d s; killing it%n", STOP_WAIT.toSeconds());
                launcher.get().destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            } catch (ExecutionException e) {
                // it has exited
            }
        }
        boolean leftovers = LocalStack.stopLeftovers(config, out);
        if (launcher.isEmpty() && !leftovers) {
            out.println("Quotewire is not running (QUOTEWIRE_HOME " + config.home() + ").");
            return 0;
        }
        out.println("Stopped.");
        return 0;
    }

    private static Properties ports(StackConfig config) {
        Properties p = new Properties();
        Path file = LocalStack.runDir(config).resolve(LocalStack.PORTS_FILE);
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            // not written yet (still starting): the configured ports
        }
        return p;
    }
}
