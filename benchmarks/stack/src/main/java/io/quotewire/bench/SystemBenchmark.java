package io.quotewire.bench;

import java.util.concurrent.Callable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole system's speed against a running stack ({@code ./quotewire bench system}): synthetic seed-sized
 * articles (unique texts, see {@link SyntheticArticles}) in through ingest-service, out through query-service.
 * <ol>
 * <li>Throughput: N articles posted as NDJSON batches of 500; articles/s from the first accepted batch to
 * the last article queryable (its tagged quote visible in {@code GET /api/quotes}).</li>
 * <li>Freshness: one article every 1/rate s for a while; for each, the time from its POST to its entities
 * and quotes being visible in {@code GET /api/articles/{id}} (so it includes ingest's own work and the
 * Kafka acknowledgement before {@code ingestedAt}); p50/p99/max.</li>
 * <li>Memory: the peak resident memory of each process of the stack, sampled every second: the three
 * services, the Kafka broker, the launcher and PostgreSQL (proportional set size summed
 * over its processes, so shared buffers count once).</li>
 * </ol>
 */
@Command(name = "system", mixinStandardHelpOptions = true, description = "The whole running stack: N synthetic articles through the batch endpoint (end-to-end articles/s), then a steady rate (freshness p50/p99), and the peak memory of every process.")
public final class SystemBenchmark implements Callable<Integer> {

    @Option(names = "--articles", defaultValue = "2000", description = "articles of the throughput run (${DEFAULT-VALUE})")
    int articles;
    @Option(names = "--rate", defaultValue = "10", description = "articles/s of the freshness run (${DEFAULT-VALUE})")
    double rate;
    @Option(names = "--seconds", defaultValue = "60", description = "length of the freshness run (${DEFAULT-VALUE})")
    int seconds;
    @Mixin
    StackAddresses stack;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 200;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        URI ingest = stack.ingest();
        URI query = stack.query();
        String run = Long.toString(System.currentTimeMillis(), 36);
        System.out.printf("Whole-system benchmark against ingest %s and query %s, %d cores here, run %s%n", ingest, query,
                Runtime.getRuntime().availableProcessors(), run);
        StackMemory memory = StackMemory.start();
        try {
            HostSteal.Snapshot before = HostSteal.now();
            throughput(ingest, query, new SyntheticArticles("t" + run), articles, "bench-" + run);
            HostSteal.Snapshot between = HostSteal.now();
            System.out.printf("  host steal during the throughput run: %s (CPU time the hypervisor gave to others)%n",
                    HostSteal.format(before.percentUntil(between)));
            memory.print("after the throughput run");
            freshness(ingest, query, new SyntheticArticles("f" + run), rate, seconds, "bench-fresh-" + run);
            System.out.printf("  host steal during the freshness run: %s%n", HostSteal.format(between.percentUntil(HostSteal.now())));
            memory.print("whole benchmark");
        } finally {
            memory.stop();
        }
        return 0;
    }

    private static void throughput(URI ingest, URI query, SyntheticArticles synthetic, int n, String source)
            throws Exception {
        System.out.printf("%nThroughput: %d articles as NDJSON batches of 500%n", n);
        long firstAccepted = 0;
        long postedAll;
        for (int from = 0; from < n; from += 500) {
            StringBuilder body = new StringBuilder();
            for (int k = from; k < Math.min(n, from + 500); k++) {
                body.append(JSON.writeValueAsString(synthetic.article(k).json(source))).append('\n');
            }
            JsonNode answer = send(HttpRequest.newBuilder(ingest.resolve("/api/articles/batch"))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
            if (answer.path("rejected").size() > 0) {
                throw new IllegalStateException("ingest-service rejected articles: " + answer.path("rejected"));
            }
            if (firstAccepted == 0) {
                firstAccepted = System.nanoTime();
            }
        }
        postedAll = System.nanoTime();
        URI tagged = query.resolve("/api/quotes?size=1&q="
                + java.net.URLEncoder.encode(synthetic.marker(), StandardCharsets.UTF_8).replace("+", "%20"));
        int visible = 0;
        long lastProgress = System.nanoTime();
        while (visible < n) {
            // this count is a full-text search over the run's quotes (~50 ms of the stack's CPU with 1,000 of
            // them): asked every 250 ms it took a tenth of a core from what it measures. So it is asked when
            // about half the expected remaining time has passed (at most every 5 s), and every 250 ms at the end
            double elapsed = (System.nanoTime() - firstAccepted) / 1e9;
            double remaining = visible == 0 ? 5 : (n - visible) * elapsed / visible;
            Thread.sleep((long) Math.max(250, Math.min(5000, remaining * 500)));
            visible = send(HttpRequest.newBuilder(tagged).GET()).path("total").asInt();
            if (System.nanoTime() - lastProgress > 10_000_000_000L) {
                System.out.printf("  %d of %d queryable after %.0f s%n", visible, n, (System.nanoTime() - firstAccepted) / 1e9);
                lastProgress = System.nanoTime();
            }
        }
        double took = (System.nanoTime() - firstAccepted) / 1e9;
        System.out.printf("  all %d posted in %.1f s (%.0f articles/s into Kafka)%n", n, (postedAll - firstAccepted) / 1e9,
                n / ((postedAll - firstAccepted) / 1e9));
        System.out.printf("  end to end: %.1f articles/s (%d articles, first accepted to last queryable %.1f s; target >= 30)%n",
                n / took, n, took);
    }

    private static void freshness(URI ingest, URI query, SyntheticArticles synthetic, double rate, int seconds,
            String source) throws Exception {
        int n = (int) Math.round(rate * seconds);
        System.out.printf("%nFreshness: %d articles at a steady %.0f/s (%d s), each from its POST to its entities and "
                + "quotes in GET /api/articles/{id}%n", n, rate, seconds);
        Map<String, Long> posted = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread poller = new Thread(() -> poll(query, posted, latencies, n), "freshness-poller");
        poller.start();
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        for (int k = 0; k < n; k++) {
            long due = start + k * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long t = System.nanoTime();
            JsonNode answer = send(HttpRequest.newBuilder(ingest.resolve("/api/articles"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(synthetic.article(k).json(source)),
                            StandardCharsets.UTF_8)));
            posted.put(answer.path("id").asText(), t);
        }
        poller.join(Duration.ofSeconds(120).toMillis());
        poller.interrupt();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("  %d of %d visible; POST to visible p50 %.0f ms, p99 %.0f ms, max %.0f ms (target p99 <= 2000 ms;"
                + " checked every %d ms)%n", sorted.length, n, Percentiles.millis(sorted, 0.5),
                Percentiles.millis(sorted, 0.99), Percentiles.millis(sorted, 1.0), POLL_MILLIS);
    }

    /**
     * Checks each article still pending at most every {@value #POLL_MILLIS} ms (so the polling itself stays a
     * small load on the 2-core machine), until {@code n} have become visible.
     */
    private static void poll(URI query, Map<String, Long> posted, List<Long> latencies, int n) {
        Map<String, Long> lastChecked = new ConcurrentHashMap<>();
        Map<String, Boolean> done = new ConcurrentHashMap<>();
        while (done.size() < n && !Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            List<Map.Entry<String, Long>> due = posted.entrySet().stream().filter(e -> !done.containsKey(e.getKey()))
                    .filter(e -> now - lastChecked.getOrDefault(e.getKey(), 0L) > POLL_MILLIS * 1_000_000L)
                    .sorted(Map.Entry.comparingByValue()).toList();
            for (Map.Entry<String, Long> e : due) {
                lastChecked.put(e.getKey(), System.nanoTime());
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(query.resolve("/api/articles/" + e.getKey()))
                            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    long seen = System.nanoTime();
                    if (r.statusCode() == 200) {
                        JsonNode article = JSON.readTree(r.body());
                        if (article.path("entities").size() > 0 && article.path("quotes").size() > 0) {
                            done.put(e.getKey(), true);
                            latencies.add(seen - e.getValue());
                        }
                    }
                } catch (IOException ex) {
                    // not there yet, or the service is busy: try again
                } catch (InterruptedException ex) {
                    return;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    private static JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(request.build().uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
