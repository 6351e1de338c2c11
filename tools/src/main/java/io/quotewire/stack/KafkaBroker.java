package io.quotewire.stack;

import java.nio.file.Path;
import java.time.Duration;

import io.quotewire.embedded.EmbeddedKafka;

/**
 * The local stack's Kafka broker as a process of its own ({@code java -cp quotewire-tools.jar
 * io.quotewire.stack.KafkaBroker DATA_DIR PORT}), started and supervised by the launcher like the services: a
 * broker that dies or is killed is started again on its data, and one that hangs is only itself. SIGTERM stops
 * it cleanly (a controlled shutdown: its logs need no recovery at the next start).
 */
public final class KafkaBroker {

    /**
     * When true (a system property), the broker starts on a temporary folder and a free port, creates a topic,
     * stops, and the JVM exits: the package build's run that makes the broker's class-data archive.
     */
    static final String CLASS_ARCHIVE_RUN = "quotewire.kafka.class-archive-run";

    /**
     * The broker's class-data archive, beside the tools' jar: the classes of a start, archived by the build's run
     * ({@link #CLASS_ARCHIVE_RUN}). Started with it, the broker is ready in about two thirds of the time.
     */
    static final String CLASS_ARCHIVE = "kafka-cds.jsa";

    private KafkaBroker() {
    }

    public static void main(String[] args) throws InterruptedException, java.io.IOException {
        if (Boolean.getBoolean(CLASS_ARCHIVE_RUN)) {
            classArchiveRun();
            System.exit(0); // the JVM archives the classes it loaded as it exits
        }
        if (args.length != 2) {
            System.err.println("usage: KafkaBroker DATA_DIR PORT");
            System.exit(Main.USAGE);
        }
        Main.logTo("System.out"); // which the launcher appends to logs/kafka.log
        int port = Integer.parseInt(args[1]);
        long t0 = System.nanoTime();
        EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), port, Duration.ofSeconds(90));
        System.out.printf("Kafka ready on localhost:%d in %.1f s%n", port, (System.nanoTime() - t0) / 1e9);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            System.out.println("Kafka stopped");
        }, "kafka-stop"));
        Thread.currentThread().join(); // until SIGTERM: the hook stops the broker, then the JVM exits
    }

    private static void classArchiveRun() throws java.io.IOException {
        Path data = java.nio.file.Files.createTempDirectory("quotewire-kafka-archive");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(data, io.quotewire.embedded.Ports.freePort(), Duration.ofSeconds(90))) {
            kafka.createTopics(java.util.Set.of("archive-run"), 1, name -> java.util.Map.of());
        } finally {
            LocalStack.deleteRecursively(data);
        }
    }
}
