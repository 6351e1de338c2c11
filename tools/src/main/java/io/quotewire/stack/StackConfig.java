package io.quotewire.stack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local stack keeps its data and which ports and heap sizes it uses. Every value has an
 * environment variable; the defaults are the documented local ports.
 */
public record StackConfig(
        Path root,
        Path home,
        int kafkaPort,
        int postgresPort,
        int queryPort,
        int ingestPort,
        int nlpPort,
        int partitions,
        String queryHeap,
        String ingestHeap,
        String nlpHeap,
        String kafkaHeap,
        String javaOptions,
        int readyTimeoutSeconds,
        Map<String, Integer> replicas) {

    public static final String DATABASE = "quotewire";

    /** The services that can run as several replicas (consumer-group members); ingest-service has one port. */
    static final Map<String, String> SCALABLE = Map.of("nlp", "nlp-service", "query", "query-service");

    /** Reads the configuration from environment variables, with {@code root} the checkout's top folder. */
    public static StackConfig fromEnvironment(Path root, Map<String, String> env) {
        return new StackConfig(
                root,
                Path.of(env.getOrDefault("QUOTEWIRE_HOME", root.resolve(".quotewire").toString())).toAbsolutePath(),
                port(env, "QUOTEWIRE_KAFKA_PORT", 9092),
                port(env, "QUOTEWIRE_POSTGRES_PORT", 5433),
                port(env, "QUOTEWIRE_QUERY_PORT", 8080),
                port(env, "QUOTEWIRE_INGEST_PORT", 8081),
                port(env, "QUOTEWIRE_NLP_PORT", 8082),
                number(env, "QUOTEWIRE_PARTITIONS", 6, 1, 1000),
                heap(env, "QUOTEWIRE_QUERY_HEAP", "256m"),
                heap(env, "QUOTEWIRE_INGEST_HEAP", "256m"),
                heap(env, "QUOTEWIRE_NLP_HEAP", "640m"),
                heap(env, "QUOTEWIRE_KAFKA_HEAP", "512m"),
                env.getOrDefault("QUOTEWIRE_JAVA_OPTS", ""),
                number(env, "QUOTEWIRE_READY_TIMEOUT", 180, 5, 3600),
                replicas("QUOTEWIRE_REPLICAS", env.getOrDefault("QUOTEWIRE_REPLICAS", "")));
    }

    /** This configuration with the replicas {@code spec} ({@code nlp=2,query=2}) says. */
    public StackConfig withReplicas(String spec) {
        return new StackConfig(root, home, kafkaPort, postgresPort, queryPort, ingestPort, nlpPort, partitions, queryHeap,
                ingestHeap, nlpHeap, kafkaHeap, javaOptions, readyTimeoutSeconds, replicas("--replicas", spec));
    }

    /** How many instances of {@code service} run (1 unless set). */
    public int replicas(String service) {
        return replicas.getOrDefault(service, 1);
    }

    /** {@code nlp=2,query=3}: instances of nlp-service and query-service, 1 to 8 each. */
    static Map<String, Integer> replicas(String what, String spec) {
        Map<String, Integer> replicas = new java.util.HashMap<>();
        if (spec == null || spec.isBlank()) {
            return Map.of();
        }
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=");
            String service = kv.length == 2 ? SCALABLE.get(kv[0].trim()) : null;
            int n;
            try {
                n = kv.length == 2 ? Integer.parseInt(kv[1].trim()) : 0;
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (service == null || n < 1 || n > 8) {
                throw new StackException(what + " " + spec + ": expected nlp=N,query=N with N from 1 to 8 (ingest-service "
                        + "runs once: it is the front door on one port)");
            }
            replicas.put(service, n);
        }
        return Map.copyOf(replicas);
    }

    /** The HTTP port of {@code service}. */
    public int port(String service) {
        return switch (service) {
            case "query-service" -> queryPort;
            case "ingest-service" -> ingestPort;
            case "nlp-service" -> nlpPort;
            default -> throw new IllegalArgumentException("no service " + service);
        };
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path kafkaData() {
        return home.resolve("kafka");
    }

    public Path postgresData() {
        return home.resolve("postgres");
    }

    public Path postgresBinaries() {
        return home.resolve("postgres-binaries");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return number(env, name, fallback, 1, 65535);
    }

    private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StackException(name + "=" + value + " is not a whole number from " + min + " to " + max);
    }

    private static String heap(Map<String, String> env, String name, String fallback) {
        String value = env.getOrDefault(name, fallback).trim();
        if (!value.matches("\\d+[kKmMgG]?")) {
            throw new StackException(name + "=" + value + " is not a heap size such as 512m or 1g");
        }
        return value;
    }
}
