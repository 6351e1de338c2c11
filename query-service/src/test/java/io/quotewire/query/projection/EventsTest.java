package io.quotewire.query.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** How the projection reads events that other producers wrote, beyond what nlp-service and ingest-service write. */
class EventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime RECORD_TIME = OffsetDateTime.parse("2026-12-01T12:00:00Z");

    /** A forged time far in the future would win over every later analysis of the article, for ever. */
    @Test
    void eventTimesCountForNoMoreThanAnHourPastTheirRecord() {
        Events.Quotes forged = Events.quotes(JSON, Events.parse(JSON, """
                {"articleId": "a1", "revision": "r1", "articleIngestedAt": "2999-01-01T00:00:00Z",
                 "analyzedAt": "2999-01-01T00:00:00Z", "quotes": []}"""), RECORD_TIME);
        assertEquals(RECORD_TIME.plusHours(1), forged.analyzedAt());
        assertEquals(RECORD_TIME.plusHours(1), forged.articleIngestedAt());
        Events.Entities honest = Events.entities(JSON, Events.parse(JSON, """
                {"articleId": "a1", "revision": "r1", "articleIngestedAt": "2026-12-01T11:59:58Z",
                 "analyzedAt": "2026-12-01T11:59:59Z", "entities": []}"""), RECORD_TIME);
        assertEquals(OffsetDateTime.parse("2026-12-01T11:59:59Z"), honest.analyzedAt());
        assertEquals(OffsetDateTime.parse("2026-12-01T11:59:58Z"), honest.articleIngestedAt());
    }

    /** PostgreSQL takes no NUL and no unpaired surrogate: each becomes a space, so every offset still holds. */
    @Test
    void unstorableCharactersBecomeSpacesOfTheSameLength() {
        Events.Quotes quotes = Events.quotes(JSON, Events.parse(JSON, """
                {"articleId": "a1", "revision": "r1", "analyzedAt": "2026-12-01T11:00:00Z",
                 "quotes": [{"id": "q1", "text": "a\\u0000b\\ud800c", "start": 3, "end": 8}]}"""), RECORD_TIME);
        assertEquals("a b c", quotes.quotes().get(0).text());
        Events.Article article = Events.article(Events.parse(JSON, """
                {"text": "x\\u0000y", "source": "%s", "publishedAt": "+10000-01-01"}""".formatted("s".repeat(300))),
                RECORD_TIME);
        assertEquals("x y", article.text());
        assertEquals(200, article.source().length());
        assertEquals(null, article.publishedAt());
        assertEquals(RECORD_TIME, article.ingestedAt(), "no ingestedAt: the record's time");
    }

    /** A story places an article by its publication date, else by the date its text states, else by the month its link names, else by its ingestion. */
    @Test
    void aProfileIsPlacedInTimeByWhatItStates() {
        String profile = """
                {"articleId": "a1", "revision": "r1", "articleIngestedAt": "2026-12-01T11:59:58Z", %s
                 "analyzedAt": "2026-12-01T11:59:59Z", "entities": [], "quoteIds": []}""";
        var published = Events.profile(Events.parse(JSON, profile.formatted(
                "\"publishedAt\": \"2020-08-20\", \"dateline\": \"2013-05-03\",")), 7, RECORD_TIME);
        assertEquals(java.time.Instant.parse("2020-08-20T00:00:00Z"), published.time());
        assertEquals(true, published.dated());
        var stated = Events.profile(Events.parse(JSON, profile.formatted("\"dateline\": \"2013-05-03\",")), 7,
                RECORD_TIME);
        assertEquals(java.time.Instant.parse("2013-05-03T00:00:00Z"), stated.time());
        assertEquals(true, stated.dated());
        var statedDay = Events.profile(Events.parse(JSON, profile.formatted(
                "\"dateline\": \"2013-05-03\", \"datelineMonth\": \"2013-09\",")), 7, RECORD_TIME);
        assertEquals(java.time.Instant.parse("2013-05-03T00:00:00Z"), statedDay.time());
        // a month its link names places the article within that month, but as no stated day
        var month = Events.profile(Events.parse(JSON, profile.formatted("\"datelineMonth\": \"2013-09\",")), 7, RECORD_TIME);
        assertEquals(java.time.Instant.parse("2013-09-15T00:00:00Z"), month.time());
        assertEquals(false, month.dated());
        for (String unstated : new String[] { "", "\"dateline\": \"not a date\",", "\"dateline\": null,",
                "\"datelineMonth\": \"2013-13\",", "\"datelineMonth\": null," }) {
            var ingested = Events.profile(Events.parse(JSON, profile.formatted(unstated)), 7, RECORD_TIME);
            assertEquals(java.time.Instant.parse("2026-12-01T11:59:58Z"), ingested.time(), unstated);
            assertEquals(false, ingested.dated(), unstated);
        }
    }

    /**
     * What an article is about, for follow-ups: the people and organisations its lede names; absent means none. Where
     * it is: the places among its entities, and those its lede names.
     */
    @Test
    void aProfilesLeadsAreThePeopleAndOrganisationsItsLedeNamesAndItsPlacesTheLedesToo() {
        var p = Events.profile(Events.parse(JSON, """
                {"articleId": "a1", "revision": "r1", "analyzedAt": "2026-12-01T11:59:59Z", "quoteIds": [],
                 "entities": [{"id": "e-person", "type": "PERSON", "salience": 0.3, "lead": true},
                              {"id": "e-org", "type": "ORGANIZATION", "salience": 0.2, "lead": true},
                              {"id": "e-city", "type": "LOCATION", "salience": 0.2, "lead": true},
                              {"id": "e-other", "type": "PERSON", "salience": 0.1, "lead": false},
                              {"id": "e-older", "type": "PERSON", "salience": 0.1},
                              {"id": "e-country", "type": "LOCATION", "salience": 0.1}]}"""), 7, RECORD_TIME);
        assertEquals(java.util.Set.of("e-person", "e-org"), p.leads());
        assertEquals(java.util.Set.of("e-city", "e-country"), p.places());
        assertEquals(java.util.Set.of("e-city"), p.ledePlaces());
        assertEquals(6, p.entities().size());
    }
}
