package io.quotewire.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Peak resident memory per process of the stack, read from /proc every second. */
public final class StackMemory {

    private final Map<String, Long> peakKb = new ConcurrentHashMap<>();
    private final Thread sampler = new Thread(this::sampleForever, "memory-sampler");

    public static StackMemory start() {
        StackMemory m = new StackMemory();
        m.sampler.setDaemon(true);
        m.sampler.start();
        return m;
    }

    public void stop() {
        sampler.interrupt();
    }

    public void print(String when) {
        sample();
        System.out.printf("%nPeak memory, %s:%n", when);
        if (peakKb.isEmpty()) {
            System.out.println("  (no stack processes found in /proc: is the stack on this machine?)");
        }
        peakKb.forEach((name, kb) -> System.out.printf("  %-36s %6d MiB%n", name, kb / 1024));
    }

    private void sampleForever() {
        while (!Thread.currentThread().isInterrupted()) {
            sample();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        now().forEach((k, v) -> peakKb.merge(k, v, Math::max));
    }

    /** The resident memory of each process of the stack now, in KiB (PostgreSQL: PSS over its processes). */
    public static Map<String, Long> now() {
        Map<String, Long> now = new java.util.TreeMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String name = name(proc);
                if (name != null) {
                    long kb = name.startsWith("PostgreSQL") ? field(proc.resolve("smaps_rollup"), "Pss:")
                            : field(proc.resolve("status"), "VmRSS:");
                    now.merge(name, kb, Long::sum);
                }
            }
        } catch (IOException e) {
            // no /proc: not Linux
        }
        return now;
    }

    private static String name(Path proc) {
        try {
            String cmd = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
            for (String service : List.of("ingest-service", "nlp-service", "query-service")) {
                if (cmd.contains(service + "/target/quarkus-app/quarkus-run.jar")) {
                    return service + " (JVM RSS)";
                }
            }
            if (cmd.contains("io.quotewire.stack.KafkaBroker")) {
                return "Kafka (JVM RSS)";
            }
            if (cmd.contains("quotewire-tools.jar") && cmd.contains(" up")) {
                return "launcher (JVM RSS)";
            }
            String comm = Files.readString(proc.resolve("comm")).trim();
            if (comm.equals("postgres") || cmd.startsWith("postgres:")) {
                return "PostgreSQL (PSS, all processes)";
            }
        } catch (IOException | RuntimeException e) {
            // the process has gone
        }
        return null;
    }

    private static long field(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has gone
        }
        return 0;
    }
}
