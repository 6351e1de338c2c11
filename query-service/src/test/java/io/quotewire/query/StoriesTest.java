package io.quotewire.query;

import static io.quotewire.query.ReadModelEvents.JSON;
import static io.quotewire.query.ReadModelEvents.WAIT;
import static io.quotewire.query.ReadModelEvents.awaitDrained;
import static io.quotewire.query.ReadModelEvents.fixture;
import static io.quotewire.query.ReadModelEvents.seedEvents;
import static io.quotewire.query.ReadModelEvents.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quotewire.contract.ArticleIds;
import io.quotewire.embedded.testing.KafkaTestResource;
import io.quotewire.embedded.testing.PostgresTestResource;

/**
 * Stories through the real broker and PostgreSQL: the two seeds (two outlets on one meeting) form one story with
 * their shared quote; an unrelated article starts its own; a replayed profile changes nothing; the API filters
 * and answers problems as elsewhere.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class StoriesTest {

    private static final String FIRST = key("article-profiled.v1.json");
    private static final String SECOND = key("article-profiled.seed-001.json");

    private static String key(String fixture) {
        try {
            return fixture(fixture).get("key").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String storyOf(String articleId) {
        return given().when().get("/api/articles/" + articleId).then().statusCode(200).body("storyId", notNullValue())
                .extract().path("storyId");
    }

    private static final String FIRST_SEED_LEDE = "President Donald Trump has reaffirmed his plan to withdraw all US troops "
            + "from Iraq as quickly as possible as he met with the prime minister of Iraq to discuss ways to rein in pro-Iran "
            + "militias in the country and counter residual threats from Daesh sleeper cells.";

    @Test
    void theTwoSeedsAreOneStoryAcrossTwoOutlets() throws Exception {
        send(seedEvents());
        await().atMost(WAIT).untilAsserted(() -> assertEquals(storyOf(FIRST), storyOf(SECOND)));
        String story = storyOf(FIRST);
        awaitDrained();
        given().when().get("/api/stories/" + story).then().statusCode(200)
                .body("articleCount", is(2))
                .body("outlets.source", hasItems("seed-outlet", "second-outlet"))
                .body("timeline.size()", is(2))
                .body("entities.name", hasItems("Mustafa al Kadhimi", "Donald Trump"))
                .body("sharedQuotes.text", hasItem(containsString("postman")))
                .body("sharedQuotes[0].outlets.size()", is(2))
                // the central article's title, and its summary line: the first sentence of its news
                .body("title", anyOf(is("Trump reaffirms plan to withdraw troops from Iraq"), is("Iraq's al-Kadhimi in Washington")))
                .body("summary", anyOf(is(FIRST_SEED_LEDE), startsWith("“We are both in the same trench of fighting ISIS")));
        given().queryParam("entity", "Kadhimi").when().get("/api/stories").then().statusCode(200)
                .body("items.id", hasItem(story));
        given().queryParam("speaker", "Mustafa al Kadhimi").when().get("/api/stories").then().statusCode(200)
                .body("items.id", hasItem(story));
        given().queryParam("source", "second-outlet").queryParam("from", "2020-08-20").queryParam("to", "2020-08-20")
                .when().get("/api/stories").then().statusCode(200).body("items.id", hasItem(story))
                .body("items.find { it.id == '" + story + "' }.articleCount", is(2))
                .body("items.find { it.id == '" + story + "' }.outlets", hasItems("seed-outlet", "second-outlet"));
        given().queryParam("source", "no-such-outlet").when().get("/api/stories").then().statusCode(200)
                .body("total", is(0));
        given().queryParam("from", "2019-01-01").queryParam("to", "2019-12-31").when().get("/api/stories").then()
                .statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(story)));
    }

    @Test
    void anUnrelatedArticleStartsItsOwnStoryAndAReplayChangesNothing() throws Exception {
        send(seedEvents());
        await().atMost(WAIT).untilAsserted(() -> assertEquals(storyOf(FIRST), storyOf(SECOND)));
        String seeds = storyOf(FIRST);
        // another event entirely: other entities, no shared quote, an embedding pointing elsewhere; an article without
        // a title, opening with a date line: the story's title is its summary line, not the start of its text
        String text = "date 2020-08-21\nThe harvest festival in Tromsø drew record crowds. " + UUID.randomUUID();
        String id = ArticleIds.articleId(null, text);
        ObjectNode article = JSON.createObjectNode().put("id", id).put("revision", ArticleIds.revision(text))
                .put("text", text).put("source", "third-outlet").put("publishedAt", "2020-08-21");
        ObjectNode profile = JSON.createObjectNode().put("schemaVersion", 1).put("analyzerVersion", "test")
                .put("articleId", id).put("revision", ArticleIds.revision(text)).put("publishedAt", "2020-08-21")
                .put("analyzedAt", "2020-08-21T10:00:00Z").put("summary", "The harvest festival in Tromsø drew record crowds.");
        ArrayNode embedding = profile.putArray("embedding");
        for (int i = 0; i < 384; i++) {
            embedding.add(i == 7 ? 1.0 : 0.0);
        }
        profile.putArray("entities").addObject().put("id", "e0123456789abcdef").put("type", "LOCATION").put("salience", 1.0);
        profile.putArray("quoteIds");
        send(List.of(new ProducerRecord<>(Topics.ARTICLES, id, article.toString()),
                new ProducerRecord<>(Topics.PROFILES, id, profile.toString())));
        await().atMost(WAIT).untilAsserted(() -> assertEquals("s" + id, storyOf(id)));
        given().when().get("/api/stories/s" + id).then().statusCode(200).body("articleCount", is(1))
                .body("title", is("The harvest festival in Tromsø drew record crowds.")).body("sharedQuotes.size()", is(0))
                .body("summary", is("The harvest festival in Tromsø drew record crowds."));
        given().queryParam("source", "third-outlet").when().get("/api/stories").then().statusCode(200)
                .body("items[0].summary", is("The harvest festival in Tromsø drew record crowds."));

        // the seeds' profiles again, as a replay delivers them: the story keeps its two articles
        send(seedEvents().stream().filter(r -> r.topic().equals(Topics.PROFILES)).toList());
        awaitDrained();
        assertEquals(seeds, storyOf(FIRST));
        assertEquals(seeds, storyOf(SECOND));
        assertNotEquals(seeds, storyOf(id));
        given().when().get("/api/stories/" + seeds).then().statusCode(200).body("articleCount", is(2));
    }

    @Test
    void problemsAreProblems() {
        given().when().get("/api/stories/s-no-such-story").then().statusCode(404)
                .contentType("application/problem+json").body("status", is(404));
        given().queryParam("size", 0).when().get("/api/stories").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("from", "yesterday").when().get("/api/stories").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
