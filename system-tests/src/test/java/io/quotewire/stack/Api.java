package io.quotewire.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The stack's public HTTP APIs, as a client sees them: JSON in and out, status codes checked. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI ingest;
    private final URI query;
    private final URI nlp;

    Api(int ingestPort, int queryPort, int nlpPort) {
        this.ingest = URI.create("http://localhost:" + ingestPort);
        this.query = URI.create("http://localhost:" + queryPort);
        this.nlp = URI.create("http://localhost:" + nlpPort);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode postText(String path, String text, int expectedStatus) throws Exception {
        return send(HttpRequest.newBuilder(ingest.resolve(path)).header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), expectedStatus);
    }

    JsonNode postNdjson(String path, String lines) throws Exception {
        return send(HttpRequest.newBuilder(ingest.resolve(path)).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(lines, StandardCharsets.UTF_8)), 200);
    }

    /** nlp-service's synchronous analysis of {@code text}. */
    JsonNode analyze(String text) throws Exception {
        return send(HttpRequest.newBuilder(nlp.resolve("/api/analyze")).header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), 200);
    }

    /** Where query-service answers: the web pages' base. */
    URI queryBase() {
        return query;
    }

    /** GET on query-service; must answer 200. */
    JsonNode query(String path) throws Exception {
        return send(HttpRequest.newBuilder(query.resolve(path)).GET(), 200);
    }

    /** GET on query-service as it answers, whatever the status (the client gives up after {@code timeout}). */
    HttpResponse<String> getQuery(String path, Duration timeout) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(query.resolve(path)).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request to one of the services ({@code ingest}, {@code query}, {@code nlp}) as it answers, whatever the status. */
    HttpResponse<String> raw(String service, HttpRequest.Builder request, String path) throws Exception {
        URI base = switch (service) {
            case "ingest" -> ingest;
            case "query" -> query;
            default -> nlp;
        };
        HttpRequest built = request.uri(URI.create(base + path)).build();
        if (built.timeout().isEmpty()) {
            built = HttpRequest.newBuilder(built, (name, value) -> true).timeout(Duration.ofSeconds(60)).build();
        }
        return HTTP.send(built,
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Polls a service's readiness ({@code ingest}, {@code query}, {@code nlp}) until it is {@code ready} or not, as
     * a Kubernetes probe judges it: ready is a 200 within 5 s; a 503 or no answer within 5 s is not ready.
     */
    void awaitReadiness(String service, boolean ready, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            int status;
            try {
                status = raw(service, HttpRequest.newBuilder().GET().timeout(Duration.ofSeconds(5)), "/q/health/ready")
                        .statusCode();
            } catch (IOException e) {
                status = -1; // no answer in time
            }
            last = status == -1 ? "no answer within 5 s" : String.valueOf(status);
            if ((status == 200) == ready) {
                return;
            }
            Thread.sleep(500);
        }
        fail(service + " was not " + (ready ? "ready" : "unready") + " within " + timeout + " (last: " + last + ")");
    }

    /** Polls a query-service path until its answer satisfies {@code done}; fails with the last answer after {@code timeout}. */
    JsonNode await(String what, Duration timeout, String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = query(path);
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException | AssertionError e) {
                last = JSON.getNodeFactory().textNode(e.toString()); // the service may be restarting
            }
            Thread.sleep(100);
        }
        fail(what + ": not there within " + timeout + "; last answer of " + path + ": " + last);
        return last;
    }

    /** The spans of every mention of {@code entities} (an analysis' or an article's), sorted. */
    static List<String> mentions(JsonNode entities) {
        List<String> spans = new java.util.ArrayList<>();
        for (JsonNode e : entities) {
            e.path("mentions").forEach(m -> spans.add(m.path("start").asInt() + "-" + m.path("end").asInt()));
        }
        return spans.stream().sorted().toList();
    }

    /** The ids of {@code quotes} (an analysis' or an article's), sorted. */
    static List<String> quoteIds(JsonNode quotes) {
        List<String> ids = new java.util.ArrayList<>();
        quotes.forEach(q -> ids.add(q.path("id").asText()));
        return ids.stream().sorted().toList();
    }

    private static JsonNode send(HttpRequest.Builder request, int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), () -> request.build().uri() + " answered " + response.body());
        return JSON.readTree(response.body());
    }
}
