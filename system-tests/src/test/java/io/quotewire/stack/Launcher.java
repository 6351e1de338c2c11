package io.quotewire.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quotewire.embedded.Ports;

/**
 * Runs {@code ./quotewire} as a user does, each stack on random ports with its data under target/, and
 * stops whatever it started when {@link #close()} is called, even when a test failed half-way (and, by
 * a shutdown hook, when the test JVM ends early).
 */
final class Launcher implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("quotewire.root", "..")).toAbsolutePath().normalize();
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(240);
    /** The variables that set the stack's five ports. */
    static final List<String> PORT_VARIABLES = List.of("QUOTEWIRE_KAFKA_PORT", "QUOTEWIRE_POSTGRES_PORT",
            "QUOTEWIRE_QUERY_PORT", "QUOTEWIRE_INGEST_PORT", "QUOTEWIRE_NLP_PORT");

    private final List<Process> launched = new ArrayList<>();
    private final List<Path> homes = new ArrayList<>();
    private final Thread hook = new Thread(this::close, "launcher-cleanup");

    Launcher() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * A stack's environment: its own QUOTEWIRE_HOME under target/, a free port for every part, and the services' JVM
     * options for tests (C1 only: a test's service processes live for minutes and handle a few hundred articles, too
     * few to pay back C2's compilations).
     */
    static Map<String, String> freshEnvironment(int partitions) {
        Map<String, String> env = new HashMap<>();
        env.put("QUOTEWIRE_JAVA_OPTS", System.getProperty("quotewire.stack.javaOptions", ""));
        env.put("QUOTEWIRE_HOME", ROOT.resolve("system-tests/target/stack-home-" + System.nanoTime()).toString());
        env.put("QUOTEWIRE_PARTITIONS", String.valueOf(partitions));
        for (String name : PORT_VARIABLES) {
            env.put(name, String.valueOf(Ports.freePort()));
        }
        return env;
    }

    record Launch(Process process, Path log, Map<String, String> env) {
        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        int port(String variable) {
            return Integer.parseInt(env.get(variable));
        }

        /** The stack's three HTTP APIs. */
        Api api() {
            return new Api(port("QUOTEWIRE_INGEST_PORT"), port("QUOTEWIRE_QUERY_PORT"), port("QUOTEWIRE_NLP_PORT"));
        }

        /** Ctrl-C, if the stack still runs: it ends with success, saying so, and nothing of it is left running. */
        void stop() throws Exception {
            if (process.isAlive()) {
                List<ProcessHandle> all = processes();
                interrupt();
                assertEquals(0, process.exitValue(), "a stop the user asked for is a success:\n" + output());
                assertTrue(output().contains("Stopped."), output());
                awaitGone(all);
            }
        }

        /** What Ctrl-C in the terminal does: SIGINT to the script; then wait for the whole stop. */
        void interrupt() throws Exception {
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                fail("the stack did not stop within 120 s of SIGINT:\n" + output());
            }
        }

        /** The launcher's JVM: the java child of the script (a service runs quarkus-run.jar, the broker its own class). */
        ProcessHandle launcherJvm() {
            return process.descendants().filter(p -> p.info().commandLine().orElse("").contains("quotewire-tools.jar")
                    && !p.info().commandLine().orElse("").contains(ServiceProcess.BROKER_MAIN))
                    .findFirst().orElseThrow(() -> new AssertionError("the launcher is not running"));
        }

        /** The Kafka broker's JVM, a child of the launcher. */
        ProcessHandle broker() {
            return process.descendants().filter(p -> p.info().commandLine().orElse("").contains(ServiceProcess.BROKER_MAIN))
                    .findFirst().orElseThrow(() -> new AssertionError("Kafka is not running"));
        }

        /** The running JVM of one service ({@code nlp-service}, ...), a descendant of the launcher. */
        ProcessHandle service(String name) {
            String jar = LocalStack.serviceJar(ROOT, name).toString();
            return process.descendants().filter(p -> p.info().commandLine().orElse("").contains(jar))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " is not running"));
        }

        /** Every running instance of one service ({@code nlp-service} and its replicas), by pid. */
        List<ProcessHandle> services(String name) {
            String jar = LocalStack.serviceJar(ROOT, name).toString();
            return process.descendants().filter(p -> p.info().commandLine().orElse("").contains(jar))
                    .sorted(java.util.Comparator.comparingLong(ProcessHandle::pid)).toList();
        }

        /** Everything the script started: its descendants, and the PostgreSQL postmaster, which pg_ctl detaches. */
        List<ProcessHandle> processes() throws IOException {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            Path pidFile = Path.of(env.get("QUOTEWIRE_HOME"), "postgres", "postmaster.pid");
            long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(postmaster).ifPresent(all::add);
            return all;
        }
    }

    /** {@code ./quotewire up --no-build [flags]}, returned once it says it is up. */
    Launch up(Map<String, String> env, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("up", "--no-build"));
        args.addAll(List.of(flags));
        Launch launch = start(env, args.toArray(String[]::new));
        awaitOutput(launch, "Quotewire is up.", UP_TIMEOUT);
        return launch;
    }

    /** Waits until the launcher's output contains {@code text}; fails if it exits or takes longer than {@code timeout}. */
    static void awaitOutput(Launch launch, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!launch.output().contains(text)) {
            if (!launch.process.isAlive()) {
                fail("./quotewire exited with " + launch.process.exitValue() + ":\n" + launch.output());
            }
            if (System.nanoTime() > deadline) {
                fail("./quotewire did not print \"" + text + "\" within " + timeout + ":\n" + launch.output());
            }
            Thread.sleep(200);
        }
    }

    /** {@code ./quotewire args...} with {@code env} added, its output in a log file under target/. */
    Launch start(Map<String, String> env, String... args) throws IOException {
        Path log = ROOT.resolve("system-tests/target/quotewire-" + System.nanoTime() + ".log");
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
        builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        synchronized (this) {
            if (env.containsKey("QUOTEWIRE_HOME")) {
                homes.add(Path.of(env.get("QUOTEWIRE_HOME")));
            }
            Process process = builder.start();
            launched.add(process);
            return new Launch(process, log, Map.copyOf(env));
        }
    }

    /** Kills what the script started, the services it noted in run/, and the PostgreSQL server pg_ctl detached. */
    @Override
    public synchronized void close() {
        for (Process p : launched) {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        for (Path home : homes) {
            List<Path> pidFiles = new ArrayList<>(List.of(home.resolve("postgres/postmaster.pid")));
            try (var run = Files.list(home.resolve("run"))) {
                run.forEach(pidFiles::add);
            } catch (IOException e) {
                // no services noted
            }
            for (Path pidFile : pidFiles) {
                try {
                    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
                    // SIGTERM: for PostgreSQL a smart shutdown, for a service its graceful stop
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
                } catch (IOException | RuntimeException e) {
                    // nothing to stop
                }
            }
        }
        launched.clear();
        homes.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: this is the hook
        }
    }

    /** Waits until every process has exited; fails naming those still there after 30 s. */
    static void awaitGone(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<String> left = processes.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        assertEquals(List.of(), left, "processes left behind after the stop");
    }
}
