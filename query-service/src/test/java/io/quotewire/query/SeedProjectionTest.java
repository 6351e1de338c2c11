package io.quotewire.query;

import static io.quotewire.query.ReadModelEvents.JSON;
import static io.quotewire.query.ReadModelEvents.WAIT;
import static io.quotewire.query.ReadModelEvents.awaitDrained;
import static io.quotewire.query.ReadModelEvents.fixture;
import static io.quotewire.query.ReadModelEvents.seedEvents;
import static io.quotewire.query.ReadModelEvents.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quotewire.embedded.testing.KafkaTestResource;
import io.quotewire.embedded.testing.PostgresTestResource;
import io.restassured.path.json.JsonPath;

/**
 * The two seed articles, as ingest-service and nlp-service publish them (their contract fixtures), projected
 * through the real broker into the real PostgreSQL: one entity per real-world thing across both articles, one
 * quote with two occurrences, and nothing that duplicates or a replay changes. Sending the seeds is idempotent,
 * so each test sends them itself.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class SeedProjectionTest {

    @Test
    void bothSeedsMakeOneEntityPerThingAndOneSharedQuote() throws Exception {
        send(seedEvents());
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("q", "kadhimi").when().get("/api/entities")
                .then().statusCode(200).body("total", is(1)).body("items[0].articleCount", is(2)));
        awaitDrained(); // the quotes too
        assertSeedReadModel();
        for (String id : seedArticleIds()) {
            given().when().get("/api/articles/" + id).then().statusCode(200);
        }
    }

    @Test
    void duplicatesAndAReplayChangeNothing() throws Exception {
        send(seedEvents());
        awaitDrained();
        String before = snapshot();
        send(seedEvents()); // the same events again, as a replay from offset 0 delivers them
        send(seedEvents());
        awaitDrained();
        assertEquals(before, snapshot(), "the seeds' articles, entities and quotes after duplicates and a replay");
        assertSeedReadModel();
    }

    private static List<String> seedArticleIds() throws Exception {
        return seedEvents().stream().filter(r -> r.topic().equals(Topics.ARTICLES)).map(ProducerRecord::key).toList();
    }

    /** The seeds' articles, and every entity and quote their events name, as the API details them. */
    private static String snapshot() throws Exception {
        StringBuilder all = new StringBuilder();
        for (String id : seedArticleIds()) {
            all.append(given().when().get("/api/articles/" + id).then().statusCode(200).extract().body().asString());
        }
        TreeSet<String> entities = new TreeSet<>();
        TreeSet<String> quotes = new TreeSet<>();
        for (String name : List.of("entities-extracted.v1.json", "entities-extracted.seed-001.json")) {
            fixture(name).at("/value/entities").forEach(e -> entities.add(e.get("id").asText()));
        }
        for (String name : List.of("quotes-extracted.v1.json", "quotes-extracted.seed-001.json")) {
            fixture(name).at("/value/quotes").forEach(q -> quotes.add(q.get("id").asText()));
        }
        for (String id : entities) {
            all.append(given().when().get("/api/entities/" + id).then().statusCode(200).extract().body().asString());
        }
        for (String id : quotes) {
            JsonNode quote = JSON.readTree(given().when().get("/api/quotes/" + id).then().statusCode(200).extract().body().asString());
            all.append(quote);
        }
        return all.toString();
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
        assertNotEquals(firstPage, secondPage, "two pages, two articles");
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
        // by any of the names the seeds spell him with, as speaker filters take them
        given().queryParam("entity", "al-Kadhimi").queryParam("limit", 5).when().get("/api/graph").then().statusCode(200)
                .body("center", is(kadhimiId));
        given().queryParam("entity", "Kadhimi").when().get("/api/timeline").then().statusCode(200)
                .body("entity", is(kadhimiId)).body("buckets[0].articles", is(2));
    }
}
