package io.quotewire.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One process of the local stack (a Quotewire service, or the Kafka broker) running as its own JVM, its output appended to a log file. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path directory;

    private ServiceProcess(String name, int port, Path log, Process process, List<String> command,
            Map<String, String> env, Path directory) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.command = command;
        this.env = env;
        this.directory = directory;
    }

    /**
     * Starts {@code jar} with {@code heap} as maximum heap and {@code env} added to this process's
     * environment. The child runs in a session of its own ({@code setsid}) so that a Ctrl-C in the
     * terminal reaches only the launcher, which then stops the services in order.
     */
    public static ServiceProcess start(String name, Path jar, int port, String heap, String javaOptions,
            Map<String, String> env, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new StackException(name + " is not built (" + jar + " is missing): run ./quotewire up without --no-build, "
                    + "or ./mvnw -DskipTests package");
        }
        List<String> command = javaInItsOwnSession();
        // a heap of fixed size: G1 does not shrink it at the end of a marking cycle, a pause of tens of
        // milliseconds (the query API's p99) for memory the service soon needs again
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        command.add("-XX:+ExitOnOutOfMemoryError");
        classArchive(command, jar.resolveSibling("app-cds.jsa"));
        if (!javaOptions.isBlank()) {
            command.addAll(List.of(javaOptions.trim().split("\\s+")));
        }
        command.add("-jar");
        command.add(jar.toString());
        Map<String, String> environment = new java.util.LinkedHashMap<>(env);
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        return launch(name, port, log, List.copyOf(command), Map.copyOf(environment), jar.getParent());
    }

    /** The class the Kafka broker's JVM runs, by which its process is recognised. */
    static final String BROKER_MAIN = KafkaBroker.class.getName();
    /** The broker's name among the stack's processes (its pid file, its restarts). */
    static final String BROKER_NAME = "Kafka";

    /**
     * Starts the Kafka broker ({@link KafkaBroker}) on {@code data} and {@code port} as a JVM of its own with at most
     * {@code heap}, from this launcher's classpath, in a session of its own as the services are.
     */
    static ServiceProcess startBroker(Path data, int port, String heap, Path log) {
        List<String> command = javaInItsOwnSession();
        String classPath = absolute(System.getProperty("java.class.path"));
        command.addAll(List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
        classArchive(command, Path.of(classPath.split(java.io.File.pathSeparator)[0]).resolveSibling(KafkaBroker.CLASS_ARCHIVE));
        command.addAll(List.of("-cp", classPath, BROKER_MAIN, data.toAbsolutePath().toString(), String.valueOf(port)));
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new StackException("cannot create Kafka's data folder " + data + ": " + e.getMessage(), e);
        }
        return launch(BROKER_NAME, port, log, List.copyOf(command), Map.of(), data.toAbsolutePath());
    }

    /**
     * Starts the JVM with {@code archive}, a class-data archive the build made, if there is one: a faster start. The
     * JVM ignores an archive made by another JDK or for another jar.
     */
    private static void classArchive(List<String> command, Path archive) {
        if (Files.exists(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
            command.add("-Xshare:auto");
        }
    }

    /** This JDK's {@code java}, after {@code setsid} where there is one: the start of every command here. */
    private static List<String> javaInItsOwnSession() {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return command;
    }

    /** A class path with each entry made absolute (the broker runs in its data folder). */
    private static String absolute(String classPath) {
        return java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** The same process started again, as it was first started (after it exited on its own). */
    ServiceProcess restart() {
        return launch(name, port, log, command, env, directory);
    }

    /** {@code directory}: where it runs (a service in its jar's folder, where Quarkus reads {@code config/}). */
    private static ServiceProcess launch(String name, int port, Path log, List<String> command,
            Map<String, String> env, Path directory) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "\n==== " + name + " starting at " + Instant.now() + " ====\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            return new ServiceProcess(name, port, log, builder.start(), command, env, directory);
        } catch (IOException e) {
            throw new StackException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** True when the service answers 200 on its readiness endpoint. */
    public boolean isReady() {
        return isReady(port);
    }

    /** True when the service on {@code port} answers 200 on its readiness endpoint within 2 s. */
    static boolean isReady(int port) {
        return readiness(port, Duration.ofSeconds(2)) == null;
    }

    /**
     * Null when the service on {@code port} answers 200 on its readiness endpoint within {@code timeout}, else why
     * not: its status (503: a check is down) or that it did not answer.
     */
    static String readiness(int port, Duration timeout) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                    .timeout(timeout).GET().build();
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? null : "HTTP " + status + " on /q/health/ready";
        } catch (IOException e) {
            return "no answer on /q/health/ready in " + timeout.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Asks the service to stop (SIGTERM), waits for a graceful end, then kills it. Returns the time taken. */
    public Duration stop(Duration grace) {
        long started = System.nanoTime();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The last lines of the service's log, to show why it failed. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }
}
