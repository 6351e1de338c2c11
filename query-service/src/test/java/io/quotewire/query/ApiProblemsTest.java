package io.quotewire.query;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
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

/** Malformed requests get a 400 problem naming the parameter, never a 5xx; search is literal. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class ApiProblemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void malformedParametersAre400ProblemsNamingTheParameter() {
        problem("/api/quotes?page=abc", "page");
        problem("/api/entities?size=1e3", "size");
        problem("/api/graph?entity=x&limit=lots", "limit");
        problem("/api/articles?page=-1", "page");
        problem("/api/quotes?speaker=Donald%20Trump&page=2147483647", "page");
        problem("/api/quotes/q1/occurrences?page=2147483647&size=100", "page");
        for (String endpoint : List.of("/api/articles?q=a%00b", "/api/articles?source=a%00b",
                "/api/quotes?q=a%00b", "/api/quotes?speaker=a%00b", "/api/entities?q=a%00b", "/api/graph?entity=a%00b")) {
            problem(endpoint, "NUL");
        }
        problem("/api/entities/a%00b", "NUL");
        problem("/api/articles?q=" + "x".repeat(1001), "1001 characters");
    }

    @Test
    void badParametersAndUnknownIdsGetProblems() {
        for (String path : List.of("/api/articles?size=0", "/api/articles?from=yesterday", "/api/entities?type=ANIMAL",
                "/api/entities?sort=random", "/api/quotes?page=-1", "/api/graph", "/api/timeline?entity=x&interval=year")) {
            given().when().get(path).then().statusCode(400).contentType("application/problem+json").body("status", is(400));
        }
        problem("/api/entities?type=ANIMAL", "type must be one of");
        problem("/api/articles?from=yesterday", "from must be an ISO date");
        problem("/api/quotes?size=101", "size must be a whole number between 1 and 100, not '101'");
        for (String path : List.of("/api/articles/nope", "/api/entities/nope", "/api/quotes/nope", "/api/graph?entity=nope",
                "/api/quotes/nope/occurrences")) {
            given().when().get(path).then().statusCode(404).contentType("application/problem+json");
        }
    }

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

    private static void problem(String path, String detail) {
        given().urlEncodingEnabled(false).when().get(path).then().statusCode(400)
                .contentType("application/problem+json").body("status", is(400)).body("detail", containsString(detail));
    }
}
