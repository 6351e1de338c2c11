package io.quotewire.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What idle live-stream subscribers cost query-service: its resident memory with none, then with N open
 * {@code /api/live/quotes} streams, and how long one new quote takes to reach all of them.
 */
@Command(name = "live", mixinStandardHelpOptions = true, description = "N idle subscribers of the live quote stream: "
        + "query-service's memory without and with them, and the time one new quote takes to reach them all.")
public final class LiveBenchmark implements Callable<Integer> {

    @Option(names = "--subscribers", defaultValue = "1000", description = "open streams (${DEFAULT-VALUE})")
    int subscribers;
    @Mixin
    StackAddresses stack;

    @Override
    public Integer call() throws Exception {
        URI ingest = stack.ingest();
        URI query = stack.query();
        String run = Long.toString(System.currentTimeMillis(), 36);
        System.out.printf("Live-stream benchmark against %s: %d subscribers%n", query, subscribers);
        long before = queryRssKb();
        System.out.printf("  query-service RSS with no subscriber: %d MiB%n", before / 1024);

        // one connection per subscriber (HTTP/1.1: a stream holds its connection), one client for them all
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<?>> streams = new ArrayList<>();
        Map<Integer, Long> received = new ConcurrentHashMap<>();
        AtomicInteger open = new AtomicInteger();
        String words = "Every subscriber hears this " + run;
        for (int i = 0; i < subscribers; i++) {
            int n = i;
            streams.add(client.sendAsync(HttpRequest.newBuilder(query.resolve("/api/live/quotes"))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(r -> {
                        open.incrementAndGet();
                        r.body().filter(line -> line.startsWith("data:") && line.contains(run)).findFirst()
                                .ifPresent(line -> received.put(n, System.nanoTime()));
                    }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (open.get() < subscribers && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(5000); // idle
        System.gc();
        long with = queryRssKb();
        System.out.printf("  %d streams open; query-service RSS with them, idle: %d MiB (%+.1f KiB a subscriber)%n",
                open.get(), with / 1024, (with - before) / (double) Math.max(1, open.get()));

        long posted = System.nanoTime();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ingest.resolve("/api/articles?source=live-bench"))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("Governor Ada Lindqvist of Norway spoke on Friday.\n\n\u201c" + words
                        + ",\u201d Lindqvist said.", StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            System.out.println("  ingest answered " + r.statusCode() + ": " + r.body());
            return 1;
        }
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.size() < open.get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<Long> delays = received.values().stream().map(t -> (t - posted) / 1_000_000).sorted().toList();
        System.out.printf("  the new quote reached %d of %d subscribers; from POST: first %d ms, median %d ms, last %d ms%n",
                delays.size(), open.get(), delays.isEmpty() ? -1 : delays.get(0),
                delays.isEmpty() ? -1 : delays.get(delays.size() / 2), delays.isEmpty() ? -1 : delays.get(delays.size() - 1));
        streams.forEach(s -> s.cancel(true));
        return delays.size() == open.get() ? 0 : 1;
    }

    private static long queryRssKb() {
        return StackMemory.now().entrySet().stream().filter(e -> e.getKey().startsWith("query-service"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
