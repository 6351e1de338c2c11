package io.quotewire.nlp;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quotewire.embedded.testing.NoBrokerTestResource;

/**
 * The two seed articles (two outlets on the same 2020-08-20 meeting) through {@code POST /api/analyze}: every
 * direct quote found and attributed by news conventions, spelling variants made one entity, ids stable
 * across the two articles.
 */
@QuarkusTest
@WithTestResource(value = NoBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SeedAnalysisTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String first;
    private static String second;
    private static JsonNode a;
    private static JsonNode b;

    /** Once per class, inside a test (RestAssured knows the test port only there). */
    @BeforeEach
    void analyseSeeds() throws IOException {
        if (a != null) {
            return;
        }
        first = Seeds.text(Seeds.FIRST);
        second = Seeds.text(Seeds.SECOND);
        a = analyse(first);
        b = analyse(second);
    }

    @Test
    void allNineQuotesAreFoundWithTheirSpans() {
        assertEquals(5, a.get("quotes").size(), a.get("quotes").toString());
        assertEquals(4, b.get("quotes").size(), b.get("quotes").toString());
        for (var pair : List.of(new Object[] { first, a }, new Object[] { second, b })) {
            String text = (String) pair[0];
            for (JsonNode q : ((JsonNode) pair[1]).get("quotes")) {
                String span = text.substring(q.get("start").asInt(), q.get("end").asInt());
                assertEquals(q.get("text").asText(), span, "a quote's span is its words, without the marks");
                assertTrue(q.get("id").asText().startsWith("q"));
            }
        }
    }

    @Test
    void speakersFollowNewsConventions() {
        assertEquals(List.of("Donald Trump", "Donald Trump", "Mike Pompeo", "Donald Trump", "Mustafa al Kadhimi"),
                speakers(a));
        assertEquals("As soon as we can complete the mission", quoteText(a, 2).substring(0, 38));
        assertEquals("has my ear", quoteText(a, 3));
        assertTrue(quoteText(a, 4).startsWith("We do not play the role of postman"));

        List<String> second = speakers(b);
        // the two quotes introduced only by "he", with no person named before them: no entity, never a guess
        assertNull(second.get(0));
        assertNull(second.get(1));
        assertEquals("he", b.get("quotes").get(0).get("speaker").get("mention").get("text").asText());
        assertEquals("Mike Pompeo", second.get(2));
        assertTrue(quoteText(b, 2).startsWith("We want an Iraq"), "a quote opened with “ and closed with \"");
        assertTrue(second.get(3).toLowerCase().contains("kadhimi"), "“he said:” after Al-Kadhimi: " + second.get(3));
        assertEquals("said", b.get("quotes").get(3).get("speaker").isNull() ? null
                : b.get("quotes").get(3).get("cue").get("text").asText());
    }

    @Test
    void aPersonWithAPlaceOrOrganisationAfterAPrepositionIsTheSpeaker() throws IOException {
        JsonNode governor = analyse("Governor Ada Quill of Norway said on Tuesday: “The talks went well.” Quill spoke in Oslo.");
        assertEquals(List.of("Ada Quill"), speakers(governor));
        JsonNode senator = analyse("“We will not wait,” Senator Ben Cardin of Maryland said. "
                + "“It is done,” Mike Pompeo of the State Department said.");
        assertEquals(List.of("Ben Cardin", "Mike Pompeo"), speakers(senator));
    }

    @Test
    void theSameQuoteFromTwoOutletsHasTheSameId() {
        assertEquals(a.get("quotes").get(4).get("id"), b.get("quotes").get(3).get("id"));
    }

    @Test
    void spellingVariantsAreOneEntityWithOneId() {
        JsonNode usA = entity(a, "United States");
        JsonNode usB = entity(b, "United States");
        assertEquals("LOCATION", usA.get("type").asText());
        assertEquals(usA.get("id"), usB.get("id"), "US (first seed) and U.S. (second) are one id");
        assertTrue(surfaces(usA).containsAll(Set.of("US", "United States")), surfaces(usA).toString());
        assertTrue(surfaces(usB).containsAll(Set.of("U.S.", "United States", "United States of America")),
                surfaces(usB).toString());

        JsonNode isA = entity(a, "Islamic State");
        JsonNode isB = entity(b, "Islamic State");
        assertEquals("ORGANIZATION", isA.get("type").asText());
        assertEquals(isA.get("id"), isB.get("id"), "Daesh (first seed) and IS/ISIS (second) are one id");
        assertTrue(surfaces(isA).contains("Daesh"));
        assertTrue(surfaces(isB).containsAll(Set.of("IS", "ISIS")), surfaces(isB).toString());
    }

    @Test
    void aPersonsNameVariantsAreOneEntityWithoutTitles() {
        List<JsonNode> kadhimiA = entities(a, "Kadhimi");
        assertEquals(1, kadhimiA.size(), kadhimiA.toString());
        assertEquals("Mustafa al Kadhimi", kadhimiA.get(0).get("name").asText());
        assertEquals("PERSON", kadhimiA.get(0).get("type").asText());
        assertTrue(surfaces(kadhimiA.get(0)).contains("Kadhimi"));

        List<JsonNode> kadhimiB = entities(b, "Kadhimi");
        assertEquals(1, kadhimiB.size(), kadhimiB.toString());
        assertTrue(surfaces(kadhimiB.get(0)).containsAll(Set.of("al-Kadhimi", "Al-Kadhimi")));

        assertEquals(1, entities(a, "Trump").size());
        assertEquals("Donald Trump", entities(a, "Trump").get(0).get("name").asText(), "no \"President\"");
        assertEquals(entities(a, "Pompeo").get(0).get("id"), entities(b, "Pompeo").get(0).get("id"),
                "Mike Pompeo is the same id in both articles");
        for (JsonNode e : a.get("entities")) {
            for (JsonNode m : e.get("mentions")) {
                assertEquals(m.get("text").asText(), first.substring(m.get("start").asInt(), m.get("end").asInt()));
            }
        }
    }

    @Test
    void salienceRanksTheArticlesSubjects() {
        double total = 0;
        for (JsonNode e : a.get("entities")) {
            total += e.get("salience").asDouble();
        }
        assertEquals(1.0, total, 0.01);
        Set<String> top = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            top.add(a.get("entities").get(i).get("name").asText());
        }
        assertTrue(top.contains("Donald Trump"), top.toString());
        assertTrue(entity(a, "Mustafa al Kadhimi").get("salience").asDouble() > entity(a, "Frank McKenzie").get("salience").asDouble());
        assertTrue(entity(a, "Frank McKenzie").get("salience").asDouble() > entity(a, "Qassem Soleimani").get("salience").asDouble());
    }

    private static JsonNode analyse(String text) throws IOException {
        String body = given().contentType("text/plain; charset=utf-8").body(text.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/analyze").then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }

    private static List<String> speakers(JsonNode analysis) {
        List<String> names = new ArrayList<>();
        for (JsonNode q : analysis.get("quotes")) {
            JsonNode speaker = q.get("speaker");
            names.add(speaker == null || speaker.isNull() || speaker.get("name").isNull() ? null
                    : speaker.get("name").asText());
        }
        return names;
    }

    private static String quoteText(JsonNode analysis, int i) {
        return analysis.get("quotes").get(i).get("text").asText();
    }

    private static JsonNode entity(JsonNode analysis, String name) {
        for (JsonNode e : analysis.get("entities")) {
            if (e.get("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no entity " + name + " in " + analysis.get("entities"));
    }

    private static List<JsonNode> entities(JsonNode analysis, String word) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode e : analysis.get("entities")) {
            if (e.get("name").asText().contains(word) || surfaces(e).stream().anyMatch(s -> s.contains(word))) {
                found.add(e);
            }
        }
        return found;
    }

    private static Set<String> surfaces(JsonNode entity) {
        Set<String> all = new java.util.HashSet<>();
        all.add(entity.get("name").asText());
        entity.get("aliases").forEach(x -> all.add(x.asText()));
        for (JsonNode m : entity.get("mentions")) {
            all.add(m.get("text").asText());
        }
        return all.stream().collect(Collectors.toSet());
    }
}
