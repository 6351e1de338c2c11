package io.quotewire.query;

import static io.quotewire.query.ReadModelEvents.JSON;
import static io.quotewire.query.ReadModelEvents.WAIT;
import static io.quotewire.query.ReadModelEvents.envelope;
import static io.quotewire.query.ReadModelEvents.send;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quotewire.embedded.testing.KafkaTestResource;
import io.quotewire.embedded.testing.PostgresTestResource;

/**
 * The live streams over a real broker and database: a quote projected now reaches a subscriber, filtered by
 * speaker; a client that reconnects with its Last-Event-ID gets what it missed, and nothing twice.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class LiveTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aNewQuoteReachesItsSubscribersAndAReconnectingClientGetsWhatItMissed() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        try (Stream stream = Stream.open(base.resolve("/api/live/quotes?speaker=ewho" + run), null)) {
            ReadModelEvents.awaitDrained();
            send(List.of(quotes("live-" + run + "-a", "first words of " + run, "ewho" + run),
                    quotes("live-" + run + "-x", "someone else's words " + run, "eother" + run)));
            JsonNode first = stream.next("the first quote");
            assertEquals("first words of " + run, first.path("text").asText());
            assertEquals("live-" + run + "-a", first.path("articleId").asText());
            assertEquals("ewho" + run, first.at("/speaker/entityId").asText(), "the speaker's entity id");
            String firstId = first.path("id").asText();

            // while this client is away, two more quotes of the speaker
            stream.close();
            send(List.of(quotes("live-" + run + "-b", "second words of " + run, "ewho" + run),
                    quotes("live-" + run + "-c", "third words of " + run, "ewho" + run)));
            try (Stream again = Stream.open(base.resolve("/api/live/quotes?speaker=ewho" + run), firstId)) {
                // in the order the read model stored them: two articles' quotes may be projected either way round
                java.util.Set<String> missed = new java.util.HashSet<>(List.of(again.next("a missed quote").path("text").asText(),
                        again.next("the other missed quote").path("text").asText()));
                assertEquals(java.util.Set.of("second words of " + run, "third words of " + run), missed);
                again.assertQuiet(Duration.ofSeconds(1));
            }
        }
        given().queryParam("limit", 100).when().get("/api/live/quotes/latest").then().statusCode(200)
                .body("findAll { it.text.endsWith('" + run + "') }.size()", is(4))
                .body("[0].kind", is("quote"));
    }

    @Test
    void newArticlesOfOneOutletReachItsSubscribers() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        try (Stream stream = Stream.open(base.resolve("/api/live/articles?source=outlet-" + run), null)) {
            send(List.of(new ProducerRecord<>(Topics.ARTICLES, "other-" + run, JSON.writeValueAsString(java.util.Map.of(
                            "id", "other-" + run, "text", "Another outlet's article.", "source", "elsewhere-" + run,
                            "ingestedAt", "2021-07-01T00:00:00Z"))),
                    new ProducerRecord<>(Topics.ARTICLES, "mine-" + run, JSON.writeValueAsString(java.util.Map.of(
                            "id", "mine-" + run, "text", "The outlet's article.", "title", "Mine " + run,
                            "source", "outlet-" + run, "ingestedAt", "2021-07-01T00:00:00Z")))));
            JsonNode article = stream.next("the outlet's article");
            assertEquals("article", article.path("kind").asText());
            assertEquals("mine-" + run, article.path("articleId").asText());
            assertEquals("Mine " + run, article.path("title").asText());
            stream.assertQuiet(Duration.ofSeconds(1));
        }
    }

    @Test
    void aMalformedLastEventIdIsA400Problem() {
        given().header("Last-Event-ID", "yesterday").when().get("/api/live/quotes").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("Last-Event-ID"));
    }

    private static ProducerRecord<String, String> quotes(String article, String text, String speaker) {
        ObjectNode event = envelope(article, "2021-07-01T00:00:00Z");
        ObjectNode quote = event.putArray("quotes").addObject().put("text", text).put("start", 0).put("end", text.length());
        quote.putObject("speaker").put("entityId", speaker).put("name", "Speaker " + speaker)
                .putObject("mention").put("start", 0).put("end", 3).put("text", "Who");
        ObjectNode entities = envelope(article, "2021-07-01T00:00:00Z");
        ReadModelEvents.entity(entities.putArray("entities"), speaker, "Speaker " + speaker, "PERSON");
        send(List.of(new ProducerRecord<>(Topics.ENTITIES, article, entities.toString())));
        return new ProducerRecord<>(Topics.QUOTES, article, event.toString());
    }

    /** An SSE client: the data of each event, as JSON, in order. */
    private static final class Stream implements AutoCloseable {

        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private final java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;

        private Stream(java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response) {
            this.response = response;
        }

        static Stream open(URI uri, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            Stream s = new Stream(HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()));
            HttpResponse<java.util.stream.Stream<String>> r = s.response.get(10, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            Thread reader = new Thread(() -> r.body().forEach(line -> {
                if (line.startsWith("data:")) {
                    try {
                        s.events.add(JSON.readTree(line.substring(5).trim()));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }), "sse-reader");
            reader.setDaemon(true);
            reader.start();
            return s;
        }

        JsonNode next(String what) throws InterruptedException {
            JsonNode e = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(e, what + " did not come");
            return e;
        }

        void assertQuiet(Duration d) throws InterruptedException {
            List<JsonNode> extra = new ArrayList<>();
            JsonNode e = events.poll(d.toMillis(), TimeUnit.MILLISECONDS);
            if (e != null) {
                extra.add(e);
            }
            assertTrue(extra.isEmpty(), "nothing more, but " + extra);
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
        }
    }
}
