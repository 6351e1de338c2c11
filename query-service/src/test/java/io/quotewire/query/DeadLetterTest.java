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
 * What query-service cannot project goes to the topic's dead-letter topic with the reason, and the rest goes on;
 * what it can store of other producers' records beyond the contract, it stores.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class DeadLetterTest {

    @Test
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
        List<ProducerRecord<String, String>> poll = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = (i == 10 ? refused : "poll-" + run + "-" + i);
            String text = "Article " + i + " of one poll.";
            // one partition, sent together: the records arrive in one poll and are applied as one batch
            poll.add(new ProducerRecord<>(Topics.ARTICLES, 0, id, JSON.writeValueAsString(Map.of("id", id,
                    "text", text, "ingestedAt", "2020-08-21T00:00:00Z"))));
            if (i != 10) {
                good.add(id);
            }
        }
        send(poll);
        ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.ARTICLES_DLQ, refused);
        assertTrue(!reason(dead).isBlank(), "a reason");
        for (String id : good) {
            await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/articles/" + id).then().statusCode(200));
        }
    }

    /**
     * Records that another producer wrote beyond the article contract (which ingest-service enforces) are still
     * projected, as far as they can be stored: a NUL becomes a space, an over-long source is cut, a publication
     * date outside years 1-9999 is left out, one written as the sample files' leading {@code date YYYY-MM-DD} is read.
     * Nothing is dead-lettered for them.
     */
    @Test
    void articlesBeyondTheContractFromOtherProducersAreStillProjected() throws Exception {
        String run = UUID.randomUUID().toString();
        String nul = "nul-" + run, source = "source-" + run, future = "future-" + run, zero = "zero-" + run;
        String dated = "dated-" + run;
        send(List.of(
                new ProducerRecord<>(Topics.ARTICLES, nul, JSON.writeValueAsString(Map.of("id", nul,
                        "text", "An article with a \u0000 in it.", "title", "A \u0000 title"))),
                new ProducerRecord<>(Topics.ARTICLES, source, JSON.writeValueAsString(Map.of("id", source,
                        "text", "An article from a long-named outlet.", "source", "s".repeat(9000)))),
                new ProducerRecord<>(Topics.ARTICLES, future, JSON.writeValueAsString(Map.of("id", future,
                        "text", "An article from the far future.", "publishedAt", "+10000-01-01"))),
                new ProducerRecord<>(Topics.ARTICLES, zero, JSON.writeValueAsString(Map.of("id", zero,
                        "text", "An article from year zero.", "publishedAt", "0000-01-01"))),
                // written as the sample files are: its date in the text, which ingest-service would have read
                new ProducerRecord<>(Topics.ARTICLES, dated, JSON.writeValueAsString(Map.of("id", dated,
                        "text", "date 2020-08-20 An article dated in its text.")))));
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/articles/" + dated).then().statusCode(200)
                .body("publishedAt", is("2020-08-20T00:00:00Z")).body("text", is("date 2020-08-20 An article dated in its text.")));
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/articles/" + nul).then().statusCode(200)
                .body("text", is("An article with a   in it.")).body("title", is("A   title")));
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/articles/" + source).then().statusCode(200)
                .body("source", is("s".repeat(200))));
        for (String id : List.of(future, zero)) {
            await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/articles/" + id).then().statusCode(200)
                    .body("publishedAt", org.hamcrest.Matchers.nullValue()));
        }
    }
}
