package io.quotewire.nlp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quotewire.embedded.testing.NoBrokerTestResource;
import io.restassured.specification.RequestSpecification;

/** With API keys configured, every request to the API needs one of them, whatever the path's spelling. */
@QuarkusTest
@TestProfile(ApiKeyTest.WithKeys.class)
@WithTestResource(value = NoBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApiKeyTest {

    public static class WithKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quotewire.nlp.api-keys", "alpha-key, beta-key");
        }
    }

    /** The API path, and its spellings that a path check on the raw string would let through. */
    private static final String API = "/api/analyze";
    private static final List<String> SPELLINGS = List.of(API, "/" + API, API.replace("/api/", "/api/./"),
            API.replace("/api/", "/%61pi/"), "/q/.." + API, "/q/%2e%2e" + API);

    @Test
    void withoutAValidKeyTheApiIs401Problem() {
        for (String path : SPELLINGS) {
            request().when().post(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer").body("detail", containsString("requires an API key"));
        }
        request().header("X-Api-Key", "gamma-key").when().post(API).then().statusCode(401)
                .body("detail", containsString("not valid"));
    }

    @Test
    void eitherKeyInEitherHeaderIsAcceptedAndThereIsNoCors() {
        request().header("Authorization", "Bearer alpha-key").when().post(API).then().statusCode(200);
        request().header("X-Api-Key", "beta-key").header("Origin", "https://elsewhere.example").when().post(API)
                .then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void healthAndTheApiDocumentNeedNoKey() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().when().get("/q/openapi").then().statusCode(200);
    }

    private static RequestSpecification request() {
        return given().urlEncodingEnabled(false).contentType("text/plain").body("Senator Ada Quill said: \"Keys work.\"");
    }
}
