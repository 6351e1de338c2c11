package io.quotewire.nlp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quotewire.embedded.testing.NoBrokerTestResource;
import io.restassured.specification.RequestSpecification;

/** Bad input to {@code POST /api/analyze} gets an RFC 9457 problem that says what is wrong, never a 500. */
@QuarkusTest
@WithTestResource(value = NoBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AnalyzeProblemTest {

    @Test
    void jsonBodyIsAnalysedLikePlainText() {
        given().contentType("application/json").body("{\"text\": \"“We will act,” Senator Jane Roe said in Paris.\"}")
                .when().post("/api/analyze").then().statusCode(200)
                .body("quotes[0].text", is("We will act"))
                .body("quotes[0].speaker.name", is("Jane Roe"))
                .body("quotes[0].cue.text", is("said"))
                .body("entities.find { it.name == 'Paris' }.type", is("LOCATION"));
    }

    @Test
    void badInputGetsAProblem() {
        problem(given().contentType("text/plain").body("   "), 400, "empty");
        problem(given().contentType("application/json").body("{\"text\": 5}"), 400, "must be a string");
        problem(given().contentType("application/json").body("{\"title\": \"x\"}"), 400, "missing");
        problem(given().contentType("application/json").body("{\"text\": "), 400, "malformed JSON");
        problem(given().contentType("text/plain; charset=utf-8").body(new byte[] { 'a', (byte) 0xC3, (byte) 0x28 }), 400, "UTF-8");
        problem(given().contentType("application/xml").body("<a/>"), 415, "text/plain");
        problem(given().contentType("text/plain").body("a".repeat(1_048_577)), 413, "limit");
    }

    private static void problem(RequestSpecification request, int status, String detail) {
        request.when().post("/api/analyze").then().statusCode(status).contentType("application/problem+json")
                .body("status", is(status)).body("detail", containsString(detail));
    }
}
