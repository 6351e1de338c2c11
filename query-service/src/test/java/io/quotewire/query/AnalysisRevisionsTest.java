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
 * An article's events may come in any order; its analysis is replaced as a whole by a newer one; of two
 * revisions' analyses the later revision's wins whatever order they come in; an older analysis (a replay)
 * changes nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class AnalysisRevisionsTest {

    /** One article and its analysis sent in order, and a copy under another id in reverse order: the same article. */
    @Test
    void eventsInAnyOrderGiveTheSameArticle() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String inOrder = "ordered-" + run;
        String reversed = "reversed-" + run;
        awaitDrained(); // the total below counts every article
        long before = articleTotal();
        List<ProducerRecord<String, String>> events = new ArrayList<>();
        for (String id : List.of(inOrder, reversed)) {
            List<ProducerRecord<String, String>> article = new ArrayList<>(List.of(
                    article(id, "Ada Order" + run + " of Orderorg" + run + " said \"we keep order " + run + "\".",
                            "2021-05-01T00:00:00Z"),
                    analysis(Topics.ENTITIES, id, "2021-05-01T00:00:01Z", null, "eada" + run, "eorder" + run),
                    analysis(Topics.QUOTES, id, "2021-05-01T00:00:01Z", "we keep order " + run, "eada" + run, null)));
            if (id.equals(reversed)) {
                java.util.Collections.reverse(article); // quotes, entities, then the article
            }
            events.addAll(article);
        }
        send(events);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath original = given().when().get("/api/articles/" + inOrder).then().statusCode(200).extract().jsonPath();
            JsonPath reordered = given().when().get("/api/articles/" + reversed).then().statusCode(200).extract().jsonPath();
            assertEquals(2, original.getList("entities").size());
            assertEquals(original.getList("entities"), reordered.getList("entities"));
            assertEquals(1, original.getList("quotes").size());
            assertEquals(original.getList("quotes"), reordered.getList("quotes"));
            assertEquals(original.getString("text"), reordered.getString("text"));
        });
        assertEquals(before + 2, articleTotal(), "the unfiltered total counts each new article once");
    }

    private static long articleTotal() {
        return given().when().get("/api/articles").then().statusCode(200).extract().jsonPath().getLong("total");
    }

    /**
     * Two revisions of one article analysed concurrently: the analysis of the later revision is kept even when the
     * earlier revision's analysis finishes (and arrives) after it, so the article's text and its analysis agree.
     */
    @Test
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

    @Test
    void aNewerAnalysisReplacesTheOldOneAndAnOlderOneChangesNothing() throws Exception {
        awaitDrained(); // the type totals below count every entity: what other tests sent is projected first
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
        ((ArrayNode) twice.get("entities").get(0).get("mentions")).addObject()
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
}
