package io.quotewire.query;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quotewire.contract.Fixtures;
import io.quotewire.embedded.testing.KafkaTestResource;
import io.quotewire.embedded.testing.PostgresTestResource;
import io.quotewire.embedded.testing.TestInfrastructure;
import io.restassured.path.json.JsonPath;

/**
 * The two seed articles, as ingest-service and nlp-service publish them (their contract fixtures), projected
 * through the real broker into the real PostgreSQL: one entity per real-world thing across both articles,
 * one quote with two occurrences, and counts that duplicates, replays and disorder do not change.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    /** Every event of both seeds: two articles, their entities and their quotes. */
    static List<ProducerRecord<String, String>> seedEvents() throws IOException {
        List<ProducerRecord<String, String>> events = new ArrayList<>();
        JsonNode first = JSON.readTree(Fixtures.fixture("article-submitted.v1.json"));
        events.add(new ProducerRecord<>(Topics.ARTICLES, first.get("key").asText(), first.get("value").toString()));
        JsonNode secondEntities = fixture("entities-extracted.seed-001.json");
        String secondId = secondEntities.get("key").asText();
        ObjectNode second = JSON.createObjectNode();
        second.put("schemaVersion", 1).put("id", secondId)
                .put("revision", secondEntities.get("value").get("revision").asText())
                .put("text", Fixtures.sampleText(Fixtures.SAMPLES.get(1))).put("title", "Iraq's al-Kadhimi in Washington")
                .put("url", "https://www.example.org/world/2020/08/20/kadhimi-pompeo-washington")
                .put("source", "second-outlet").put("publishedAt", "2020-08-20").put("ingestedAt", "2020-08-20T18:00:00Z");
        events.add(new ProducerRecord<>(Topics.ARTICLES, secondId, second.toString()));
        for (String name : List.of("entities-extracted.v1.json", "quotes-extracted.v1.json",
                "entities-extracted.seed-001.json", "quotes-extracted.seed-001.json")) {
            JsonNode f = fixture(name);
            String topic = name.startsWith("entities") ? Topics.ENTITIES : Topics.QUOTES;
            events.add(new ProducerRecord<>(topic, f.get("key").asText(), f.get("value").toString()));
        }
        return events;
    }

    @Test
    @Order(1)
    void bothSeedsMakeOneEntityPerThingAndOneSharedQuote() throws Exception {
        send(seedEvents());
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("q", "kadhimi").when().get("/api/entities")
                .then().statusCode(200).body("total", is(1)).body("items[0].articleCount", is(2)));
        awaitDrained(); // the quotes too
        assertSeedReadModel();
        given().when().get("/api/articles").then().statusCode(200).body("total", is(2)).body("items.size()", is(2));
    }

    @Test
    @Order(2)
    void duplicatesAndAReplayChangeNothing() throws Exception {
        String before = snapshot();
        send(seedEvents()); // the same events again, as a replay from offset 0 delivers them
        send(seedEvents());
        awaitDrained();
        assertEquals(before, snapshot(), "the read model after duplicates and a replay");
        assertSeedReadModel();
    }

    @Test
    @Order(3)
    void eventsInAnyOrderGiveTheSameArticle() throws Exception {
        // the same two articles under new ids, their events sent in reverse order: quotes, entities, article
        List<ProducerRecord<String, String>> reversed = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (ProducerRecord<String, String> r : seedEvents()) {
            String newId = "reordered-" + r.key();
            ObjectNode value = (ObjectNode) JSON.readTree(r.value());
            value.put(r.topic().equals(Topics.ARTICLES) ? "id" : "articleId", newId);
            reversed.add(0, new ProducerRecord<>(r.topic(), newId, value.toString()));
            if (r.topic().equals(Topics.ARTICLES)) {
                ids.add(r.key());
            }
        }
        long before = articleTotal();
        send(reversed);
        for (String id : ids) {
            await().atMost(WAIT).untilAsserted(() -> {
                JsonPath original = given().when().get("/api/articles/" + id).then().statusCode(200).extract().jsonPath();
                JsonPath reordered = given().when().get("/api/articles/reordered-" + id).then().statusCode(200).extract().jsonPath();
                assertEquals(original.getList("entities"), reordered.getList("entities"));
                assertEquals(original.getList("quotes"), reordered.getList("quotes"));
                assertEquals(original.getString("text"), reordered.getString("text"));
            });
        }
        assertEquals(before + ids.size(), articleTotal(), "the unfiltered total counts each new article once");
    }

    private static long articleTotal() {
        return given().when().get("/api/articles").then().statusCode(200).extract().jsonPath().getLong("total");
    }

    @Test
    @Order(4)
    void anEventThatCannotBeProjectedGoesToItsDeadLetterTopic() throws Exception {
        String key = "broken-" + UUID.randomUUID();
        send(List.of(new ProducerRecord<>(Topics.ENTITIES, key, "{\"articleId\": \"" + key + "\", \"entities\": 5}"),
                new ProducerRecord<>(Topics.QUOTES, key, "not json")));
        ConsumerRecord<String, String> entities = awaitDeadLetter(Topics.ENTITIES_DLQ, key);
        assertTrue(reason(entities).contains("\"entities\""), reason(entities));
        ConsumerRecord<String, String> quotes = awaitDeadLetter(Topics.QUOTES_DLQ, key);
        assertTrue(reason(quotes).contains("not JSON"), reason(quotes));
        // the consumer went on
        String marker = sendMarker();
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/articles/" + marker).then().statusCode(200));
    }

    @Test
    @Order(5)
    void aRecordTheDatabaseRefusesGoesToTheDeadLetterTopicAndTheRestOfItsPollIsProjected() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> good = new ArrayList<>();
        // an id too long for the primary key's index (random, so it does not compress): the database refuses
        // this article, not the event reader
        StringBuilder longId = new StringBuilder("huge-" + run + "-");
        java.util.Random random = new java.util.Random(7);
        while (longId.length() < 4000) {
            longId.append(Character.forDigit(random.nextInt(36), 36));
        }
        String refused = longId.toString();
        for (int i = 0; i < 20; i++) {
            String id = (i == 10 ? refused : "poll-" + run + "-" + i);
            String text = "Article " + i + " of one poll.";
            // one partition, sent together: the records arrive in one poll and are applied as one batch
            producer.send(new ProducerRecord<>(Topics.ARTICLES, 0, id, JSON.writeValueAsString(Map.of("id", id,
                    "text", text, "ingestedAt", "2020-08-21T00:00:00Z"))));
            if (i != 10) {
                good.add(id);
            }
        }
        producer.flush();
        ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.ARTICLES_DLQ, refused);
        assertTrue(!reason(dead).isBlank(), "a reason");
        for (String id : good) {
            await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/articles/" + id).then().statusCode(200));
        }
    }

    /**
     * Two revisions of one article analysed concurrently: the analysis of the later revision is kept even when the
     * earlier revision's analysis finishes (and arrives) after it, so the article's text and its analysis agree.
     */
    @Test
    @Order(5)
    void theAnalysisOfTheLaterRevisionWinsWhateverOrderTheAnalysesCome() throws Exception {
        String run = UUID.randomUUID().toString();
        String article = "revisions-" + run;
        ObjectNode later = JSON.createObjectNode().put("articleId", article).put("revision", "rev-b")
                .put("articleIngestedAt", "2020-08-22T00:00:00Z").put("analyzedAt", "2020-08-22T00:00:01Z");
        later.putArray("quotes").addObject().put("id", "qb" + run).put("text", "revision b " + run);
        ObjectNode earlier = JSON.createObjectNode().put("articleId", article).put("revision", "rev-a")
                .put("articleIngestedAt", "2020-08-21T00:00:00Z").put("analyzedAt", "2020-08-22T00:00:09Z");
        earlier.putArray("quotes").addObject().put("id", "qa" + run).put("text", "revision a " + run);
        // the later revision's analysis comes first; the earlier revision's, made after it, comes second
        send(List.of(new ProducerRecord<>(Topics.QUOTES, 0, article, later.toString()),
                new ProducerRecord<>(Topics.QUOTES, 0, article, earlier.toString())));
        String marker = "revisions-marker-" + run;
        ObjectNode after = JSON.createObjectNode().put("articleId", marker).put("revision", "r1")
                .put("analyzedAt", "2020-08-22T00:00:00Z");
        after.putArray("quotes").addObject().put("id", "qm" + run).put("text", "marker " + run);
        send(List.of(new ProducerRecord<>(Topics.QUOTES, 0, marker, after.toString())));
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/quotes/qm" + run).then().statusCode(200));
        given().queryParam("q", run).when().get("/api/quotes").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.containsInAnyOrder("qb" + run, "qm" + run));
    }

    /**
     * Records that another producer wrote beyond the article contract (which ingest-service enforces) are still
     * projected, as far as they can be stored: a NUL becomes a space, an over-long source is cut, a publication
     * date outside years 1-9999 is left out. Nothing is dead-lettered for them.
     */
    @Test
    @Order(5)
    void articlesBeyondTheContractFromOtherProducersAreStillProjected() throws Exception {
        String run = UUID.randomUUID().toString();
        String nul = "nul-" + run, source = "source-" + run, future = "future-" + run, zero = "zero-" + run;
        send(List.of(
                new ProducerRecord<>(Topics.ARTICLES, nul, JSON.writeValueAsString(Map.of("id", nul,
                        "text", "An article with a \u0000 in it.", "title", "A \u0000 title"))),
                new ProducerRecord<>(Topics.ARTICLES, source, JSON.writeValueAsString(Map.of("id", source,
                        "text", "An article from a long-named outlet.", "source", "s".repeat(9000)))),
                new ProducerRecord<>(Topics.ARTICLES, future, JSON.writeValueAsString(Map.of("id", future,
                        "text", "An article from the far future.", "publishedAt", "+10000-01-01"))),
                new ProducerRecord<>(Topics.ARTICLES, zero, JSON.writeValueAsString(Map.of("id", zero,
                        "text", "An article from year zero.", "publishedAt", "0000-01-01")))));
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/articles/" + nul).then().statusCode(200)
                .body("text", is("An article with a   in it.")).body("title", is("A   title")));
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/articles/" + source).then().statusCode(200)
                .body("source", is("s".repeat(200))));
        for (String id : List.of(future, zero)) {
            await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/articles/" + id).then().statusCode(200)
                    .body("publishedAt", org.hamcrest.Matchers.nullValue()));
        }
    }

    @Test
    @Order(6)
    void aFullPollOfAnalysesIsProjectedAndMergesWithinItself() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        int n = 450; // about one poll (max.poll.records 500)
        for (int i = 0; i < n; i++) {
            ObjectNode event = envelope("big-" + run + "-" + i, "2020-08-21T00:00:00Z");
            var entities = event.putArray("entities");
            entity(entities, "eorg" + run, "Bigorg " + run, "ORGANIZATION"); // one nlp id in every article
            entity(entities, "ep" + run + "-" + i, "Alex" + i + " Tester" + run, "PERSON"); // a person per article
            if (i > 0) { // one person under a new nlp id in each article: merged by name, within the batch too
                entity(entities, "eq" + run + "-" + i, "Morgan Tester" + run + "q", "PERSON");
            }
            producer.send(new ProducerRecord<>(Topics.ENTITIES, 0, event.get("articleId").asText(), event.toString()));
        }
        producer.flush();
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("q", "bigorg " + run).when().get("/api/entities")
                .then().statusCode(200).body("total", is(1)).body("items[0].articleCount", is(n)));
        given().queryParam("q", "morgan tester" + run + "q").when().get("/api/entities")
                .then().statusCode(200).body("total", is(1)).body("items[0].articleCount", is(n - 1));
        given().queryParam("q", "tester" + run).queryParam("type", "PERSON").queryParam("size", 1).when().get("/api/entities")
                .then().statusCode(200).body("total", is(n + 1));
    }

    @Test
    @Order(10)
    void aNewerAnalysisReplacesTheOldOneAndAnOlderOneChangesNothing() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String article = "reanalysed-" + run;
        String gone = "egone" + run;
        String kept = "ekept" + run;
        send(List.of(new ProducerRecord<>(Topics.ARTICLES, article, JSON.writeValueAsString(Map.of("id", article,
                        "text", "Zed Gone" + run + " met Keptorg" + run + ".", "ingestedAt", "2022-01-01T00:00:00Z"))),
                analysis(Topics.ENTITIES, article, "2022-01-01T00:00:00Z", "\"old quote " + run + "\"", gone, kept),
                analysis(Topics.QUOTES, article, "2022-01-01T00:00:00Z", "\"old quote " + run + "\"", gone, kept)));
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/entities/" + gone).then().statusCode(200)
                .body("articleCount", is(1)).body("mentionCount", is(1)));
        String oldQuote = given().queryParam("q", "old quote " + run).when().get("/api/quotes").then().statusCode(200)
                .body("total", is(1)).extract().jsonPath().getString("items[0].id");
        long persons = typeTotal("PERSON");
        long organisations = typeTotal("ORGANIZATION");

        // a newer analysis: the person is no longer found, the organisation is mentioned twice, another quote
        ProducerRecord<String, String> newer = analysis(Topics.ENTITIES, article, "2022-02-01T00:00:00Z", null, null, kept);
        ObjectNode twice = (ObjectNode) JSON.readTree(newer.value());
        ((com.fasterxml.jackson.databind.node.ArrayNode) twice.get("entities").get(0).get("mentions")).addObject()
                .put("start", 0).put("end", 1).put("text", "K");
        send(List.of(new ProducerRecord<>(Topics.ENTITIES, article, twice.toString()),
                analysis(Topics.QUOTES, article, "2022-02-01T00:00:00Z", "\"new quote " + run + "\"", null, kept)));
        awaitDrained();
        String expected = replacedState(article, gone, kept, oldQuote, run);
        assertEquals(persons - 1, typeTotal("PERSON"), "the person in no article any more leaves the listing");
        assertEquals(organisations, typeTotal("ORGANIZATION"));

        // the older analysis again (a replay) changes nothing
        send(List.of(analysis(Topics.ENTITIES, article, "2022-01-01T00:00:00Z", null, gone, kept),
                analysis(Topics.QUOTES, article, "2022-01-01T00:00:00Z", "\"old quote " + run + "\"", gone, kept)));
        awaitDrained();
        assertEquals(expected, replacedState(article, gone, kept, oldQuote, run));
        assertEquals(persons - 1, typeTotal("PERSON"));
        assertEquals(organisations, typeTotal("ORGANIZATION"));
    }

    /** The total a type's listing answers, checked against the entities it lists page by page. */
    private static long typeTotal(String type) {
        long total = given().queryParam("type", type).queryParam("size", 1).when().get("/api/entities").then()
                .statusCode(200).extract().jsonPath().getLong("total");
        long listed = 0;
        for (int page = 0; ; page++) {
            int n = given().queryParam("type", type).queryParam("size", 100).queryParam("page", page).when()
                    .get("/api/entities").then().statusCode(200).extract().jsonPath().getList("items").size();
            listed += n;
            if (n < 100) {
                break;
            }
        }
        assertEquals(total, listed, "the total of the " + type + " listing is the number of entities it lists");
        return total;
    }

    /** The read model after the newer analysis of {@code article}, checked; answered as text to compare later. */
    private static String replacedState(String article, String gone, String kept, String oldQuote, String run) {
        given().when().get("/api/entities/" + gone).then().statusCode(200).body("articleCount", is(0))
                .body("mentionCount", is(0));
        given().when().get("/api/entities/" + kept).then().statusCode(200).body("articleCount", is(1))
                .body("mentionCount", is(2));
        given().when().get("/api/quotes/" + oldQuote).then().statusCode(404);
        String quotes = given().queryParam("q", "new quote " + run).when().get("/api/quotes").then().statusCode(200)
                .body("total", is(1)).body("items[0].occurrenceCount", is(1)).extract().body().asString();
        String detail = given().when().get("/api/articles/" + article).then().statusCode(200)
                .body("entities.size()", is(1)).body("entities[0].id", is(kept)).body("quotes.size()", is(1))
                .extract().body().asString();
        return quotes + "\n" + detail;
    }

    /** An entities or quotes event of one analysis: the person (if any) and the organisation, or the quote. */
    private static ProducerRecord<String, String> analysis(String topic, String article, String analyzedAt, String quote,
            String person, String org) {
        ObjectNode event = envelope(article, analyzedAt);
        String run = article.substring(article.indexOf('-') + 1);
        if (topic.equals(Topics.ENTITIES)) {
            var list = event.putArray("entities");
            entity(list, org, "Keptorg" + run, "ORGANIZATION");
            if (person != null) {
                entity(list, person, "Zed Gone" + run, "PERSON");
            }
        } else {
            ObjectNode q = event.putArray("quotes").addObject().put("text", quote).put("start", 0).put("end", quote.length());
            if (person != null) {
                q.putObject("speaker").put("entityId", person).put("name", "Zed Gone" + run);
            }
        }
        return new ProducerRecord<>(topic, article, event.toString());
    }

    /** An nlp event's envelope for an article: its id, revision r1 and when it was analysed. */
    private static ObjectNode envelope(String articleId, String analyzedAt) {
        return JSON.createObjectNode().put("articleId", articleId).put("revision", "r1").put("analyzedAt", analyzedAt);
    }

    private static void entity(com.fasterxml.jackson.databind.node.ArrayNode list, String id, String name, String type) {
        ObjectNode e = list.addObject().put("id", id).put("name", name).put("type", type).put("salience", 0.1);
        e.putArray("aliases");
        e.putArray("mentions").addObject().put("start", 0).put("end", name.length()).put("text", name);
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String topic, String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(250))) {
                    if (key.equals(r.key())) {
                        return r;
                    }
                }
            }
            throw new AssertionError("nothing for " + key + " on " + topic);
        }
    }

    @Test
    @Order(7)
    void anEntitysRelatedAreCountedOverItsLatestArticlesEvenWhenTheirEntitiesCameFirst() throws Exception {
        String run = "recent" + Long.toString(System.nanoTime(), 36);
        List<ProducerRecord<String, String>> entities = windowEntities(run, false);
        List<ProducerRecord<String, String>> articles = new ArrayList<>();
        for (int i = 0; i <= WINDOW; i++) {
            String id = windowArticle(run, i);
            articles.add(new ProducerRecord<>(Topics.ARTICLES, 0, id, JSON.writeValueAsString(Map.of("id", id,
                    "text", "Article " + i + ".", "publishedAt", windowDate(i), "ingestedAt", "2021-06-01T00:00:00Z"))));
        }
        entities.forEach(producer::send); // the entities first, then their articles
        producer.flush();
        articles.forEach(producer::send);
        producer.flush();
        assertWindowIsTheLatest(run);
    }

    @Test
    @Order(7)
    void entitiesThatComeFirstAreDatedByTheirEventAndThenByTheirArticle() throws Exception {
        String run = "dated" + Long.toString(System.nanoTime(), 36);
        String entityId = "e" + run;
        String oldest = windowArticle(run, 0);
        send(windowEntities(run, true)); // no article yet: the events' dates order the window
        assertWindowIsTheLatest(run);

        // the article's own date wins: the oldest analysis belongs to an article published last
        send(List.of(new ProducerRecord<>(Topics.ARTICLES, 0, oldest, JSON.writeValueAsString(Map.of("id", oldest,
                "text", "Article 0, republished.", "publishedAt", "2030-01-01", "ingestedAt", "2021-06-01T00:00:00Z")))));
        awaitDrained();
        await().atMost(WAIT).untilAsserted(() -> assertTrue(given().when().get("/api/entities/" + entityId).then()
                .statusCode(200).extract().jsonPath().getList("related.name").contains("Oldieorg " + run)));
    }

    /** Once all is projected: the window entity's related are counted over its latest articles, the newest in, the oldest out. */
    private static void assertWindowIsTheLatest(String run) {
        awaitDrained();
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/entities/e" + run).then().statusCode(200)
                .body("articleCount", is(WINDOW + 1)));
        List<String> related = given().when().get("/api/entities/e" + run).then().statusCode(200).extract()
                .jsonPath().getList("related.name");
        assertTrue(related.contains("Newbieorg " + run), "the newest article is in the window: " + related);
        assertFalse(related.contains("Oldieorg " + run), "the oldest of " + (WINDOW + 1) + " is not: " + related);
    }

    /** The window of latest articles co-mentions are counted over (EntityRefs.RECENT_ARTICLES). */
    private static final int WINDOW = 500;

    /** Article {@code i} of a window test: article 0 is the oldest but has the highest id (undated, it would sort first). */
    private static String windowArticle(String run, int i) {
        return String.format("%s-%04d", run, 9999 - i);
    }

    private static String windowDate(int i) {
        return java.time.LocalDate.of(2019, 1, 1).plusDays(i).toString();
    }

    /**
     * The entities events of one more article than the window: entity {@code e<run>} in all of them, an Oldieorg
     * only in the oldest, a Newbieorg only in the newest; {@code dated}: each event carries its article's date.
     */
    private static List<ProducerRecord<String, String>> windowEntities(String run, boolean dated) {
        List<ProducerRecord<String, String>> events = new ArrayList<>();
        for (int i = 0; i <= WINDOW; i++) {
            String id = windowArticle(run, i);
            ObjectNode event = envelope(id, "2021-06-01T00:00:00Z");
            if (dated) {
                event.put("publishedAt", windowDate(i));
            }
            var list = event.putArray("entities");
            entity(list, "e" + run, "Windoworg " + run, "ORGANIZATION");
            if (i == 0) {
                entity(list, "eoldie" + run, "Oldieorg " + run, "ORGANIZATION");
            }
            if (i == WINDOW) {
                entity(list, "enewbie" + run, "Newbieorg " + run, "ORGANIZATION");
            }
            events.add(new ProducerRecord<>(Topics.ENTITIES, 0, id, event.toString()));
        }
        return events;
    }

    @Test
    @Order(8)
    void aQuoteReportedByManyArticlesListsTheFirstTwentyAndPagesTheRest() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        int n = 25;
        String quoteId = "qwide" + run;
        List<ProducerRecord<String, String>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "wide-" + run + "-" + i;
            // publication dates out of id order: day 25 - i, so article n-1 was published first
            events.add(new ProducerRecord<>(Topics.ARTICLES, id, JSON.writeValueAsString(Map.of("id", id,
                    "text", "Article " + i + " reporting a quote.", "title", "Report " + i, "source", "outlet-" + i,
                    "publishedAt", String.format("2021-03-%02d", n - i), "ingestedAt", "2021-03-26T00:00:00Z"))));
            // 15 articles attribute it to one person, 10 to another: the majority is the speaker
            boolean alpha = i % 5 < 3;
            String entityId = (alpha ? "ewa" : "ewb") + run;
            String name = (alpha ? "Wanda Alpha" : "Boris Beta") + run;
            ObjectNode entities = envelope(id, "2021-03-26T00:00:00Z");
            entity(entities.putArray("entities"), entityId, name, "PERSON");
            events.add(new ProducerRecord<>(Topics.ENTITIES, id, entities.toString()));
            ObjectNode quotes = envelope(id, "2021-03-26T00:00:00Z");
            ObjectNode quote = quotes.putArray("quotes").addObject().put("id", quoteId)
                    .put("text", "words many outlets reported " + run).put("start", 1).put("end", 20);
            quote.putObject("speaker").put("entityId", entityId).put("name", name)
                    .putObject("mention").put("start", 22).put("end", 30).put("text", name);
            events.add(new ProducerRecord<>(Topics.QUOTES, id, quotes.toString()));
        }
        send(events);
        awaitDrained();
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/quotes/" + quoteId).then().statusCode(200)
                .body("occurrenceCount", is(n)).body("speaker.name", is("Wanda Alpha" + run)));
        JsonPath listed = given().queryParam("q", "many outlets reported " + run).when().get("/api/quotes").then()
                .statusCode(200).body("total", is(1)).body("items[0].occurrenceCount", is(n)).extract().jsonPath();
        List<String> shown = listed.getList("items[0].occurrences.articleId");
        List<String> earliest = new ArrayList<>();
        for (int i = n - 1; i >= n - 20; i--) {
            earliest.add("wide-" + run + "-" + i);
        }
        assertEquals(earliest, shown, "the 20 earliest reports, earliest first");
        JsonPath rest = given().queryParam("page", 1).queryParam("size", 20).when()
                .get("/api/quotes/" + quoteId + "/occurrences").then().statusCode(200).body("total", is(n))
                .extract().jsonPath();
        assertEquals(List.of("wide-" + run + "-4", "wide-" + run + "-3", "wide-" + run + "-2", "wide-" + run + "-1",
                "wide-" + run + "-0"), rest.getList("items.articleId"));
        assertEquals("outlet-0", rest.getString("items[4].source"));
        assertEquals("2021-03-25T00:00:00Z", rest.getString("items[4].publishedAt"));
        given().when().get("/api/quotes/nope/occurrences").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("size", 101).when().get("/api/quotes/" + quoteId + "/occurrences").then().statusCode(400);
    }

    @Test
    @Order(8)
    void aSpeakerKnownByTwoIdsHasEachOfTheirQuotesOnceAcrossPages() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String name = "Xavier Quill" + run;
        List<String> quoteIds = new ArrayList<>();
        for (int q = 0; q < 5; q++) {
            quoteIds.add("qxq" + run + "-" + q);
        }
        List<ProducerRecord<String, String>> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // articles 0-2 know him by one nlp id, 3-5 by another; each reports two quotes, every quote twice
            String id = "xq-" + run + "-" + i;
            String entityId = (i < 3 ? "exqa" : "exqb") + run;
            events.add(new ProducerRecord<>(Topics.ARTICLES, id, JSON.writeValueAsString(Map.of("id", id,
                    "text", name + " said two things.", "title", "Quill " + i, "source", "outlet-" + i,
                    "publishedAt", "2021-04-0" + (i + 1), "ingestedAt", "2021-04-10T00:00:00Z"))));
            ObjectNode entities = envelope(id, "2021-04-10T00:00:00Z");
            entity(entities.putArray("entities"), entityId, name, "PERSON");
            events.add(new ProducerRecord<>(Topics.ENTITIES, id, entities.toString()));
            ObjectNode quotes = envelope(id, "2021-04-10T00:00:00Z");
            com.fasterxml.jackson.databind.node.ArrayNode list = quotes.putArray("quotes");
            for (int q : new int[] { i % 5, (i + 1) % 5 }) {
                ObjectNode quote = list.addObject().put("id", quoteIds.get(q))
                        .put("text", "quill words number " + q + " " + run).put("start", 1).put("end", 20);
                quote.putObject("speaker").put("entityId", entityId).put("name", name)
                        .putObject("mention").put("start", 22).put("end", 30).put("text", name);
            }
            events.add(new ProducerRecord<>(Topics.QUOTES, id, quotes.toString()));
        }
        send(events);
        awaitDrained();
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("q", run)
                .when().get("/api/quotes").then().statusCode(200).body("total", is(5)));
        String speaker = given().queryParam("q", name).when().get("/api/entities").then().statusCode(200)
                .body("total", is(1)).body("items[0].articleCount", is(6)).extract().path("items[0].id");
        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            JsonPath p = given().queryParam("speaker", speaker).queryParam("page", page).queryParam("size", 2).when()
                    .get("/api/quotes").then().statusCode(200).body("total", is(5)).extract().jsonPath();
            paged.addAll(p.getList("items.id"));
        }
        assertEquals(quoteIds, paged, "each quote once, in id order, over pages of two");
        given().when().get("/api/entities/" + speaker).then().statusCode(200).body("quotes.id", is(quoteIds));
    }

    @Test
    @Order(9)
    void badParametersAndUnknownIdsGetProblems() {
        for (String path : List.of("/api/articles?size=0", "/api/articles?from=yesterday", "/api/entities?type=ANIMAL",
                "/api/entities?sort=random", "/api/quotes?page=-1", "/api/graph", "/api/timeline?entity=x&interval=year")) {
            given().when().get(path).then().statusCode(400).contentType("application/problem+json").body("status", is(400));
        }
        for (String path : List.of("/api/articles/nope", "/api/entities/nope", "/api/quotes/nope", "/api/graph?entity=nope")) {
            given().when().get(path).then().statusCode(404).contentType("application/problem+json");
        }
    }

    private static void assertSeedReadModel() {
        JsonPath kadhimi = given().queryParam("q", "KADHIMI").when().get("/api/entities").then().statusCode(200)
                .body("total", is(1)).extract().jsonPath();
        assertEquals("PERSON", kadhimi.getString("items[0].type"));
        assertEquals(2, kadhimi.getInt("items[0].articleCount"));
        assertEquals("Mustafa al Kadhimi", kadhimi.getString("items[0].name"));
        List<String> kAliases = kadhimi.getList("items[0].aliases");
        assertTrue(kAliases.containsAll(List.of("al-Kadhimi", "Al-Kadhimi", "Kadhimi")), kAliases.toString());
        String kadhimiId = kadhimi.getString("items[0].id");
        // a page past the end still tells the total
        given().queryParam("q", "kadhimi").queryParam("page", 3).when().get("/api/entities").then().statusCode(200)
                .body("total", is(1)).body("items.size()", is(0));

        given().queryParam("q", "pompeo").when().get("/api/entities").then().statusCode(200)
                .body("total", is(1)).body("items[0].articleCount", is(2)).body("items[0].type", is("PERSON"));
        JsonPath us = given().queryParam("q", "united states").queryParam("type", "LOCATION").when().get("/api/entities")
                .then().statusCode(200).body("total", is(1)).body("items[0].articleCount", is(2)).extract().jsonPath();
        assertTrue(us.getList("items[0].aliases").containsAll(List.of("US", "U.S.", "United States of America")),
                us.getList("items[0].aliases").toString());
        JsonPath isis = given().queryParam("q", "daesh").when().get("/api/entities").then().statusCode(200)
                .body("total", is(1)).body("items[0].articleCount", is(2)).extract().jsonPath();
        assertTrue(isis.getList("items[0].aliases").containsAll(List.of("Daesh", "IS", "ISIS")));

        JsonPath postman = given().queryParam("q", "role of postman").when().get("/api/quotes").then().statusCode(200)
                .body("total", is(1)).extract().jsonPath();
        assertEquals(2, postman.getList("items[0].occurrences").size());
        assertEquals(2, postman.getInt("items[0].occurrenceCount"));
        assertEquals(kadhimiId, postman.getString("items[0].speaker.entityId"));
        String postmanId = postman.getString("items[0].id");
        given().when().get("/api/quotes/" + postmanId).then().statusCode(200)
                .body("occurrences.source", hasItems("seed-outlet", "second-outlet")).body("occurrenceCount", is(2));
        String firstPage = given().queryParam("size", 1).when().get("/api/quotes/" + postmanId + "/occurrences").then()
                .statusCode(200).body("total", is(2)).body("items.size()", is(1)).extract().path("items[0].articleId");
        String secondPage = given().queryParam("size", 1).queryParam("page", 1).when()
                .get("/api/quotes/" + postmanId + "/occurrences").then().statusCode(200).body("total", is(2))
                .body("items.size()", is(1)).extract().path("items[0].articleId");
        assertTrue(!firstPage.equals(secondPage), "two pages, two articles");
        given().queryParam("speaker", kadhimiId).when().get("/api/quotes").then().statusCode(200).body("total", is(1));
        given().queryParam("speaker", "Donald Trump").when().get("/api/quotes").then().statusCode(200).body("total", is(3));

        given().when().get("/api/entities/" + kadhimiId).then().statusCode(200)
                .body("related.name", hasItems("Mike Pompeo", "United States"))
                .body("quotes.size()", is(1));
        given().queryParam("entity", kadhimiId).when().get("/api/articles").then().statusCode(200).body("total", is(2));
        given().queryParam("q", "postman").queryParam("from", "2020-08-20").queryParam("to", "2020-08-20")
                .when().get("/api/articles").then().statusCode(200).body("total", is(2));
        given().queryParam("entity", kadhimiId).queryParam("limit", 5).when().get("/api/graph").then().statusCode(200)
                .body("nodes[0].id", is(kadhimiId)).body("nodes.size()", is(6));
        // Pompeo and the United States are in both seeds, as Kadhimi is: their edge counts the two articles
        JsonPath graph = given().queryParam("entity", kadhimiId).queryParam("limit", 50).when().get("/api/graph").then()
                .statusCode(200).extract().jsonPath();
        String pompeo = graph.getString("nodes.find { it.name == 'Mike Pompeo' }.id");
        String unitedStates = graph.getString("nodes.find { it.name == 'United States' }.id");
        String first = pompeo.compareTo(unitedStates) < 0 ? pompeo : unitedStates;
        String second = first.equals(pompeo) ? unitedStates : pompeo;
        assertEquals(2, graph.getInt("edges.find { it.source == '" + first + "' && it.target == '" + second + "' }.weight"));
        assertEquals(2, graph.getInt("edges.find { it.source == '" + kadhimiId + "' && it.target == '" + pompeo + "' }.weight"));
        given().queryParam("entity", kadhimiId).queryParam("interval", "week").when().get("/api/timeline").then()
                .statusCode(200).body("buckets.size()", is(1)).body("buckets[0].articles", is(2))
                .body("buckets[0].quotes", is(2));
    }

    /** Until the service's consumer group has committed everything on the three topics. */
    private static void awaitDrained() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafka().bootstrapServers()))) {
            await().atMost(WAIT).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("query-service")
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                for (String topic : List.of(Topics.ARTICLES, Topics.ENTITIES, Topics.QUOTES)) {
                    for (var p : admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                            .get(topic).partitions()) {
                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                    }
                }
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || committed.containsKey(e.getKey()) && committed.get(e.getKey()).offset() >= e.getValue().offset());
            });
        }
    }

    /** Every entity with its counts and every quote with its occurrence count, as the API lists them. */
    private static String snapshot() {
        String entities = given().queryParam("size", 100).queryParam("sort", "name").when().get("/api/entities")
                .then().statusCode(200).extract().body().asString();
        String quotes = given().queryParam("size", 100).when().get("/api/quotes")
                .then().statusCode(200).extract().body().asString();
        String articles = given().queryParam("size", 100).when().get("/api/articles")
                .then().statusCode(200).extract().body().asString();
        return entities + "\n" + quotes + "\n" + articles;
    }

    /** An article sent after everything else: once it is visible, everything before it on its topic was processed. */
    private static String sendMarker() throws Exception {
        String id = "marker-" + UUID.randomUUID();
        send(List.of(new ProducerRecord<>(Topics.ARTICLES, id, JSON.writeValueAsString(Map.of("id", id, "text",
                "A marker article.", "ingestedAt", "2020-08-21T00:00:00Z")))));
        return id;
    }

    private static void send(List<ProducerRecord<String, String>> records) throws Exception {
        for (ProducerRecord<String, String> r : records) {
            producer.send(r).get(30, TimeUnit.SECONDS);
        }
    }

    private static String reason(ConsumerRecord<String, String> r) {
        var h = r.headers().lastHeader("dead-letter-reason");
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode fixture(String name) throws IOException {
        return JSON.readTree(Fixtures.fixture(name));
    }
}
