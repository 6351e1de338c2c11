package io.quotewire.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.quotewire.stack.ingest.IngestCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The commands behind {@code ./quotewire}: {@code up}, {@code status}, {@code down} and {@code ingest}. The
 * script finds a JDK, builds what is stale, and runs this jar.
 */
@Command(name = "quotewire", mixinStandardHelpOptions = true, version = "Quotewire 0.1.0-SNAPSHOT",
        subcommands = { Main.Up.class, Main.Status.class, Main.Down.class, IngestCommand.class },
        description = "Quotewire on one machine: Kafka, PostgreSQL and the three services.")
public final class Main {

    /** Exit status of a command line picocli cannot parse (as BSD's EX_USAGE, which the script uses too). */
    static final int USAGE = 64;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (!(e instanceof StackException)) {
                        throw e;
                    }
                    cmd.getErr().println("quotewire: " + e.getMessage());
                    return 1;
                })
                .setParameterExceptionHandler((e, args) -> {
                    CommandLine cmd = e.getCommandLine();
                    cmd.getErr().println("quotewire: " + e.getMessage());
                    cmd.usage(cmd.getErr());
                    return cmd.getCommandSpec().exitCodeOnInvalidInput();
                });
    }

    /** The root of the checkout (the script passes it): the services' jars are found from here. */
    static StackConfig config() {
        Path root = Path.of(System.getProperty("quotewire.root", ".")).toAbsolutePath().normalize();
        return StackConfig.fromEnvironment(root, System.getenv());
    }

    @Command(name = "up", exitCodeOnInvalidInput = USAGE, description = "Starts Kafka, PostgreSQL and the three "
            + "services, waits until they are ready, prints where they are, and stays in the foreground; SIGINT, SIGTERM "
            + "or SIGHUP stops everything in order.")
    static final class Up implements Callable<Integer> {

        @Option(names = "--fresh", description = "start with empty data")
        boolean fresh;

        @Option(names = "--replicas", paramLabel = "nlp=N,query=N",
                description = "instances of nlp-service and query-service, in their consumer groups")
        String replicas;

        @Override
        public Integer call() {
            PrintStream out = System.out;
            long t0 = System.nanoTime();
            LocalStack stack;
            try {
                StackConfig config = config();
                if (replicas != null) {
                    config = config.withReplicas(replicas);
                }
                routeInfrastructureLogs(config.logs());
                stack = LocalStack.create(config, out);
                LocalStack started = stack;
                java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
                // once; a second caller (the shutdown hook after the signal's stop) waits until the first has finished
                Runnable stop = () -> {
                    synchronized (stopped) {
                        if (!stopped.get()) {
                            out.println("\nStopping Quotewire...");
                            started.close();
                            out.println("Stopped.");
                            stopped.set(true);
                        }
                    }
                };
                // SIGTERM (how Ctrl-C, a closed terminal and ./quotewire down reach the launcher) stops the stack in
                // order before the JVM's shutdown hooks run: the embedded PostgreSQL's library has a hook of its own,
                // which would stop the database at once, while the services still write to it
                sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
                    stop.run();
                    System.exit(128 + 15);
                });
                Runtime.getRuntime().addShutdownHook(new Thread(stop, "quotewire-stop"));
                stack.start(fresh);
            } catch (StackException e) {
                System.err.println("quotewire: " + e.getMessage());
                return 1;
            }
            out.printf("Started in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
            stack.printSummary();
            while (true) {
                var failed = stack.supervise();
                if (failed.isPresent()) {
                    System.err.println("quotewire: " + failed.get() + "\nStopping the stack.");
                    return 1;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return 0;
                }
            }
        }
    }

    @Command(name = "status", exitCodeOnInvalidInput = USAGE, description = "What runs of the stack of this "
            + "QUOTEWIRE_HOME: pids, ports, readiness, and the records each consumer group has still to read. Exit 0 when all of it is ready, 1 when something is not, 3 when it "
            + "is not running.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            return StackControl.status(config(), System.out);
        }
    }

    @Command(name = "down", exitCodeOnInvalidInput = USAGE, description = "Stops the stack of this QUOTEWIRE_HOME "
            + "started in another terminal, as Ctrl-C stops it there, or what a killed launcher left running.")
    static final class Down implements Callable<Integer> {
        @Override
        public Integer call() {
            return StackControl.down(config(), System.out);
        }
    }

    /** The embedded PostgreSQL's library and the Kafka clients log in this JVM: to a file, not to the terminal. */
    private static void routeInfrastructureLogs(Path logs) {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new StackException("cannot create the log folder " + logs + ": " + e.getMessage(), e);
        }
        logTo(logs.resolve("infrastructure.log").toString());
    }

    /**
     * This JVM's log ({@code target}: a file, or {@code System.out}), with times; Kafka's warnings and errors only
     * (its information is a line for each of many internal steps).
     */
    static void logTo(String target) {
        System.setProperty("org.slf4j.simpleLogger.logFile", target);
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "warn");
    }
}
