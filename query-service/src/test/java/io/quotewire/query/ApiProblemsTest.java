package io.quotewire.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quotewire.embedded.testing.NoBrokerTestResource;
import io.quotewire.embedded.testing.PostgresTestResource;

/** Malformed requests get a 400 problem naming the parameter, never a 5xx: the HTTP API alone, no broker. */
@QuarkusTest
@WithTestResource(value = NoBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class ApiProblemsTest {

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
        problem("/api/articles?from=2020-08-21&to=2020-08-20", "from (2020-08-21) is after to (2020-08-20)");
        problem("/api/stories?from=2020-08-20T12:00:00Z&to=2020-08-20T11:00:00Z", "is after to");
        problem("/api/quotes?from=2020-08-21T00:00:00Z&to=2020-08-20", "is after to");
        for (String path : List.of("/api/articles/nope", "/api/entities/nope", "/api/quotes/nope", "/api/graph?entity=nope",
                "/api/quotes/nope/occurrences")) {
            given().when().get(path).then().statusCode(404).contentType("application/problem+json");
        }
    }

    private static void problem(String path, String detail) {
        given().urlEncodingEnabled(false).when().get(path).then().statusCode(400)
                .contentType("application/problem+json").body("status", is(400)).body("detail", containsString(detail));
    }
}
