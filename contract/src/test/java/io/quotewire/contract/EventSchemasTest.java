package io.quotewire.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The JSON Schemas describe the fixtures (which the services' tests check against their real events), and
 * refuse what a producer must not write.
 */
class EventSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @Test
    void everyFixtureEventIsValid() throws Exception {
        assertValid(Fixtures.ARTICLE_SUBMITTED_SCHEMA, value("article-submitted.v1.json"));
        for (String name : List.of("entities-extracted.v1.json", "entities-extracted.seed-001.json")) {
            assertValid(Fixtures.ENTITIES_EXTRACTED_SCHEMA, value(name));
        }
        for (String name : List.of("quotes-extracted.v1.json", "quotes-extracted.seed-001.json")) {
            assertValid(Fixtures.QUOTES_EXTRACTED_SCHEMA, value(name));
        }
        for (String name : List.of("article-profiled.v1.json", "article-profiled.seed-001.json")) {
            assertValid(Fixtures.ARTICLE_PROFILED_SCHEMA, value(name));
        }
    }

    @Test
    void whatAProducerMustNotWriteIsRefused() throws Exception {
        ObjectNode article = value("article-submitted.v1.json");
        article.remove("id");
        assertInvalid(Fixtures.ARTICLE_SUBMITTED_SCHEMA, article, "id");
        article = value("article-submitted.v1.json");
        article.put("url", "ftp://x/y");
        assertInvalid(Fixtures.ARTICLE_SUBMITTED_SCHEMA, article, "url");
        article = value("article-submitted.v1.json");
        article.put("source", "s".repeat(201));
        assertInvalid(Fixtures.ARTICLE_SUBMITTED_SCHEMA, article, "source");

        ObjectNode entities = value("entities-extracted.v1.json");
        ((ObjectNode) entities.get("entities").get(0)).put("type", "ANIMAL");
        assertInvalid(Fixtures.ENTITIES_EXTRACTED_SCHEMA, entities, "type");
        entities = value("entities-extracted.v1.json");
        entities.put("schemaVersion", 2);
        assertInvalid(Fixtures.ENTITIES_EXTRACTED_SCHEMA, entities, "schemaVersion");

        ObjectNode quotes = value("quotes-extracted.v1.json");
        ((ObjectNode) quotes.get("quotes").get(0).get("speaker")).remove("mention");
        assertInvalid(Fixtures.QUOTES_EXTRACTED_SCHEMA, quotes, "mention");
        quotes = value("quotes-extracted.v1.json");
        ((ObjectNode) quotes.get("quotes").get(0)).put("id", "not-an-id");
        assertInvalid(Fixtures.QUOTES_EXTRACTED_SCHEMA, quotes, "id");

        ObjectNode profile = value("article-profiled.v1.json");
        ((ObjectNode) profile.get("entities").get(0)).put("salience", 2);
        assertInvalid(Fixtures.ARTICLE_PROFILED_SCHEMA, profile, "salience");
        profile = value("article-profiled.v1.json");
        profile.put("embedding", "not a vector");
        assertInvalid(Fixtures.ARTICLE_PROFILED_SCHEMA, profile, "embedding");
        profile = value("article-profiled.v1.json");
        profile.put("datelineMonth", "2013-09-14");
        assertInvalid(Fixtures.ARTICLE_PROFILED_SCHEMA, profile, "datelineMonth");
    }

    private static ObjectNode value(String fixture) throws Exception {
        return (ObjectNode) JSON.readTree(Fixtures.fixture(fixture)).get("value");
    }

    private static Schema schema(String name) {
        return SCHEMAS.getSchema(Fixtures.schema(name));
    }

    private static void assertValid(String schema, JsonNode value) {
        assertEquals(List.of(), schema(schema).validate(value).stream().map(Object::toString).toList(), schema);
    }

    private static void assertInvalid(String schema, JsonNode value, String property) {
        List<String> errors = schema(schema).validate(value).stream().map(Object::toString).toList();
        assertFalse(errors.isEmpty(), schema + " accepted a value with a bad " + property);
        assertFalse(errors.stream().noneMatch(e -> e.contains(property)), "errors do not name " + property + ": " + errors);
    }
}
