package io.quotewire.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import io.quotewire.embedded.EmbeddedKafka;
import io.quotewire.embedded.EmbeddedPostgresServer;
import io.quotewire.embedded.Ports;

/**
 * The whole system on one machine: a Kafka broker, a PostgreSQL server, the topics, and the three
 * services, each its own process. {@link #close()} stops everything in order: the services
 * that take input first, the infrastructure last.
 */
public final class LocalStack implements AutoCloseable {

    /** Topics the services read or write; each consumer input has its dead-letter topic beside it. */
    public static final Set<String> TOPICS = io.quotewire.contract.Topics.ALL;

    /** The three services, in start order: the read side first, the front door last. */
    static final List<String> SERVICES = List.of("query-service", "nlp-service", "ingest-service");

    private static final Duration INFRA_STARTUP = Duration.ofSeconds(90);
    /**
     * nlp-service's own JVM option: CoreNLP's name-feature extraction and lexers are methods over HotSpot's 8 kB
     * compile limit, left interpreted without it (64 against 54 ms of CPU per article, measured in the stack).
     */
    static final String NLP_JVM_OPTIONS = "-XX:-DontCompileHugeMethods";
    /**
     * query-service's own JVM option: the parallel collector.
     * G1's young pauses there took 14-19 ms in a heap of 256 MB with 25 MB live (the parallel collector's 1.5-4 ms),
     * a pause each few seconds under 200 queries a second; and its batches projected 5-12 % faster.
     */
    public static final String QUERY_JVM_OPTIONS = "-XX:+UseParallelGC";
    private static final Duration SERVICE_GRACE = Duration.ofSeconds(30);
    private static final int MAX_RESTARTS = 3;
    private static final Duration RESTART_WINDOW = Duration.ofMinutes(10);
    /** How long the launcher tries to start an exited PostgreSQL again before it stops the stack. */
    private static final Duration DATABASE_RESTART = Duration.ofMinutes(2);

    private final StackConfig config;
    private final PrintStream out;
    private FileChannel lockChannel;
    private ServiceProcess kafka;
    private EmbeddedPostgresServer postgres;
    /** In start order: query-service (the read side) first, ingest-service (the front door) last. */
    private final List<ServiceProcess> services = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Deque<Long>> restarts = new HashMap<>();
    /** When PostgreSQL's exit was noticed ({@link System#nanoTime}), -1 while it runs. */
    private long databaseDownSince = -1;
    /** When the broker's exit was noticed ({@link System#nanoTime}), -1 once it answers again. */
    private long brokerDownSince = -1;
    private boolean closed;

    private LocalStack(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public static LocalStack create(StackConfig config, PrintStream out) {
        return new LocalStack(config, out);
    }

    /**
     * Starts everything and returns once all three services are ready. On failure, or when
     * {@link #close()} is called meanwhile (Ctrl-C), whatever was started is stopped again.
     */
    public void start(boolean fresh) {
        try {
            doStart(fresh);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void doStart(boolean fresh) {
        lockHome();
        stopLeftovers();
        checkPortsFree();
        if (fresh) {
            out.println("Starting fresh: removing the data in " + config.home());
            deleteRecursively(config.kafkaData());
            deleteRecursively(config.postgresData());
        }
        long t0 = System.nanoTime();
        CompletableFuture<EmbeddedPostgresServer> pg = CompletableFuture.supplyAsync(() -> EmbeddedPostgresServer
                .start(config.postgresData(), config.postgresBinaries(), config.postgresPort(), INFRA_STARTUP));
        kafka = remember(ServiceProcess.startBroker(config.kafkaData(), config.kafkaPort(), config.kafkaHeap(),
                config.logs().resolve(KAFKA_LOG)));
        try {
            awaitBroker();
            postgres = pg.join();
        } catch (CompletionException e) {
            // keep it if it did start, so that close() stops it
            postgres = pg.isCompletedExceptionally() ? null : pg.join();
            stopWhatStartedAfterClose();
            throw new StackException("infrastructure did not start: " + e.getCause().getMessage(), e.getCause());
        } catch (StackException e) {
            postgres = pg.exceptionally(failed -> null).join();
            stopWhatStartedAfterClose();
            throw e;
        }
        if (stopWhatStartedAfterClose()) {
            throw new StackException("stopped while starting");
        }
        postgres.createDatabase(StackConfig.DATABASE);
        List<String> created = EmbeddedKafka.createTopics(bootstrapServers(), TOPICS, config.partitions(),
                io.quotewire.contract.Topics::retention);
        out.printf("Kafka on localhost:%d and PostgreSQL on localhost:%d ready in %.1f s%s%n",
                config.kafkaPort(), config.postgresPort(), seconds(t0),
                created.isEmpty() ? "" : " (created topics " + String.join(", ", created.stream().sorted().toList()) + ")");

        long t1 = System.nanoTime();
        Map<String, String> kafkaEnv = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        Map<String, String> queryEnv = new LinkedHashMap<>(kafkaEnv);
        queryEnv.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(StackConfig.DATABASE));
        queryEnv.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(StackConfig.DATABASE));
        queryEnv.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER);
        for (String name : replicaNames("query-service")) {
            services.add(startService(name, "query-service", replicaPort(name, config.queryPort()), config.queryHeap(),
                    QUERY_JVM_OPTIONS, queryEnv));
        }
        for (String name : replicaNames("nlp-service")) {
            Map<String, String> nlpEnv = new LinkedHashMap<>(kafkaEnv);
            // kept across the service's restarts: a record whose analysis kills it is recognised and dead-lettered
            nlpEnv.put("QUOTEWIRE_NLP_CRASH_JOURNAL", runDir().resolve(name + ".journal").toString());
            services.add(startService(name, "nlp-service", replicaPort(name, config.nlpPort()), config.nlpHeap(),
                    NLP_JVM_OPTIONS, nlpEnv));
        }
        services.add(startService("ingest-service", "ingest-service", config.ingestPort(), config.ingestHeap(), "", kafkaEnv));
        // noted as soon as the services run, with their pids: while they start, status shows them not ready yet (not
        // as left over by a launcher that did not stop), and down stops them through this launcher
        noteLauncher();
        awaitReady();
        out.printf("All services ready in %.1f s%n", seconds(t1));
    }

    /**
     * When {@link #close()} ran while the infrastructure started (Ctrl-C during the start), stops what it could not
     * stop then: PostgreSQL, whose start it did not wait for, and the broker. True if it had run.
     */
    private synchronized boolean stopWhatStartedAfterClose() {
        if (!closed) {
            return false;
        }
        if (kafka != null) {
            kafka.stop(SERVICE_GRACE);
            deleteQuietly(runDir().resolve(KAFKA_PID_FILE));
        }
        if (postgres != null) {
            runQuietly("PostgreSQL", postgres::close);
        }
        return true;
    }

    private String bootstrapServers() {
        return "localhost:" + config.kafkaPort();
    }

    /** Until the broker answers; fails if its process exits first or it takes longer than {@link #INFRA_STARTUP}. */
    private void awaitBroker() {
        long deadline = System.nanoTime() + INFRA_STARTUP.toNanos();
        while (!EmbeddedKafka.isReady(bootstrapServers())) {
            if (!kafka.isAlive()) {
                throw new StackException("Kafka exited with status " + kafka.exitValue() + " before it was ready. The end of "
                        + kafka.log() + ":\n" + kafka.logTail(25));
            }
            if (System.nanoTime() > deadline || isClosed()) {
                throw new StackException(isClosed() ? "stopped while starting" : "Kafka was not ready within "
                        + INFRA_STARTUP.toSeconds() + " s. The end of " + kafka.log() + ":\n" + kafka.logTail(25));
            }
            sleep(200);
        }
    }

    static final String KAFKA_LOG = "kafka.log";

    /**
     * Notes this launcher's pid and the stack's ports in {@code $QUOTEWIRE_HOME/run/}, for {@code ./quotewire
     * status} and {@code ./quotewire down} from another terminal.
     */
    private void noteLauncher() {
        StringBuilder ports = new StringBuilder();
        ports.append("kafka=").append(config.kafkaPort()).append('\n');
        ports.append("postgres=").append(config.postgresPort()).append('\n');
        for (ServiceProcess service : services) {
            ports.append(service.name()).append('=').append(service.port()).append('\n');
        }
        try {
            Files.writeString(runDir().resolve(PORTS_FILE), ports);
            Files.writeString(runDir().resolve(LAUNCHER_PID_FILE), ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            out.println("Could not note the launcher's pid in " + runDir() + ": " + e.getMessage());
        }
    }

    static final String LAUNCHER_PID_FILE = "launcher.pid";
    static final String PORTS_FILE = "ports.properties";

    /**
     * The instances of {@code service}: the service's own name for the first, {@code -2}, {@code -3}, ... after
     * it ({@code ./quotewire up --replicas nlp=2,query=2}). All are members of the service's consumer group.
     */
    private List<String> replicaNames(String service) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= config.replicas(service); i++) {
            names.add(i == 1 ? service : service + "-" + i);
        }
        return names;
    }

    /** The first instance listens on the configured port, the others on free ones. */
    private static int replicaPort(String name, int configured) {
        return SERVICES.contains(name) ? configured : Ports.freePort();
    }

    /** The service an instance name ({@code nlp-service-2}) belongs to. */
    static String serviceOf(String name) {
        return name.replaceFirst("-\\d+$", "");
    }

    /** {@code options}: the service's own JVM options; QUOTEWIRE_JAVA_OPTS come after them. */
    private ServiceProcess startService(String name, String service, int port, String heap, String options,
            Map<String, String> env) {
        if (isClosed()) {
            throw new StackException("stopped while starting");
        }
        return remember(ServiceProcess.start(name, serviceJar(config.root(), service), port, heap,
                (options + " " + config.javaOptions()).trim(), env,
                config.logs().resolve(name + ".log")));
    }

    /** The packaged application of {@code service} in the checkout at {@code root}. */
    static Path serviceJar(Path root, String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Notes the service's pid in {@code $QUOTEWIRE_HOME/run/}: services run in sessions of their own, so
     * if this launcher is killed without its stop (kill -9), the next {@code up} finds and stops them.
     */
    private ServiceProcess remember(ServiceProcess s) {
        try {
            Files.createDirectories(runDir());
            Files.writeString(runDir().resolve(s.name() + ".pid"), s.pid() + "\n");
        } catch (IOException e) {
            out.println("Could not note the pid of " + s.name() + ": " + e.getMessage());
        }
        return s;
    }

    private Path runDir() {
        return runDir(config);
    }

    /** Stops the services and the PostgreSQL server that a launcher killed without its stop left running here. */
    private void stopLeftovers() {
        stopLeftovers(config, out);
    }

    /** {@link #stopLeftovers()} for the stack of {@code config}; true if it stopped anything. */
    static boolean stopLeftovers(StackConfig config, PrintStream out) {
        boolean any = false;
        for (String name : instances(config)) {
            Path pidFile = runDir(config).resolve(name + ".pid");
            Optional<ProcessHandle> p = servicePid(config, name);
            if (p.isPresent()) {
                stopLeftover(name, p.get(), out);
                any = true;
            }
            deleteQuietly(pidFile);
        }
        Optional<ProcessHandle> broker = kafkaPid(config);
        if (broker.isPresent()) {
            stopLeftover("Kafka", broker.get(), out);
            any = true;
        }
        deleteQuietly(runDir(config).resolve(KAFKA_PID_FILE));
        Optional<ProcessHandle> pg = postgresPid(config);
        if (pg.isPresent()) {
            stopLeftover("PostgreSQL", pg.get(), out);
            any = true;
        }
        return any;
    }

    /** The service instances noted in the run folder ({@code nlp-service}, {@code nlp-service-2}, ...), sorted. */
    static List<String> instances(StackConfig config) {
        try (Stream<Path> files = Files.list(runDir(config))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".pid"))
                    .map(f -> f.substring(0, f.length() - 4)).filter(n -> SERVICES.contains(serviceOf(n))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The running process of a service instance noted in the run folder, if it is that service. */
    static Optional<ProcessHandle> servicePid(StackConfig config, String instance) {
        String jar = serviceJar(config.root(), serviceOf(instance)).toString();
        return readPid(runDir(config).resolve(instance + ".pid"))
                .filter(p -> p.info().commandLine().orElse("").contains(jar));
    }

    /** Where {@link #remember} notes the broker's pid. */
    static final String KAFKA_PID_FILE = ServiceProcess.BROKER_NAME + ".pid";

    /** The running Kafka broker noted in the run folder, if it is the broker. */
    static Optional<ProcessHandle> kafkaPid(StackConfig config) {
        return readPid(runDir(config).resolve(KAFKA_PID_FILE))
                .filter(p -> p.info().commandLine().orElse("").contains(ServiceProcess.BROKER_MAIN));
    }

    static Optional<ProcessHandle> postgresPid(StackConfig config) {
        return readPid(config.postgresData().resolve("postmaster.pid"))
                .filter(p -> p.info().commandLine().orElse("").contains("postgres"));
    }

    /** The running launcher of the stack at {@code config}'s home, if any. */
    static Optional<ProcessHandle> launcherPid(StackConfig config) {
        return readPid(runDir(config).resolve(LAUNCHER_PID_FILE))
                .filter(p -> p.info().commandLine().orElse("").contains("quotewire-tools"));
    }

    static Path runDir(StackConfig config) {
        return config.home().resolve("run");
    }

    private static void stopLeftover(String name, ProcessHandle process, PrintStream out) {
        out.printf("Stopping %s (pid %d), left running by a launcher that did not stop%n", name, process.pid());
        stop(process);
    }

    /** SIGTERM, and SIGKILL if it has not exited within {@link #SERVICE_GRACE}. */
    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(SERVICE_GRACE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            // it has exited
        }
    }

    private static Optional<ProcessHandle> readPid(Path pidFile) {
        try {
            String first = Files.readAllLines(pidFile).get(0).trim();
            return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale pid file is harmless: its pid is checked against the command line
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(config.readyTimeoutSeconds()).toNanos();
        Set<ServiceProcess> waiting = new LinkedHashSet<>(services);
        while (!waiting.isEmpty()) {
            for (ServiceProcess s : List.copyOf(waiting)) {
                if (!s.isAlive()) {
                    throw new StackException(s.name() + " exited with status " + s.exitValue()
                            + " before it was ready. The end of " + s.log() + ":\n" + s.logTail(25));
                }
                if (s.isReady()) {
                    waiting.remove(s);
                }
            }
            if (System.nanoTime() > deadline) {
                ServiceProcess s = waiting.iterator().next();
                throw new StackException(s.name() + " was not ready within " + config.readyTimeoutSeconds()
                        + " s (QUOTEWIRE_READY_TIMEOUT). The end of " + s.log() + ":\n" + s.logTail(25));
            }
            sleep(250);
        }
    }

    /**
     * Restarts every service that has exited on its own (a crash, an out-of-memory exit, a kill), as
     * Kubernetes restarts a pod: the others go on, and Kafka hands the service's partitions back to it; and
     * PostgreSQL likewise ({@link #superviseDatabase}). Returns why the stack cannot go on when one keeps
     * exiting ({@value #MAX_RESTARTS} restarts within {@link #RESTART_WINDOW}); the caller then stops everything.
     */
    public synchronized Optional<String> supervise() {
        if (closed) {
            return Optional.empty();
        }
        Optional<String> database = superviseDatabase();
        if (database.isPresent()) {
            return database;
        }
        Optional<String> broker = superviseBroker();
        if (broker.isPresent()) {
            return broker;
        }
        for (int i = 0; i < services.size(); i++) {
            ServiceProcess s = services.get(i);
            if (s.isAlive()) {
                continue;
            }
            if (tooManyRestarts(s.name())) {
                return Optional.of(s.name() + " exited with status " + s.exitValue() + ", its " + (MAX_RESTARTS + 1)
                        + "th exit within " + RESTART_WINDOW.toMinutes() + " minutes. The end of " + s.log() + ":\n"
                        + s.logTail(25));
            }
            out.printf("%s exited with status %d; restarting it (log: %s)%n", s.name(), s.exitValue(), s.log());
            services.set(i, remember(s.restart()));
        }
        return Optional.empty();
    }

    /**
     * Restarts PostgreSQL when its postmaster has gone (killed, or out of memory), as Kubernetes restarts its
     * pod: on its data, which it recovers from its write-ahead log as after any crash, and on its port, where
     * query-service's connection pool finds it again (meanwhile query-service holds its events and answers
     * 503). Its other processes outlive the postmaster for a moment and hold its shared memory; a start while
     * they do fails, and is tried again at the next call, for up to {@link #DATABASE_RESTART}. A start that
     * gives up waiting while the server still recovers leaves it running: it counts as started, and
     * {@link #close} stops it by its pid.
     */
    private Optional<String> superviseDatabase() {
        if (postgres == null) {
            return Optional.empty();
        }
        if (postgresPid(config).isPresent()) {
            databaseDownSince = -1;
            return Optional.empty();
        }
        long now = System.nanoTime();
        if (databaseDownSince < 0) {
            if (tooManyRestarts("PostgreSQL")) {
                return Optional.of("PostgreSQL exited, its " + (MAX_RESTARTS + 1) + "th exit within "
                        + RESTART_WINDOW.toMinutes() + " minutes");
            }
            databaseDownSince = now;
            out.printf("PostgreSQL exited; restarting it on its data in %s%n", config.postgresData());
            try {
                postgres.close(); // its stop fails, as it has exited; this releases its lock on the data folder
            } catch (RuntimeException e) {
                // nothing left to stop
            }
        }
        try {
            postgres = EmbeddedPostgresServer.start(config.postgresData(), config.postgresBinaries(),
                    config.postgresPort(), INFRA_STARTUP);
            out.printf("PostgreSQL restarted, %.1f s after its exit was noticed%n", seconds(databaseDownSince));
            databaseDownSince = -1;
        } catch (RuntimeException e) {
            if (now - databaseDownSince > DATABASE_RESTART.toNanos()) {
                return Optional.of("PostgreSQL exited and did not start again within " + DATABASE_RESTART.toSeconds()
                        + " s: " + e.getMessage());
            }
            out.println("PostgreSQL did not start yet, trying again: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Restarts the Kafka broker when its process has exited (killed, out of memory, a fatal fault), as Kubernetes
     * restarts a broker's pod: on its data, and on its port, where the services' clients find it again (meanwhile
     * ingest answers 503 and the consumers wait). Says when it answers again.
     */
    private Optional<String> superviseBroker() {
        if (kafka == null) {
            return Optional.empty();
        }
        if (kafka.isAlive()) {
            if (brokerDownSince >= 0 && EmbeddedKafka.isReady(bootstrapServers())) {
                out.printf("Kafka restarted, %.1f s after its exit was noticed%n", seconds(brokerDownSince));
                brokerDownSince = -1;
            }
            return Optional.empty();
        }
        if (tooManyRestarts(kafka.name())) {
            return Optional.of("Kafka exited with status " + kafka.exitValue() + ", its " + (MAX_RESTARTS + 1)
                    + "th exit within " + RESTART_WINDOW.toMinutes() + " minutes. The end of " + kafka.log() + ":\n"
                    + kafka.logTail(25));
        }
        out.printf("Kafka exited with status %d; restarting it on its data in %s (log: %s)%n", kafka.exitValue(),
                config.kafkaData(), kafka.log());
        brokerDownSince = System.nanoTime();
        kafka = remember(kafka.restart());
        return Optional.empty();
    }

    /** Notes a restart of {@code name}; true when it already restarted {@value #MAX_RESTARTS} times of late. */
    private boolean tooManyRestarts(String name) {
        Deque<Long> recent = restarts.computeIfAbsent(name, k -> new ArrayDeque<>());
        long now = System.nanoTime();
        while (!recent.isEmpty() && now - recent.peekFirst() > RESTART_WINDOW.toNanos()) {
            recent.removeFirst();
        }
        if (recent.size() >= MAX_RESTARTS) {
            return true;
        }
        recent.addLast(now);
        return false;
    }

    /** What a user needs to know once the stack is up. */
    public void printSummary() {
        out.println();
        out.println("Quotewire is up.");
        for (ServiceProcess s : services) {
            out.printf("  %-15s http://localhost:%d  (Swagger UI: http://localhost:%d/q/swagger-ui, log: %s)%n",
                    s.name(), s.port(), s.port(), s.log());
        }
        out.printf("  %-15s localhost:%d  topics: %s%n", "Kafka", config.kafkaPort(), String.join(", ", TOPICS));
        out.printf("  %-15s localhost:%d  database %s, user %s%n", "PostgreSQL", config.postgresPort(),
                StackConfig.DATABASE, EmbeddedPostgresServer.USER);
        out.println("  Data: " + config.home() + "   Logs: " + config.logs());
        out.println("Press Ctrl-C to stop.");
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Stops the services (front door first), then Kafka, then PostgreSQL. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ServiceProcess s : reversed(services)) {
            Duration took = s.stop(SERVICE_GRACE);
            deleteQuietly(runDir().resolve(s.name() + ".pid"));
            out.printf("Stopped %s (%.1f s)%n", s.name(), took.toMillis() / 1000.0);
        }
        if (kafka != null) {
            Duration took = kafka.stop(SERVICE_GRACE);
            deleteQuietly(runDir().resolve(KAFKA_PID_FILE));
            out.printf("Stopped Kafka (%.1f s)%n", took.toMillis() / 1000.0);
        }
        if (postgres != null) {
            runQuietly("PostgreSQL", postgres::close);
            // one this launcher started again but holds no handle on (its start gave up waiting while it recovered)
            postgresPid(config).ifPresent(p -> runQuietly("PostgreSQL", () -> stop(p)));
        }
        deleteQuietly(runDir().resolve(LAUNCHER_PID_FILE));
        deleteQuietly(runDir().resolve(PORTS_FILE));
        if (lockChannel != null) {
            try {
                lockChannel.close(); // releases the lock on QUOTEWIRE_HOME
            } catch (IOException e) {
                out.println("Could not release the lock on " + config.home() + ": " + e.getMessage());
            }
        }
    }

    private void runQuietly(String what, Runnable stop) {
        long t0 = System.nanoTime();
        try {
            stop.run();
            out.printf("Stopped %s (%.1f s)%n", what, seconds(t0));
        } catch (RuntimeException e) {
            out.println("Could not stop " + what + " cleanly: " + e.getMessage());
        }
    }

    private void checkPortsFree() {
        Map<Integer, String> owners = new LinkedHashMap<>();
        addPort(owners, config.kafkaPort(), "Kafka", "QUOTEWIRE_KAFKA_PORT");
        addPort(owners, config.postgresPort(), "PostgreSQL", "QUOTEWIRE_POSTGRES_PORT");
        addPort(owners, config.queryPort(), "query-service", "QUOTEWIRE_QUERY_PORT");
        addPort(owners, config.ingestPort(), "ingest-service", "QUOTEWIRE_INGEST_PORT");
        addPort(owners, config.nlpPort(), "nlp-service", "QUOTEWIRE_NLP_PORT");
        for (var e : owners.entrySet()) {
            if (!Ports.isFree(e.getKey())) {
                throw new StackException("port " + e.getKey() + " is already in use, and " + e.getValue()
                        + ". Is another Quotewire stack or another server running? Stop it, or choose another port.");
            }
        }
    }

    private static void addPort(Map<Integer, String> owners, int port, String part, String variable) {
        String owner = part + " needs it (" + variable + " sets another)";
        String other = owners.putIfAbsent(port, owner);
        if (other != null) {
            throw new StackException("port " + port + " is set for two parts of the stack: " + other + "; " + owner);
        }
    }

    private void lockHome() {
        try {
            Files.createDirectories(config.logs());
            lockChannel = FileChannel.open(config.home().resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                lockChannel.close();
                throw new StackException("another Quotewire stack is using " + config.home()
                        + " (QUOTEWIRE_HOME): stop it first, or choose another QUOTEWIRE_HOME");
            }
        } catch (IOException e) {
            throw new StackException("cannot use " + config.home() + " as QUOTEWIRE_HOME: " + e.getMessage(), e);
        }
    }

    /** Removes {@code dir} and everything in it, if it exists. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new StackException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }
}
