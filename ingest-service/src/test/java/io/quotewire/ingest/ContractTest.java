package io.quotewire.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quotewire.contract.Fixtures;
import io.quotewire.embedded.testing.KafkaTestResource;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The contract's sample record of the articles topic ({@code article-submitted.v1.json} in the contract
 * module) is what this service really writes. Consumers test themselves against the same fixture, so a change
 * here breaks their tests, not production.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class ContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSampleRecordIsWhatIngestWrites() throws IOException {
        JsonNode fixture = fixture("article-submitted.v1.json");
        JsonNode expected = fixture.get("value");
        ObjectNode submitted = JSON.createObjectNode();
        for (String field : new String[] { "text", "title", "url", "source", "language", "publishedAt" }) {
            submitted.set(field, expected.get(field));
        }
        String id = given().contentType("application/json").body(JSON.writeValueAsBytes(submitted))
                .when().post("/api/articles").then().statusCode(202).extract().path("id");
        assertEquals(fixture.get("key").asText(), id);

        ConsumerRecord<String, String> record = ArticlesTopic.await(id, 1, Duration.ofSeconds(30)).get(0);
        ObjectNode actual = (ObjectNode) JSON.readTree(record.value());
        assertEquals(List.of(), SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Fixtures.schema(Fixtures.ARTICLE_SUBMITTED_SCHEMA)).validate(actual).stream()
                .map(Object::toString).toList(), "the value as the contract's JSON Schema describes it");
        Instant.parse(actual.get("ingestedAt").asText()); // an ISO instant, like the fixture's
        actual.set("ingestedAt", expected.get("ingestedAt"));
        assertEquals(expected, actual, "the value, field by field (ingestedAt aside)");

        for (Iterator<Map.Entry<String, JsonNode>> it = fixture.get("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            String value = ArticlesTopic.header(record, header.getKey());
            assertTrue(value != null, "header " + header.getKey() + " is present");
            if (header.getKey().equals("ce_time")) {
                Instant.parse(value);
            } else {
                assertTrue(value.startsWith(header.getValue().asText()), header.getKey() + ": " + value);
            }
        }
    }

    private static JsonNode fixture(String name) throws IOException {
        return JSON.readTree(Fixtures.fixture(name));
    }
}
