package io.quotewire.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quotewire.embedded.Ports;

/** With no broker to write to, a post is refused with 503 and Retry-After, never reported accepted. */
@QuarkusTest
@TestProfile(BrokerDownTest.NoBroker.class)
class BrokerDownTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.outgoing.articles-out.bootstrap.servers", "localhost:" + Ports.freePort(),
                    "quotewire.ingest.publish-timeout", "3s");
        }
    }

    @Test
    void postGets503WithRetryAfter() {
        given().contentType("text/plain").body("An article that cannot be written.")
                .when().post("/api/articles")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", is(503)).body("detail", containsString("not accepted"));
    }

    @Test
    void batchLinesAreRejectedNotAccepted() {
        given().contentType("application/x-ndjson").body("{\"text\": \"one\"}\n{\"text\": \"two\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/articles/batch")
                .then().statusCode(200)
                .body("accepted.size()", is(0)).body("rejected.size()", is(2))
                .body("rejected[0].error", containsString("not accepted"))
                .body("rejected[0].retryable", is(true)).body("rejected[1].retryable", is(true));
    }
}
