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
 * An entity's related entities are counted over its latest articles (a window), by the articles' publication
 * dates, also while a rebuild delivers entities before their articles.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class RelatedEntitiesTest {

    @Test
    void anEntitysRelatedAreCountedOverItsLatestArticlesEvenWhenTheirEntitiesCameFirst() throws Exception {
        String run = "recent" + Long.toString(System.nanoTime(), 36);
        List<ProducerRecord<String, String>> entities = windowEntities(run, false);
        List<ProducerRecord<String, String>> articles = new ArrayList<>();
        for (int i = 0; i <= WINDOW; i++) {
            String id = windowArticle(run, i);
            articles.add(new ProducerRecord<>(Topics.ARTICLES, 0, id, JSON.writeValueAsString(Map.of("id", id,
                    "text", "Article " + i + ".", "publishedAt", windowDate(i), "ingestedAt", "2021-06-01T00:00:00Z"))));
        }
        send(entities); // the entities first, then their articles
        send(articles);
        assertWindowIsTheLatest(run);
    }

    @Test
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
}
