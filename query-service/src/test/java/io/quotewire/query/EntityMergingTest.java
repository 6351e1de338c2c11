package io.quotewire.query;

import static io.quotewire.query.ReadModelEvents.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quotewire.embedded.testing.KafkaTestResource;
import io.quotewire.embedded.testing.PostgresTestResource;
import io.restassured.path.json.JsonPath;

/**
 * Entities are merged across articles and nlp ids by name, within one poll too; a speaker known by two nlp ids
 * is one speaker whose quotes each appear once; a name that names two entities means, to what is about one
 * entity, the one in more articles.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class EntityMergingTest {

    @Test
    void aFullPollOfAnalysesIsProjectedAndMergesWithinItself() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        int n = 450; // about one poll (max.poll.records 500)
        List<ProducerRecord<String, String>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode event = envelope("big-" + run + "-" + i, "2020-08-21T00:00:00Z");
            var entities = event.putArray("entities");
            entity(entities, "eorg" + run, "Bigorg " + run, "ORGANIZATION"); // one nlp id in every article
            entity(entities, "ep" + run + "-" + i, "Alex" + i + " Tester" + run, "PERSON"); // a person per article
            if (i > 0) { // one person under a new nlp id in each article: merged by name, within the batch too
                entity(entities, "eq" + run + "-" + i, "Morgan Tester" + run + "q", "PERSON");
            }
            events.add(new ProducerRecord<>(Topics.ENTITIES, 0, event.get("articleId").asText(), event.toString()));
        }
        send(events);
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("q", "bigorg " + run).when().get("/api/entities")
                .then().statusCode(200).body("total", is(1)).body("items[0].articleCount", is(n)));
        given().queryParam("q", "morgan tester" + run + "q").when().get("/api/entities")
                .then().statusCode(200).body("total", is(1)).body("items[0].articleCount", is(n - 1));
        given().queryParam("q", "tester" + run).queryParam("type", "PERSON").queryParam("size", 1).when().get("/api/entities")
                .then().statusCode(200).body("total", is(n + 1));
    }

    @Test
    void aGraphAndATimelineByNameAreOfTheEntityInMostArticles() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String name = "Acme" + run;
        List<ProducerRecord<String, String>> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // one name, two entities: a company in three articles, a place in one
            ObjectNode event = envelope("acme-" + run + "-" + i, "2020-08-21T00:00:00Z");
            entity(event.putArray("entities"), i < 3 ? "eco" + run : "epl" + run, name, i < 3 ? "ORGANIZATION" : "LOCATION");
            events.add(new ProducerRecord<>(Topics.ENTITIES, 0, event.get("articleId").asText(), event.toString()));
        }
        send(events);
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("q", name).when().get("/api/entities")
                .then().statusCode(200).body("total", is(2)));
        given().queryParam("entity", name).when().get("/api/graph").then().statusCode(200).body("center", is("eco" + run));
        given().queryParam("entity", name.toLowerCase()).when().get("/api/timeline").then().statusCode(200)
                .body("entity", is("eco" + run));
        given().queryParam("entity", "epl" + run).when().get("/api/graph").then().statusCode(200).body("center", is("epl" + run));
        given().queryParam("entity", "Nobody" + run).when().get("/api/timeline").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
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
            ArrayNode list = quotes.putArray("quotes");
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
}
