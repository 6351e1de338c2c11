package io.quotewire.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The contract's code does what its fixtures say, which is what every service computes with it. */
class ContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void articleIdsAreDerivedAsTheFixtureSays() throws Exception {
        for (JsonNode c : JSON.readTree(Fixtures.fixture("article-ids.json")).get("cases")) {
            String url = c.get("url").isNull() ? null : c.get("url").asText();
            String text = c.get("text").asText();
            assertEquals(c.get("id").asText(), ArticleIds.articleId(url, text), c.toString());
            assertEquals(c.get("id").asText(), ArticleIds.idOf(url, text), c.toString());
            assertEquals(c.get("contentHash").asText(), ArticleIds.contentHash(text), c.toString());
            assertEquals(c.get("contentHash").asText().substring(0, 16), ArticleIds.revision(text), c.toString());
            if (url != null) {
                assertEquals(c.get("canonicalUrl").asText(), ArticleIds.canonicalUrl(url));
            } else {
                assertEquals(c.get("normalisedText").asText(), ArticleIds.normalisedText(text));
            }
        }
        // a record of another producer may carry any url: its id is then the text's
        assertEquals(ArticleIds.articleId(null, "Some text."), ArticleIds.idOf("ftp://x/y", "Some text."));
    }

    @Test
    void nameKeysAndIdsAreWhatTheFixtureSays() throws Exception {
        for (JsonNode c : JSON.readTree(Fixtures.fixture("name-keys.json")).get("cases")) {
            String name = c.get("name").asText();
            assertEquals(c.get("key").asText(), NameKeys.key(name), name);
            List<String> words = new ArrayList<>();
            c.get("personWords").forEach(w -> words.add(w.asText()));
            assertEquals(words, NameKeys.personWords(name), name);
            assertEquals(c.get("entityId").asText(), NameKeys.entityId(c.get("type").asText(), name), name);
            assertEquals(c.get("quoteId").asText(), NameKeys.quoteId(name), name);
        }
    }

    @Test
    void theFixturesAndSamplesAreOnTheClasspath() throws Exception {
        JsonNode article = JSON.readTree(Fixtures.fixture("article-submitted.v1.json"));
        assertEquals(EventTypes.ARTICLE_SUBMITTED, article.at("/headers/ce_type").asText());
        assertEquals(article.at("/value/id").asText(), ArticleIds.articleId(article.at("/value/url").asText(),
                article.at("/value/text").asText()));
        for (String name : List.of("entities-extracted.v1.json", "quotes-extracted.v1.json",
                "entities-extracted.seed-001.json", "quotes-extracted.seed-001.json")) {
            JsonNode event = JSON.readTree(Fixtures.fixture(name));
            assertEquals(name.startsWith("entities") ? EventTypes.ENTITIES_EXTRACTED : EventTypes.QUOTES_EXTRACTED,
                    event.at("/headers/ce_type").asText(), name);
        }
        for (String sample : Fixtures.SAMPLES) {
            assertTrue(Fixtures.sample(sample).strip().startsWith("date 2020-08-20"), sample);
            assertTrue(Fixtures.sampleText(sample).length() > 1000 && !Fixtures.sampleText(sample).contains("date 2020"),
                    sample);
        }
    }

    @Test
    void aDateLineIsReadOnlyWhereATextOpensWithIt() {
        assertEquals(new DateLines.Split("2020-08-20", "President Trump met him."),
                DateLines.leading(" date 2020-08-20 President Trump met him."));
        assertEquals(new DateLines.Split("2020-08-20", "The meeting"), DateLines.leading("date 2020-08-20\nThe meeting"));
        assertEquals("", DateLines.strip("date 2020-08-20"));
        assertNull(DateLines.leading("The date 2020-08-20 was set."));
        assertNull(DateLines.leading("date 2020-08-20, the meeting"));
        assertNull(DateLines.leading("dated 2020-08-20 letters"));
        assertEquals("updated 2020-08-20", DateLines.strip("updated 2020-08-20"));
    }
}
