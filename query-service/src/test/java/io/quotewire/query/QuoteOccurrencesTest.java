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

/** A quote carried by many articles: listed once, with its earliest reports, the rest paged, its speaker the majority's. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class QuoteOccurrencesTest {

    @Test
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
}
