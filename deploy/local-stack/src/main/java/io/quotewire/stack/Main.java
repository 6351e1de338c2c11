package io.quotewire.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./quotewire up [--fresh] [--replicas nlp=N,query=N]}: starts the local stack, prints where everything is, stays in the
 * foreground, and stops everything in order on Ctrl-C (SIGINT) or SIGTERM.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        List<String> arguments = List.of(args);
        boolean fresh = false;
        String replicas = null;
        boolean usage = arguments.isEmpty() || !arguments.get(0).equals("up");
        for (int i = 1; i < arguments.size() && !usage; i++) {
            String a = arguments.get(i);
            if (a.equals("--fresh")) {
                fresh = true;
            } else if (a.equals("--replicas") && i + 1 < arguments.size()) {
                replicas = arguments.get(++i);
            } else if (a.startsWith("--replicas=")) {
                replicas = a.substring("--replicas=".length());
            } else {
                usage = true;
            }
        }
        if (usage) {
            System.err.println("usage: quotewire up [--fresh] [--replicas nlp=N,query=N]");
            System.exit(64);
        }
        long t0 = System.nanoTime();
        LocalStack stack;
        try {
            Path root = Path.of(System.getProperty("quotewire.root", ".")).toAbsolutePath().normalize();
            StackConfig config = StackConfig.fromEnvironment(root, System.getenv());
            if (replicas != null) {
                config = config.withReplicas(replicas);
            }
            routeInfrastructureLogs(config.logs());
            stack = LocalStack.create(config, out);
            LocalStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                out.println("\nStopping Quotewire...");
                started.close();
                out.println("Stopped.");
            }, "quotewire-stop"));
            stack.start(fresh);
        } catch (StackException e) {
            System.err.println("quotewire: " + e.getMessage());
            System.exit(1);
            return;
        }
        out.printf("Started in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
        stack.printSummary();
        while (true) {
            var failed = stack.supervise();
            if (failed.isPresent()) {
                System.err.println("quotewire: " + failed.get() + "\nStopping the stack.");
                System.exit(1);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Kafka and PostgreSQL run in or under this JVM; their logs go to a file, not to the terminal. */
    private static void routeInfrastructureLogs(Path logs) {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new StackException("cannot create the log folder " + logs + ": " + e.getMessage(), e);
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", logs.resolve("infrastructure.log").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "warn");
    }
}
