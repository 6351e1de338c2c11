package io.quotewire.bench;

import java.util.concurrent.Callable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ingest throughput against a running stack ({@code ./quotewire bench ingest}): seed-sized articles (the two
 * seeds with a unique first line, so every post is a new article) sent as single {@code text/plain} posts
 * from N concurrent clients, then as NDJSON batches. Each phase warms up first, then measures; figures go to
 * stdout. Only 202 answers (Kafka acknowledged) count.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "ingest-service alone: single posts from N clients, then NDJSON batches; articles/s and latency.")
public final class IngestBenchmark implements Callable<Integer> {

    @Option(names = "--clients", defaultValue = "16", description = "clients posting single articles (${DEFAULT-VALUE})")
    int clients;
    @Option(names = "--batch-clients", defaultValue = "4", description = "clients posting NDJSON batches (${DEFAULT-VALUE})")
    int batchClients;
    @Option(names = "--batch-lines", defaultValue = "500", description = "articles per batch (${DEFAULT-VALUE})")
    int batchLines;
    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds per phase (${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--url", paramLabel = "URL", description = "ingest-service (QUOTEWIRE_INGEST_URL; default http://localhost:8081)")
    URI url;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        URI url = this.url != null ? this.url : URI.create(System.getenv().getOrDefault("QUOTEWIRE_INGEST_URL",
                "http://localhost:" + System.getenv().getOrDefault("QUOTEWIRE_INGEST_PORT", "8081")));
        List<String> seeds = SyntheticArticles.SAMPLES;
        System.out.printf("Ingest benchmark against %s: %d cores here, seed-sized articles (%d and %d chars)%n",
                url, Runtime.getRuntime().availableProcessors(), seeds.get(0).length(), seeds.get(1).length());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong serial = new AtomicLong();
        String run = Long.toString(System.currentTimeMillis(), 36);

        URI single = url.resolve("/api/articles");
        Phase singles = new Phase("single posts, " + clients + " clients", clients, () -> {
            long n = serial.incrementAndGet();
            String text = "date 2020-08-20\nBulletin " + run + "-" + n + ".\n" + seeds.get((int) (n % 2));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(single)
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 202 ? 1 : 0;
        });
        singles.run(Math.max(3, seconds / 4), seconds);

        URI batch = url.resolve("/api/articles/batch");
        int lines = batchLines;
        Phase batches = new Phase("NDJSON batches of " + lines + ", " + batchClients + " clients", batchClients, () -> {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                long n = serial.incrementAndGet();
                body.append(JSON.writeValueAsString(java.util.Map.of("text", "Bulletin " + run + "-" + n + ".\n"
                        + seeds.get((int) (n % 2)), "publishedAt", "2020-08-20", "source", "bench"))).append('\n');
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(batch)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()).path("accepted").size() : 0;
        });
        batches.run(Math.max(3, seconds / 4), seconds);
        return 0;
    }

    interface Call {
        int send() throws Exception;
    }

    /** Clients calling in a loop: a warm-up, then a measured run; articles/s and request latency. */
    record Phase(String name, int clients, Call call) {

        void run(int warmupSeconds, int seconds) throws Exception {
            measure(warmupSeconds);
            Result r = measure(seconds);
            long[] sorted = r.latencies.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            System.out.printf("%-40s %8.0f articles/s  (%d articles in %.1f s; %d requests, latency p50 %.1f ms, "
                    + "p99 %.1f ms; %d failed)%n", name, r.articles / r.seconds, r.articles, r.seconds, sorted.length,
                    Percentiles.millis(sorted, 0.50), Percentiles.millis(sorted, 0.99), r.failed);
        }

        private record Result(long articles, long failed, double seconds, List<Long> latencies) {
        }

        private Result measure(int seconds) throws Exception {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            AtomicLong articles = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        try {
                            int n = call.send();
                            articles.addAndGet(n);
                            if (n == 0) {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - t);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            return new Result(articles.get(), failed.get(), elapsed, latencies);
        }
    }
}
