package io.quotewire.bench;

import java.util.concurrent.Callable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./quotewire bench soak}: a long run against a running stack, with bad input mixed in. Posts articles at a
 * steady rate for a while: most are seed-sized synthetic articles, a share is malformed (each must get a 400
 * problem) and a share is oversized but valid (100-500 KB, each must be accepted). At the end it waits until
 * every accepted article is queryable and prints what was lost and duplicated (both must be 0), every process's
 * resident memory at the start and the end, and the dead-letter topics' records by reason.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, description = "A long run against the running stack with bad input mixed in: lost and duplicated articles (both must be 0), memory at start and end, dead letters by reason.")
public final class SoakBenchmark implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "20", description = "articles/s (${DEFAULT-VALUE})")
    double rate;
    @Option(names = "--minutes", defaultValue = "30", description = "length of the run (${DEFAULT-VALUE})")
    double minutes;
    @Option(names = "--malformed", defaultValue = "0.01", description = "share of malformed posts, each must get a 400 (${DEFAULT-VALUE})")
    double malformed;
    @Option(names = "--oversized", defaultValue = "0.01", description = "share of 100-500 KB articles, each accepted (${DEFAULT-VALUE})")
    double oversized;
    @Mixin
    StackAddresses stack;
    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "the broker, for the dead-letter topics (default localhost:QUOTEWIRE_KAFKA_PORT or 9092)")
    String kafkaAddress;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn"); // the dead-letter reader's
        Map<String, String> env = System.getenv();
        URI ingest = stack.ingest();
        URI query = stack.query();
        String kafka = kafkaAddress != null ? kafkaAddress : "localhost:" + env.getOrDefault("QUOTEWIRE_KAFKA_PORT", "9092");
        String run = Long.toString(System.currentTimeMillis(), 36);
        SyntheticArticles synthetic = new SyntheticArticles("soak" + run);
        System.out.printf("Soak against ingest %s and query %s: %.0f articles/s for %.0f min, %.1f %% malformed, "
                + "%.1f %% oversized (100-500 KB); run %s%n", ingest, query, rate, minutes, malformed * 100,
                oversized * 100, run);
        Map<String, Long> rssStart = StackMemory.now();
        Map<String, Long> rssWarm = null;
        Counts counts = new Counts();
        Set<String> acceptedTags = ConcurrentHashMap.newKeySet();
        ExecutorService posters = Executors.newFixedThreadPool(8);
        URI to = ingest;
        Random random = new Random(42);
        long total = Math.round(rate * minutes * 60);
        long start = System.nanoTime();
        long lastReport = start;
        for (long n = 0; n < total; n++) {
            long due = start + (long) (n * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            double roll = random.nextDouble();
            long k = n;
            if (roll < malformed) {
                String bad = malformedArticle(random.nextInt(5), run, k);
                posters.submit(() -> post(to, bad, false, counts, null, null));
            } else {
                SyntheticArticles.Article a = synthetic.article(k);
                Map<String, Object> json = a.json("soak-" + run);
                if (roll < malformed + oversized) {
                    json.put("text", oversizedText(a.text(), 100_000 + random.nextInt(400_000)));
                }
                String body = JSON.writeValueAsString(json);
                posters.submit(() -> post(to, body, true, counts, acceptedTags, a.tag()));
            }
            if (rssWarm == null && n >= total / 10) {
                rssWarm = StackMemory.now(); // the JVMs have sized their heaps and compiled their hot code by now
            }
            if (System.nanoTime() - lastReport > 60_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf("  %.0f s: %s%n", (lastReport - start) / 1e9, counts);
            }
        }
        posters.shutdown();
        posters.awaitTermination(5, TimeUnit.MINUTES);
        System.out.printf("Posted %d in %.0f s: %s%n", total, (System.nanoTime() - start) / 1e9, counts);

        // every accepted article queryable, once
        String marker = "/api/quotes?size=1&q=" + java.net.URLEncoder.encode(synthetic.marker(), StandardCharsets.UTF_8)
                .replace("+", "%20");
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        int visible = 0;
        while (visible < acceptedTags.size() && System.nanoTime() < deadline) {
            Thread.sleep(5_000);
            visible = get(query.resolve(marker)).path("total").asInt();
        }
        int duplicated = 0;
        Set<String> seen = new java.util.HashSet<>();
        for (int page = 0; page * 100 < visible; page++) {
            JsonNode items = get(query.resolve(marker.replace("size=1", "size=100&page=" + page))).path("items");
            for (JsonNode q : items) {
                if (q.path("occurrenceCount").asInt() != 1) {
                    duplicated++;
                }
                String text = q.path("text").asText();
                int at = text.indexOf(synthetic.marker());
                seen.add(text.substring(at + synthetic.marker().length()).split(" ")[0]);
            }
        }
        long articles = get(query.resolve("/api/articles?size=1&source=soak-" + run)).path("total").asLong();
        long lost = acceptedTags.stream().filter(t -> !seen.contains(t.substring(t.lastIndexOf('-') + 1))).count();
        System.out.printf("%nAccepted %d, queryable %d (articles listed for the run's source: %d)%n", acceptedTags.size(),
                visible, articles);
        System.out.printf("  lost: %d   duplicated: %d   (both must be 0)%n", lost, duplicated + Math.max(0,
                articles - acceptedTags.size()));
        System.out.printf("  malformed refused with 400: %d, malformed accepted: %d, 5xx answers: %d, 503 retried: %d%n",
                counts.refused.get(), counts.malformedAccepted.get(), counts.serverErrors.get(), counts.retried.get());

        Map<String, Long> rssEnd = StackMemory.now();
        Map<String, Long> warm = rssWarm == null ? rssStart : rssWarm;
        System.out.printf("%nResident memory at the start, after the first tenth (warm) and at the end; growth from warm:%n");
        for (String name : rssEnd.keySet()) {
            long a = warm.getOrDefault(name, 0L);
            long b = rssEnd.get(name);
            System.out.printf("  %-36s %6d  %6d -> %6d MiB (%+.1f %%)%n", name, rssStart.getOrDefault(name, 0L) / 1024,
                    a / 1024, b / 1024, a == 0 ? 0 : (b - a) * 100.0 / a);
        }
        System.out.printf("%nDead-letter topics, records by reason:%n");
        Map<String, Long> dead = deadLetters(kafka);
        if (dead.isEmpty()) {
            System.out.println("  (none)");
        }
        dead.forEach((reason, n) -> System.out.printf("  %6d  %s%n", n, reason));
        return 0;
    }

    /** What was posted and how it was answered. */
    private static final class Counts {
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong malformedAccepted = new AtomicLong();
        final AtomicLong serverErrors = new AtomicLong();
        final AtomicLong retried = new AtomicLong();

        @Override
        public String toString() {
            return accepted + " accepted, " + refused + " refused, " + serverErrors + " 5xx, " + retried + " retried";
        }
    }

    private static void post(URI ingest, String body, boolean valid, Counts counts, Set<String> tags, String tag) {
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(ingest.resolve("/api/articles"))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 503) {
                    counts.retried.incrementAndGet();
                    Thread.sleep(5_000);
                    continue;
                }
                if (r.statusCode() >= 500) {
                    counts.serverErrors.incrementAndGet();
                } else if (r.statusCode() == 202) {
                    (valid ? counts.accepted : counts.malformedAccepted).incrementAndGet();
                    if (valid) {
                        tags.add(tag);
                    }
                } else if (!valid && r.statusCode() == 400) {
                    counts.refused.incrementAndGet();
                } else {
                    System.out.printf("  unexpected %d for a%s article: %s%n", r.statusCode(), valid ? " valid" : " malformed",
                            r.body().substring(0, Math.min(200, r.body().length())));
                }
                return;
            } catch (Exception e) {
                counts.retried.incrementAndGet();
            }
        }
    }

    /** Five kinds of article the contract refuses. */
    private static String malformedArticle(int kind, String run, long n) {
        String text = "A malformed article " + run + "-" + n + ".";
        return switch (kind) {
            case 0 -> "{\"text\": \"" + text + "\", \"publishedAt\": \"+10000-01-01\"}";
            case 1 -> "{\"text\": \"" + text + "\\u0000\"}";
            case 2 -> "{\"text\": \"" + text + "\", \"source\": \"" + "s".repeat(9000) + "\"}";
            case 3 -> "{\"text\": " + "[".repeat(1001) + "]".repeat(1001) + "}";
            default -> "{\"text\": \"" + text + "\"";
        };
    }

    /** The article's text followed by numbered copies of its paragraphs, to about {@code chars} characters. */
    private static String oversizedText(String text, int chars) {
        StringBuilder out = new StringBuilder(text);
        String[] paragraphs = text.split("\n\n");
        for (int i = 0; out.length() < chars; i++) {
            out.append("\n\n(").append(i).append(") ").append(paragraphs[i % paragraphs.length]);
        }
        return out.toString();
    }

    private static JsonNode get(URI uri) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static Map<String, Long> deadLetters(String kafka) {
        Map<String, Long> byReason = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.GROUP_ID_CONFIG, "soak-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("articles.dlq", "entities.dlq", "quotes.dlq", "profiles.dlq"));
            long quiet = System.nanoTime();
            while (System.nanoTime() - quiet < 10_000_000_000L) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    quiet = System.nanoTime();
                    Header h = r.headers().lastHeader("dead-letter-reason");
                    String reason = h == null ? "(no reason)" : new String(h.value(), StandardCharsets.UTF_8);
                    byReason.merge(r.topic() + ": " + reason.substring(0, Math.min(100, reason.length())), 1L, Long::sum);
                }
            }
        } catch (RuntimeException e) {
            byReason.put("(cannot read the dead-letter topics at " + kafka + ": " + e.getMessage() + ")", 0L);
        }
        return byReason;
    }
}
