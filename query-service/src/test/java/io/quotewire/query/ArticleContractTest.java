package io.quotewire.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quotewire.query.projection.ArticleIds;

/** This service derives article ids exactly as the articles topic contract (ingest-service's fixture) says. */
class ArticleContractTest {

    @Test
    void derivedIdsMatchTheContractFixture() throws IOException {
        JsonNode fixture = new ObjectMapper().readTree(ReadModelTest.INGEST_CONTRACT.resolve("article-ids.json").toFile());
        for (JsonNode c : fixture.get("cases")) {
            String url = c.get("url").isNull() ? null : c.get("url").asText();
            assertEquals(c.get("id").asText(), ArticleIds.articleId(url, c.get("text").asText()), c.toString());
            assertEquals(c.get("contentHash").asText(), ArticleIds.contentHash(c.get("text").asText()));
        }
    }
}
