package io.quotewire.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Story quality through the running stack ({@code ./quotewire bench stories DATA.jsonl}): the articles of a
 * gold file (lines of {@code doc}, {@code event}, {@code text}, such as ECB+'s, and any of the article's {@code title},
 * {@code url}, {@code source}, {@code publishedAt}, ..., sent as they are) posted to ingest-service in one
 * seeded shuffled order, each article's {@code storyId} read back from query-service, and the stories scored
 * against the gold events (BCubed and pairwise, as {@code story_score.py} does). Writes the system's stories
 * as {@code doc}/{@code story} lines for that scorer. Run it on a fresh stack: stories already there are
 * candidates too.
 */
@Command(name = "stories", mixinStandardHelpOptions = true, description = "Story quality through the running stack: a gold file's articles posted in a shuffled order, their stories read back and scored (BCubed, pairwise).")
public final class StoryBenchmark implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "GOLD_JSONL", description = "lines of doc, event, text, and optionally title, url, source, publishedAt (ECB+: SHARED/data/ecbplus/ecbplus_dev.jsonl)")
    Path gold;
    @Option(names = "--seed", defaultValue = "1", description = "the order the articles are posted in (${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--out", defaultValue = "target/stories.jsonl", description = "the system's stories, for story_score.py (${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--timeout", defaultValue = "600", description = "seconds to wait for every story (${DEFAULT-VALUE})")
    int timeout;
    @Mixin
    StackAddresses stack;

    /** What a gold line may say of its article besides doc, event and text, sent as it is (ingest's JSON fields). */
    private static final List<String> ARTICLE_FIELDS = List.of("text", "title", "url", "source", "author", "language",
            "publishedAt");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        for (String line : Files.readAllLines(gold)) {
            if (!line.isBlank()) {
                docs.add(JSON.readTree(line));
            }
        }
        java.util.Collections.shuffle(docs, new java.util.Random(seed));
        System.out.printf("Stories of %d articles of %s through ingest %s and query %s (order seed %d)%n", docs.size(), gold,
                stack.ingest(), stack.query(), seed);
        Map<String, String> goldEvents = new LinkedHashMap<>();
        Map<String, String> articleOf = new HashMap<>();
        long start = System.nanoTime();
        for (int from = 0; from < docs.size(); from += 100) {
            List<JsonNode> batch = docs.subList(from, Math.min(docs.size(), from + 100));
            StringBuilder body = new StringBuilder();
            for (JsonNode d : batch) {
                ObjectNode article = JSON.createObjectNode().put("source", "gold-" + d.get("doc").asText());
                for (String field : ARTICLE_FIELDS) {
                    if (d.path(field).isTextual()) {
                        article.put(field, d.get(field).asText());
                    }
                }
                body.append(JSON.writeValueAsString(article)).append('\n');
            }
            JsonNode answer = send(HttpRequest.newBuilder(stack.ingest().resolve("/api/articles/batch"))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
            if (answer.path("rejected").size() > 0) {
                throw new IllegalStateException("ingest-service rejected articles: " + answer.path("rejected"));
            }
            for (JsonNode accepted : answer.path("accepted")) {
                JsonNode d = batch.get(accepted.get("line").asInt() - 1);
                goldEvents.put(d.get("doc").asText(), d.get("event").asText());
                articleOf.put(d.get("doc").asText(), accepted.get("id").asText());
            }
        }
        Map<String, String> stories = new HashMap<>();
        long deadline = System.nanoTime() + timeout * 1_000_000_000L;
        while (stories.size() < articleOf.size() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            for (var e : articleOf.entrySet()) {
                if (!stories.containsKey(e.getKey())) {
                    JsonNode a = get(stack.query().resolve("/api/articles/" + e.getValue()));
                    if (a != null && a.hasNonNull("storyId")) {
                        stories.put(e.getKey(), a.get("storyId").asText());
                    }
                }
            }
        }
        System.out.printf("  %d of %d articles in a story after %.0f s%n", stories.size(), articleOf.size(),
                (System.nanoTime() - start) / 1e9);
        Files.createDirectories(out.toAbsolutePath().getParent());
        List<String> lines = new ArrayList<>();
        stories.forEach((doc, story) -> lines.add(JSON.createObjectNode().put("doc", doc).put("story", story).toString()));
        Files.write(out, lines);
        System.out.println(StoryScores.of(goldEvents, stories));
        System.out.printf("  the stories as doc/story lines: %s (python3 SHARED/eval/story_score.py %s %s)%n", out, gold, out);
        return stories.size() == articleOf.size() ? 0 : 1;
    }

    private static JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static JsonNode get(URI uri) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }
}
