package io.quotewire.query;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quotewire.embedded.testing.KafkaTestResource;
import io.quotewire.embedded.testing.PostgresTestResource;

/** Search is literal: the characters SQL patterns treat as wildcards match only themselves. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class LiteralSearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void searchIsLiteralNotAPattern() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String article = "literal-" + run;
        String percent = "Rates rose 50% for " + run + ".";
        String plain = "Nothing special about " + run + ".";
        // quotes alone (no article event): the read model of the other tests keeps its article count
        ReadModelEvents.send(List.of(new ProducerRecord<>(Topics.QUOTES, article, JSON.writeValueAsString(Map.of(
                "articleId", article, "revision", "r1", "analyzedAt", "2020-08-21T00:00:00Z",
                "quotes", List.of(Map.of("id", "qp" + run, "text", percent), Map.of("id", "qn" + run, "text", plain)))))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("q", run).when().get("/api/quotes")
                .then().statusCode(200).body("total", is(2)));
        given().queryParam("q", "50% for " + run).when().get("/api/quotes").then().statusCode(200)
                .body("total", is(1)).body("items[0].id", is("qp" + run));
        given().queryParam("q", "%").when().get("/api/quotes").then().statusCode(200)
                .body("items.text.every { it.contains('%') }", is(true));
        given().queryParam("q", "_").when().get("/api/quotes").then().statusCode(200)
                .body("items.text.every { it.contains('_') }", is(true));
        given().queryParam("q", "about_" + run).when().get("/api/quotes").then().statusCode(200)
                .body("total", is(0));
        given().queryParam("q", "!!").when().get("/api/entities").then().statusCode(200).body("total", is(0));
    }

}
