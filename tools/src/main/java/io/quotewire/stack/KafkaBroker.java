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

    private KafkaBroker() {
    }

    public static void main(String[] args) throws InterruptedException {
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
}
