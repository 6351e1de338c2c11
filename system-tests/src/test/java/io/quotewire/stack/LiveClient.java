package io.quotewire.stack;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A client of a live stream that follows it across the stack's query-service instances, as a browser's
 * EventSource does behind a load balancer: when its instance stops, it reconnects to another with the id of the
 * last event it got ({@code Last-Event-ID}). It notes every article id it is sent, and any it is sent twice.
 */
final class LiveClient implements AutoCloseable {

    private final Path ports;
    private final String path;
    private final Thread thread;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final Set<String> articleIds = ConcurrentHashMap.newKeySet();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    private volatile String lastId;
    private volatile boolean closed;

    /** Follows {@code path} on the instances that {@code home}'s {@code run/ports.properties} lists, starting with the last. */
    LiveClient(Path home, String path) {
        this.ports = home.resolve("run/ports.properties");
        this.path = path;
        this.thread = new Thread(this::follow, "live-client");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        int attempt = 0;
        while (!closed) {
            List<Integer> instances = queryPorts();
            if (!instances.isEmpty()) {
                int port = instances.get((instances.size() - 1 + attempt) % instances.size());
                try {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Accept", "text/event-stream");
                    if (lastId != null) {
                        request.header("Last-Event-ID", lastId);
                    }
                    HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
                    if (response.statusCode() == 200) {
                        connections.incrementAndGet();
                        String id = null;
                        for (String line : (Iterable<String>) response.body()::iterator) {
                            if (closed) {
                                break;
                            }
                            if (line.startsWith("id:")) {
                                id = line.substring(3).trim();
                            } else if (line.startsWith("data:")) {
                                JsonNode event = Api.JSON.readTree(line.substring(5).trim());
                                if (!articleIds.add(event.path("articleId").asText())) {
                                    duplicates.incrementAndGet();
                                }
                                lastId = id;
                            }
                        }
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    // the instance stopped (mid-stream, the line reader throws unchecked) or is not up yet: the next one
                } catch (InterruptedException e) {
                    return;
                }
            }
            attempt++;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The HTTP ports of the query-service instances now running, as the launcher records them. */
    private List<Integer> queryPorts() {
        List<Integer> found = new ArrayList<>();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(ports)) {
            p.load(r);
        } catch (IOException e) {
            return found;
        }
        p.stringPropertyNames().stream().filter(k -> k.startsWith("query-service")).sorted()
                .forEach(k -> found.add(Integer.parseInt(p.getProperty(k).trim())));
        return found;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
