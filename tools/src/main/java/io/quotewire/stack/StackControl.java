package io.quotewire.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
            for (String name : LocalStack.instances(config)) {
                Optional<ProcessHandle> p = LocalStack.servicePid(config, name);
                if (p.isPresent()) {
                    out.printf("  but %s is (pid %d), left by a launcher that did not stop: ./quotewire down stops it%n",
                            name, p.get().pid());
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
        boolean kafkaUp = !Ports.isFree(kafkaPort);
        allReady &= kafkaUp;
        out.printf("  %-15s pid %-8s localhost:%d  %s%n", "Kafka", launcher.get().pid(), kafkaPort,
                kafkaUp ? "listening" : "NOT LISTENING");
        int pgPort = Integer.parseInt(ports.getProperty("postgres", String.valueOf(config.postgresPort())));
        Optional<ProcessHandle> pg = LocalStack.postgresPid(config);
        boolean pgUp = pg.isPresent() && !Ports.isFree(pgPort);
        allReady &= pgUp;
        out.printf("  %-15s pid %-8s localhost:%d  %s%n", "PostgreSQL", pg.map(h -> String.valueOf(h.pid())).orElse("-"),
                pgPort, pgUp ? "listening" : "NOT LISTENING");
        return allReady ? 0 : 1;
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
