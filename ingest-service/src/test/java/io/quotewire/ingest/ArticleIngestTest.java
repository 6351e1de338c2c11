package io.quotewire.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quotewire.contract.Fixtures;
import io.quotewire.embedded.testing.KafkaTestResource;
import io.restassured.http.ContentType;

/** Articles posted over REST land on the real {@code articles} topic with the contract's key, value and headers. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class ArticleIngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void seedsPostedAsPlainTextGetTheirDateAndLoseThePrefix() throws Exception {
        for (String seed : Fixtures.SAMPLES) {
            byte[] body = Fixtures.sample(seed).getBytes(StandardCharsets.UTF_8);
            String id = given().contentType("text/plain; charset=utf-8").body(body)
                    .queryParam("source", "seed-outlet")
                    .when().post("/api/articles")
                    .then().statusCode(202).body("status", is("accepted")).extract().path("id");

            ConsumerRecord<String, String> record = ArticlesTopic.await(id, 1, WAIT).get(0);
            JsonNode value = JSON.readTree(record.value());
            assertEquals("2020-08-20", value.get("publishedAt").asText());
            assertFalse(value.get("text").asText().startsWith("date"), "the date prefix is removed");
            assertTrue(new String(body, StandardCharsets.UTF_8).contains(value.get("text").asText().substring(0, 80)));
            assertEquals(id, value.get("id").asText());
            assertEquals(1, value.get("schemaVersion").asInt());
            assertEquals("seed-outlet", value.get("source").asText());
            assertEquals(value.get("contentHash").asText().substring(0, 16), value.get("revision").asText());
            assertTrue(value.hasNonNull("ingestedAt"));

            assertEquals("1.0", ArticlesTopic.header(record, "ce_specversion"));
            assertEquals("io.quotewire.article.submitted.v1", ArticlesTopic.header(record, "ce_type"));
            assertEquals("/quotewire/ingest-service", ArticlesTopic.header(record, "ce_source"));
            assertEquals(id + ":" + value.get("revision").asText(), ArticlesTopic.header(record, "ce_id"));
            assertTrue(ArticlesTopic.header(record, "ce_time") != null);
            assertTrue(ArticlesTopic.header(record, "content-type").startsWith("application/json"));

            // the same article again: the same id and key
            given().contentType("text/plain; charset=utf-8").body(body).when().post("/api/articles")
                    .then().statusCode(202).body("id", is(id));
            assertEquals(2, ArticlesTopic.await(id, 2, WAIT).size());
        }
    }

    /**
     * A sample file's content sent as JSON or as a batch line (a feed exporter, a data set's text field) is the same
     * article as sent as plain text: the same id, its date line taken out of the text and made its publishedAt,
     * unless the object has a publishedAt of its own.
     */
    @Test
    void aDateLineInJsonTextIsTheArticlesDateAsInPlainText() throws Exception {
        // as a sample file is written (the samples themselves are another test's)
        String file = " date 2020-08-20 The prime minister met the president in Washington.\n\n“We are allies,” he said.\n";
        String asText = given().contentType("text/plain; charset=utf-8").body(file.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/articles").then().statusCode(202).extract().path("id");
        String asJson = given().contentType(ContentType.JSON).body(JSON.createObjectNode().put("text", file).toString())
                .when().post("/api/articles").then().statusCode(202).extract().path("id");
        assertEquals(asText, asJson);
        String line = JSON.createObjectNode().put("text", file).toString() + "\n"
                + JSON.createObjectNode().put("text", "date 2020-08-21 A dated line about Mosul.").put("publishedAt", "2019-01-02")
                        .toString() + "\n";
        var batch = given().contentType("application/x-ndjson").body(line.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/articles/batch").then().statusCode(200).body("accepted", hasSize(2));
        assertEquals(asText, batch.extract().path("accepted[0].id"));
        for (ConsumerRecord<String, String> record : ArticlesTopic.await(asText, 3, WAIT)) {
            JsonNode value = JSON.readTree(record.value());
            assertEquals("2020-08-20", value.get("publishedAt").asText());
            assertEquals("The prime minister met the president in Washington.\n\n“We are allies,” he said.", value.get("text").asText());
        }
        JsonNode own = JSON.readTree(ArticlesTopic.await(batch.extract().path("accepted[1].id"), 1, WAIT).get(0).value());
        assertEquals("2019-01-02", own.get("publishedAt").asText(), "the object's own publishedAt wins");
        assertEquals("A dated line about Mosul.", own.get("text").asText());
        problem(given().contentType(ContentType.JSON).body("{\"text\": \"date 2020-13-45 A month that is none.\"}"), 400,
                "publishedAt");
    }

    @Test
    void jsonArticleIsKeyedByItsCanonicalUrl() throws Exception {
        String article = """
                {"text": "The minister said \\"we will act\\" on Monday.", "title": "Act", "url": "%s",
                 "source": "Example News", "author": "A. Writer", "language": "en", "publishedAt": "%s", "extra": 1}""";
        String id = given().contentType(ContentType.JSON)
                .body(article.formatted("https://www.example.com/news/act/?utm_source=x#top", "2020-08-20T10:15:00+02:00"))
                .when().post("/api/articles").then().statusCode(202).extract().path("id");
        String same = given().contentType(ContentType.JSON)
                .body(article.formatted("http://example.com/news/act", "2020-08-20"))
                .when().post("/api/articles").then().statusCode(202).extract().path("id");
        assertEquals(id, same, "the same URL (up to tracking parameters, www, scheme, slash) is the same article");

        JsonNode value = JSON.readTree(ArticlesTopic.await(id, 1, WAIT).get(0).value());
        assertEquals("Act", value.get("title").asText());
        assertEquals("https://www.example.com/news/act/?utm_source=x#top", value.get("url").asText());
        assertEquals("Example News", value.get("source").asText());
        assertEquals("A. Writer", value.get("author").asText());
        assertEquals("en", value.get("language").asText());
        assertEquals("2020-08-20T08:15:00Z", value.get("publishedAt").asText());

        String otherText = given().contentType(ContentType.JSON)
                .body("{\"text\": \"A different story.\", \"url\": \"https://example.com/news/act\"}")
                .when().post("/api/articles").then().statusCode(202).extract().path("revision");
        assertFalse(otherText.equals(value.get("revision").asText()), "new text under the same URL is a new revision");
    }

    @Test
    void htmlArticleGetsItsReadableTextAndTitle() throws Exception {
        String html = """
                <html lang="en"><head><title>Page title | Site</title>
                <meta property="og:title" content="Kadhimi visits Washington">
                <link rel="canonical" href="https://news.example.org/kadhimi">
                <script>var tracking = 1;</script></head>
                <body><nav>Home | World</nav>
                <article><h1>Kadhimi visits Washington</h1>
                <p>“We do not play the role of postman,” Kadhimi said.</p>
                <figure><img src="x.jpg"><figcaption>Photo: Jane Doe / AP</figcaption></figure>
                <p>The <b>meeting</b> lasted an hour.</p></article>
                <footer>© Example</footer></body></html>""";
        String id = given().contentType("text/html; charset=utf-8").body(html.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/articles").then().statusCode(202).extract().path("id");
        JsonNode value = JSON.readTree(ArticlesTopic.await(id, 1, WAIT).get(0).value());
        assertEquals("Kadhimi visits Washington", value.get("title").asText());
        assertEquals("https://news.example.org/kadhimi", value.get("url").asText());
        assertEquals("Kadhimi visits Washington\n\n“We do not play the role of postman,” Kadhimi said.\n\n"
                + "The meeting lasted an hour.", value.get("text").asText());
    }

    @Test
    void ndjsonBatchPublishesTheGoodLinesAndNamesTheBadOnes() throws Exception {
        String batch = """
                {"text": "First batch article about Baghdad.", "source": "batch"}
                [1, 2]
                {"title": "no text"}

                {"text": "Second batch article about Washington.", "publishedAt": "2020-08-21"}
                {"text": "bad date", "publishedAt": "yesterday"}
                """;
        var response = given().contentType("application/x-ndjson").body(batch.getBytes(StandardCharsets.UTF_8))
                .queryParam("source", "wire").when().post("/api/articles/batch").then().statusCode(200)
                .body("accepted", hasSize(2)).body("rejected", hasSize(3))
                .body("accepted[0].line", is(1)).body("accepted[1].line", is(5))
                .body("rejected[0].line", is(2)).body("rejected[0].error", containsString("JSON object"))
                .body("rejected[1].line", is(3)).body("rejected[1].error", containsString("text"))
                .body("rejected[2].line", is(6)).body("rejected[2].error", containsString("publishedAt"))
                .extract();
        String second = response.path("accepted[1].id");
        JsonNode value = JSON.readTree(ArticlesTopic.await(second, 1, WAIT).get(0).value());
        assertEquals("2020-08-21", value.get("publishedAt").asText());
        assertEquals("wire", value.get("source").asText(), "?source= is the default of the lines that name none");
        String first = response.path("accepted[0].id");
        assertEquals("batch", JSON.readTree(ArticlesTopic.await(first, 1, WAIT).get(0).value()).get("source").asText(),
                "a line's own source wins");
    }

    @Test
    void badInputGetsAProblemResponse() {
        problem(given().contentType(ContentType.JSON).body("{\"text\": \"  \"}"), 400, "text");
        problem(given().contentType(ContentType.JSON).body("{\"title\": \"x\"}"), 400, "text");
        problem(given().contentType("text/plain").body("   "), 400, "text");
        problem(given().contentType(ContentType.JSON).body("{\"text\": \"x\""), 400, "malformed JSON");
        problem(given().contentType(ContentType.JSON).body("{\"text\": 42}"), 400, "\"text\" must be a string");
        problem(given().contentType(ContentType.JSON).body("{\"text\": \"x\", \"publishedAt\": \"20.8.2020\"}"), 400,
                "publishedAt");
        problem(given().contentType(ContentType.JSON).body("{\"text\": \"x\", \"url\": \"ftp://x/y\"}"), 400, "url");
        problem(given().contentType(ContentType.JSON).body("[{\"text\": \"x\"}]"), 400, "JSON object");
        problem(given().contentType("text/plain; charset=utf-8").body(new byte[] { 'a', (byte) 0xC3, (byte) 0x28, 'b' }), 400, "UTF-8");
        problem(given().contentType("application/xml").body("<a/>"), 415, "unsupported media type");
        problem(given().contentType("text/plain").body("x".repeat(1024 * 1024 + 1)), 413, "limit");
        given().contentType("application/x-ndjson").body("\n\n".getBytes(StandardCharsets.UTF_8)).when().post("/api/articles/batch")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("no articles"));
    }

    /** What the read model could not store is refused here, naming the field; nothing such is reported accepted. */
    @Test
    void whatCannotBeStoredIsRefusedNamingTheField() {
        String deep = "[".repeat(1001) + "]".repeat(1001);
        problem(given().contentType(ContentType.JSON).body("{\"text\": \"x\", \"publishedAt\": \"+10000-01-01\"}"), 400,
                "publishedAt");
        problem(given().contentType(ContentType.JSON).body("{\"text\": \"x\", \"publishedAt\": \"0000-01-01\"}"), 400,
                "publishedAt");
        problem(given().contentType(ContentType.JSON).body("{\"text\": \"x\", \"publishedAt\": \"-0001-12-31T10:00:00Z\"}"),
                400, "publishedAt");
        problem(given().contentType(ContentType.JSON).body("{\"text\": \"a\\u0000b\"}"), 400, "\"text\" contains a NUL");
        problem(given().contentType(ContentType.JSON).body("{\"text\": \"a\\ud800b\"}"), 400, "unpaired surrogate");
        problem(given().contentType(ContentType.JSON).body("{\"text\": \"x\", \"source\": \"" + "s".repeat(9000) + "\"}"),
                400, "\"source\" has 9000 characters");
        problem(given().contentType("text/plain").queryParam("source", "s".repeat(201)).body("x"), 400, "\"source\"");
        problem(given().contentType("text/plain").queryParam("url", "ftp://x/y").body("x"), 400, "url");
        problem(given().contentType(ContentType.JSON).body("{\"text\": " + deep + "}"), 400, "malformed JSON");
        // in a batch the deep line is one rejected line; the good line is still accepted
        given().contentType("application/x-ndjson").body(("{\"text\": \"A good line next to a deep one.\"}\n"
                + "{\"text\": " + deep + "}\n").getBytes(StandardCharsets.UTF_8))
                .when().post("/api/articles/batch").then().statusCode(200)
                .body("accepted", hasSize(1)).body("rejected", hasSize(1)).body("rejected[0].line", is(2));
    }

    /** The documented limit is a real one: a text of exactly 1 MiB is accepted and lands on the topic whole. */
    @Test
    void aTextOfTheLimitsSizeIsAcceptedAndWritten() throws Exception {
        StringBuilder text = new StringBuilder("She said \"this is the limit\". ");
        for (int i = 0; text.length() < 1024 * 1024; i++) {
            text.append("word").append(i % 1000).append(i % 7 == 0 ? ".\n" : " ");
        }
        text.setLength(1024 * 1024);
        String body = text.toString().strip();
        String id = given().contentType("text/plain; charset=utf-8").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/articles").then().statusCode(202).extract().path("id");
        JsonNode value = JSON.readTree(ArticlesTopic.await(id, 1, WAIT).get(0).value());
        assertEquals(body.length(), value.get("text").asText().length());
    }

    @Test
    void metricsCountAcceptedArticlesAndPublishLatency() {
        given().contentType("text/plain").body("A short article for the metrics.").when().post("/api/articles")
                .then().statusCode(202);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("quotewire_articles_accepted_total"))
                .body(containsString("quotewire_articles_publish_seconds"));
    }

    private static void problem(io.restassured.specification.RequestSpecification request, int status, String detail) {
        request.when().post("/api/articles")
                .then().statusCode(status).contentType("application/problem+json")
                .body("status", is(status)).body("title", notNullValue()).body("detail", containsString(detail));
    }

}
