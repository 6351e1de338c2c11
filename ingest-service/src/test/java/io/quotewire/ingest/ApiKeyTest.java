package io.quotewire.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quotewire.embedded.testing.KafkaTestResource;

/** With API keys configured, every request needs one of them, whatever the path's spelling; health checks do not. */
@QuarkusTest
@TestProfile(ApiKeyTest.WithKeys.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class ApiKeyTest {

    public static class WithKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quotewire.ingest.api-keys", "alpha-key, beta-key");
        }
    }

    private static final String ARTICLE = "{\"text\": \"An article sent with a key.\"}";

    @Test
    void aWriteWithoutAKeyIs401Problem() {
        given().contentType("application/json").body(ARTICLE).when().post("/api/articles")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", is(401)).body("detail", containsString("requires an API key"));
        given().contentType("application/x-ndjson").body((ARTICLE + "\n").getBytes(StandardCharsets.UTF_8))
                .when().post("/api/articles/batch")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aWrongKeyIs401() {
        given().contentType("application/json").header("X-Api-Key", "alpha-kez").body(ARTICLE)
                .when().post("/api/articles")
                .then().statusCode(401).body("detail", containsString("not valid"));
        given().contentType("application/json").header("Authorization", "Bearer gamma-key").body(ARTICLE)
                .when().post("/api/articles")
                .then().statusCode(401);
    }

    @Test
    void eitherKeyInEitherHeaderIsAccepted() {
        given().contentType("application/json").header("Authorization", "Bearer alpha-key").body(ARTICLE)
                .when().post("/api/articles")
                .then().statusCode(202).body("status", is("accepted"));
        given().contentType("application/json").header("X-Api-Key", "beta-key").body(ARTICLE)
                .when().post("/api/articles")
                .then().statusCode(202);
    }

    @Test
    void pathVariantsOfTheApiNeedAKeyToo() {
        for (String path : java.util.List.of("//api/articles", "/api/./articles", "/%61pi/articles", "/q/../api/articles",
                "/q/%2e%2e/api/articles")) {
            given().urlEncodingEnabled(false).contentType("application/json").body(ARTICLE).when().post(path)
                    .then().statusCode(401);
        }
    }

    @Test
    void noCorsUnlessAnAllowListIsConfigured() {
        given().header("Origin", "https://elsewhere.example").contentType("application/json")
                .header("X-Api-Key", "alpha-key").body(ARTICLE).when().post("/api/articles")
                .then().statusCode(202).header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void healthAndTheApiDocumentNeedNoKey() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
