package io.quotewire.query.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Story assignment without a broker or database: events that are apart stay apart, reports of one event come
 * together, and the result depends only on the order of the profiles, not on where batches end, on reloading the
 * index from its stored form, or on how many stories it has seen.
 */
class StoryIndexTest {

    private static final Instant DAY = Instant.parse("2020-08-20T00:00:00Z");

    /** {@code events} events, {@code per} reports of each, interleaved as a live feed has them (seeded). */
    private static List<Profile> feed(int events, int per, long seed) {
        Random r = new Random(seed);
        List<float[]> centres = new ArrayList<>();
        for (int e = 0; e < events; e++) {
            centres.add(unit(r, null, 0));
        }
        List<int[]> order = new ArrayList<>();
        for (int e = 0; e < events; e++) {
            for (int k = 0; k < per; k++) {
                order.add(new int[] { e, k });
            }
        }
        java.util.Collections.shuffle(order, r);
        List<Profile> out = new ArrayList<>();
        long seq = 0;
        for (int[] o : order) {
            int e = o[0];
            Map<String, Double> entities = Map.of("e-event" + e, 0.4, "e-place" + e, 0.3, "e-common", 0.1);
            // each event where it happened, which its reports' ledes name
            out.add(new Profile("a" + e + "-" + o[1], "r", seq++, DAY.plus(Duration.ofHours(e % 48)), true,
                    unit(r, centres.get(e), 0.5f), entities, Set.of(), null, Set.of(), Set.of("e-place" + e),
                    Set.of("e-place" + e)));
        }
        return out;
    }

    /** A random unit vector, or one near {@code centre}. */
    private static float[] unit(Random r, float[] centre, float noise) {
        float[] v = new float[Profile.DIMENSIONS];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (centre == null ? 0 : centre[i]) + (float) r.nextGaussian() * (centre == null ? 1 : noise / 20);
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static Map<String, String> assign(StoryIndex index, List<Profile> feed) {
        Map<String, String> story = new HashMap<>();
        feed.forEach(p -> story.put(p.articleId(), index.assign(p).storyId()));
        return story;
    }

    @Test
    void reportsOfOneEventFormOneStoryAndEventsStayApart() {
        List<Profile> feed = feed(40, 5, 1);
        Map<String, String> story = assign(new StoryIndex(StoryRules.DEFAULT), feed);
        for (Profile p : feed) {
            String event = p.articleId().substring(0, p.articleId().indexOf('-'));
            assertEquals(story.get(event + "-0"), story.get(p.articleId()), p.articleId());
        }
        assertEquals(40, Set.copyOf(story.values()).size());
        // the story's id is its first article's
        Profile first = feed.get(0);
        assertEquals(Story.idFor(first.articleId()), story.get(first.articleId()));
    }

    @Test
    void aReportWeeksLaterStartsANewStory() {
        List<Profile> feed = new ArrayList<>(feed(3, 3, 2));
        Profile late = feed.get(0);
        Profile weeksLater = new Profile("late", "r", 1000, late.time().plus(Duration.ofDays(30)), true,
                late.embedding(), late.entities(), late.quoteIds(), null);
        StoryIndex index = new StoryIndex(StoryRules.DEFAULT);
        Map<String, String> story = assign(index, feed);
        StoryIndex.Assignment a = index.assign(weeksLater);
        assertTrue(a.started());
        assertNotEquals(story.get(late.articleId()), a.storyId());
    }

    @Test
    void aFollowUpNamingTheStorysPeopleJoinsItWeeksLaterAtThePenalty() {
        List<Profile> feed = feed(3, 3, 2);
        Profile report = feed.get(0);
        Set<String> leads = eventLead(report);
        Profile sameDays = new Profile("again", "r", 1000, report.time(), true, report.embedding(), report.entities(),
                report.quoteIds(), null, leads);
        Profile weeksLater = new Profile("again", "r", 1000, report.time().plus(Duration.ofDays(60)), true,
                report.embedding(), report.entities(), report.quoteIds(), null, leads);
        // the same news, but its lede names others: a like event (another club's match, other ministers meeting)
        Profile likeEventLater = new Profile("again", "r", 1000, weeksLater.time(), true, report.embedding(),
                report.entities(), report.quoteIds(), null, Set.of("e-someone-else"));
        StoryRules d = StoryRules.DEFAULT;
        StoryRules followUps = d.with(d.entityWeight(), d.quoteWeight(), d.timePenalty(), d.threshold(), d.windowDays(),
                d.spanDays(), 0.1, d.strangerPenalty());
        StoryIndex.Assignment within = assignAfter(followUps, feed, sameDays);
        StoryIndex.Assignment later = assignAfter(followUps, feed, weeksLater);
        assertEquals(within.storyId(), later.storyId());
        assertEquals(within.score() - 0.1, later.score(), 1e-9);
        assertTrue(assignAfter(followUps, feed, likeEventLater).started());
        assertTrue(assignAfter(d.with(d.entityWeight(), d.quoteWeight(), d.timePenalty(), d.threshold(), d.windowDays(),
                d.spanDays(), Double.POSITIVE_INFINITY, d.strangerPenalty()), feed, weeksLater).started(),
                "no follow-ups at an infinite penalty");
    }

    @Test
    void aFollowUpDoesNotMoveTheStorysDays() {
        List<Profile> feed = feed(3, 3, 2);
        Profile report = feed.get(0);
        StoryIndex index = new StoryIndex(StoryRules.DEFAULT);
        String story = assign(index, feed).get(report.articleId());
        Profile followUp = new Profile("trial", "r", 1000, report.time().plus(Duration.ofDays(200)), true,
                report.embedding(), report.entities(), report.quoteIds(), null, eventLead(report));
        assertEquals(story, index.assign(followUp).storyId());
        // a report of the event's own days whose lede names no one still joins it, as before the follow-up
        Profile eventDays = new Profile("late-report", "r", 1001, report.time().plus(Duration.ofDays(2)), true,
                report.embedding(), report.entities(), report.quoteIds(), null);
        assertEquals(story, index.assign(eventDays).storyId());
        // and one of the follow-up's days needs a lede naming the story's people as the follow-up did
        Profile followUpDays = new Profile("trial-day-2", "r", 1002, followUp.time().plus(Duration.ofDays(1)), true,
                report.embedding(), report.entities(), report.quoteIds(), null);
        assertTrue(index.assign(followUpDays).started());
    }

    @Test
    void similarReportsDaysApartDoNotChainIntoOneStoryOverMonths() {
        // the same report every three days for three months: each within the window of the one before
        Profile report = feed(1, 1, 5).get(0);
        StoryRules rules = StoryRules.DEFAULT;
        StoryIndex index = new StoryIndex(rules);
        Map<String, Instant> firstOf = new HashMap<>(), lastOf = new HashMap<>();
        for (int k = 0; k < 30; k++) {
            Instant time = report.time().plus(Duration.ofDays(3L * k));
            String story = index.assign(new Profile("r" + k, "r", k, time, true, report.embedding(), report.entities(),
                    report.quoteIds(), null)).storyId();
            firstOf.merge(story, time, (a, b) -> a.isBefore(b) ? a : b);
            lastOf.merge(story, time, (a, b) -> a.isAfter(b) ? a : b);
        }
        // a story holds the reports of at most its span, and the next report starts another
        assertTrue(firstOf.size() >= 90 / (rules.spanDays() + 3), firstOf.size() + " stories");
        firstOf.forEach((story, first) -> assertTrue(
                Duration.between(first, lastOf.get(story)).toDays() <= rules.spanDays(), story));
        // a report without a stated date (an archive ingested months later) is not held to the span, only to the time
        // penalty
        Profile undated = new Profile("u", "r", 100, report.time().plus(Duration.ofDays(200)), false,
                report.embedding(), report.entities(), report.quoteIds(), null);
        assertTrue(firstOf.containsKey(index.assign(undated).storyId()));
    }

    @Test
    void anArticleWithoutAStatedDateMayJoinAStoryOutsideTheWindowAtTheTimePenalty() {
        List<Profile> feed = feed(3, 3, 2);
        Profile report = feed.get(0);
        StoryRules rules = StoryRules.DEFAULT;
        // the same report, dated within the story's days, and undated: ingested (an archive loaded) weeks later
        Profile sameDays = new Profile("again", "r", 1000, report.time(), true, report.embedding(), report.entities(),
                report.quoteIds(), null);
        Set<String> leads = eventLead(report);
        Profile ingestedLater = new Profile("again", "r", 1000, report.time().plus(Duration.ofDays(60)), false,
                report.embedding(), report.entities(), report.quoteIds(), null, leads);
        StoryIndex.Assignment within = assignAfter(rules, feed, sameDays);
        StoryIndex.Assignment later = assignAfter(rules, feed, ingestedLater);
        assertEquals(within.storyId(), later.storyId());
        assertEquals(within.score() - rules.timePenalty(), later.score(), 1e-9);
        // a lede that names none of the story's people or organisations: the stranger penalty on top
        Profile strangerLater = new Profile("again", "r", 1000, ingestedLater.time(), false, report.embedding(),
                report.entities(), report.quoteIds(), null, Set.of("e-someone-else"));
        assertEquals(within.score() - rules.timePenalty() - rules.strangerPenalty(),
                assignAfter(rules, feed, strangerLater).score(), 1e-9);
        // and it joins only while that still clears the threshold
        StoryRules strict = rules.with(rules.entityWeight(), rules.quoteWeight(), within.score() - rules.threshold() + 0.01,
                rules.threshold(), rules.windowDays(), rules.spanDays(), rules.followUpPenalty(), rules.strangerPenalty());
        assertTrue(assignAfter(strict, feed, ingestedLater).started());
        assertEquals(within.storyId(), assignAfter(strict, feed, sameDays).storyId());
    }

    /**
     * Two reports of one day's event in other words: below the threshold by what they say, the second joins the
     * first's story because their stated days agree and its lede names the story's person, by the rules' dated
     * fallback; not when its date is weeks away, nor when it has none, nor when its lede names none of the story's
     * people (in a live feed every article is of the same days), nor without the fallback.
     */
    @Test
    void aDatedArticleShortOfTheThresholdJoinsTheStoryOfItsDaysAndPeople() {
        StoryRules rules = StoryRules.DEFAULT;
        double cos = rules.threshold() - rules.datedFallback() / 2; // short of the bar by half the fallback
        float[] first = { 1, 0 };
        float[] second = { (float) cos, (float) Math.sqrt(1 - cos * cos) };
        Instant day = DAY;
        Map<String, Double> people = Map.of("e-kadhimi", 1.0);
        Profile story = new Profile("first", "r", 0, day, true, first, people, Set.of(), null, Set.of());
        record Case(Instant time, boolean dated, Set<String> lede, boolean joins) {
        }
        for (Case c : List.of(
                new Case(day.plus(Duration.ofDays(1)), true, Set.of("e-kadhimi"), true),
                new Case(day.plus(Duration.ofDays(60)), true, Set.of("e-kadhimi"), false),
                new Case(day.plus(Duration.ofDays(1)), false, Set.of("e-kadhimi"), false),
                new Case(day.plus(Duration.ofDays(1)), true, Set.of("e-someone-else"), false),
                new Case(day.plus(Duration.ofDays(1)), true, Set.of(), false))) {
            StoryIndex index = new StoryIndex(rules);
            String id = index.assign(story).storyId();
            StoryIndex.Assignment a = index.assign(new Profile("second", "r", 1, c.time(), c.dated(), second, Map.of(),
                    Set.of(), null, c.lede()));
            assertEquals(c.joins(), !a.started(), c.toString());
            if (c.joins()) {
                assertEquals(id, a.storyId());
                assertEquals(cos + rules.datedFallback(), a.score(), 1e-6);
            }
        }
        StoryIndex index = new StoryIndex(rules.withDatedFallback(0));
        index.assign(story);
        assertTrue(index.assign(new Profile("second", "r", 1, day.plus(Duration.ofDays(1)), true, second, Map.of(), Set.of(),
                null, Set.of("e-kadhimi"))).started());
    }

    @Test
    void anArticleWhoseLedeNamesOnlyPlacesTheStoryDoesNotPaysThePlacePenaltyUnlessItsDateVouches() {
        List<Profile> feed = feed(3, 3, 2);
        Profile report = feed.get(0);
        StoryRules rules = StoryRules.DEFAULT;
        Set<String> here = report.ledePlaces();
        Set<String> elsewhere = Set.of("e-another-place");
        Set<String> leads = eventLead(report);
        // undated (ingested weeks later), its lede naming the story's place, then only another place
        StoryIndex.Assignment within = assignAfter(rules, feed, new Profile("again", "r", 1000, report.time(), true,
                report.embedding(), report.entities(), report.quoteIds(), null, leads, here, here));
        Instant later = report.time().plus(Duration.ofDays(60));
        StoryIndex.Assignment sameplace = assignAfter(rules, feed, new Profile("again", "r", 1000, later, false,
                report.embedding(), report.entities(), report.quoteIds(), null, leads, here, here));
        StoryIndex.Assignment otherPlace = assignAfter(rules, feed, new Profile("again", "r", 1000, later, false,
                report.embedding(), report.entities(), report.quoteIds(), null, leads, elsewhere, elsewhere));
        assertTrue(rules.placePenalty() > 0);
        assertEquals(within.storyId(), sameplace.storyId());
        assertEquals(within.score() - rules.timePenalty(), sameplace.score(), 1e-9);
        assertEquals(within.score() - rules.timePenalty() - rules.placePenalty(), otherPlace.score(), 1e-9);
        // a lede that names the story's place among others pays nothing for the others
        Set<String> both = Set.of("e-another-place", here.iterator().next());
        assertEquals(sameplace.score(), assignAfter(rules, feed, new Profile("again", "r", 1000, later, false,
                report.embedding(), report.entities(), report.quoteIds(), null, leads, both, both)).score(), 1e-9);
        // dated within the story's days, the date vouches for it: no place penalty
        assertEquals(within.score(), assignAfter(rules, feed, new Profile("again", "r", 1000, report.time(), true,
                report.embedding(), report.entities(), report.quoteIds(), null, leads, elsewhere, elsewhere)).score(), 1e-9);
        // and a story that names no place holds no article to one
        List<Profile> placeless = feed.stream().map(p -> new Profile(p.articleId(), p.revision(), p.seq(), p.time(),
                p.dated(), p.embedding(), p.entities(), p.quoteIds(), null, p.leads())).toList();
        assertEquals(within.score() - rules.timePenalty(), assignAfter(rules, placeless, new Profile("again", "r", 1000,
                later, false, report.embedding(), report.entities(), report.quoteIds(), null, leads, elsewhere, elsewhere))
                .score(), 1e-9);
    }

    @Test
    void anArticleNamingARivalOfTheStorysPeoplePaysTheRivalPenaltyUnlessItsDateVouches() {
        // a champion's fight: the ledes of its reports name the champion and the challenger
        float[] words = feed(1, 1, 5).get(0).embedding();
        Map<String, Double> fight = Map.of("e-champion", 0.4, "e-challenger", 0.3, "e-arena", 0.1);
        List<Profile> story = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            story.add(new Profile("fight-" + k, "r", k, DAY, true, words, fight, Set.of(), null,
                    Set.of("e-champion", "e-challenger"), Set.of(), Set.of()));
        }
        // a bar every article reaches, so that each joins the one story and its score shows
        StoryRules d = StoryRules.DEFAULT;
        StoryRules rules = d.with(d.entityWeight(), d.quoteWeight(), d.timePenalty(), -10, d.windowDays(), d.spanDays(),
                d.followUpPenalty(), d.strangerPenalty(), d.placePenalty());
        assertTrue(rules.rivalPenalty() > 0);
        Instant later = DAY.plus(Duration.ofDays(60));
        Map<String, Double> otherFight = Map.of("e-champion", 0.4, "e-other-challenger", 0.3, "e-arena", 0.1);
        // undated, the champion and another challenger: the rival penalty
        Profile other = new Profile("other", "r", 10, later, false, words, otherFight, Set.of(), null,
                Set.of("e-champion", "e-other-challenger"), Set.of(), Set.of());
        assertEquals(scoreWithout(rules, story, other) - rules.rivalPenalty(), assignAfter(rules, story, other).score(), 1e-9);
        // the champion and the challenger, or the challenger among others: none
        Profile same = new Profile("same", "r", 10, later, false, words, fight, Set.of(), null,
                Set.of("e-champion", "e-challenger"), Set.of(), Set.of());
        assertEquals(scoreWithout(rules, story, same), assignAfter(rules, story, same).score(), 1e-9);
        Map<String, Double> both = Map.of("e-champion", 0.4, "e-challenger", 0.2, "e-other-challenger", 0.1);
        Profile withBoth = new Profile("both", "r", 10, later, false, words, both, Set.of(), null,
                Set.of("e-champion", "e-other-challenger"), Set.of(), Set.of());
        assertEquals(scoreWithout(rules, story, withBoth), assignAfter(rules, story, withBoth).score(), 1e-9);
        // dated within the story's days, the date vouches for it
        Profile datedOther = new Profile("dated", "r", 10, DAY, true, words, otherFight, Set.of(), null,
                Set.of("e-champion", "e-other-challenger"), Set.of(), Set.of());
        assertEquals(scoreWithout(rules, story, datedOther), assignAfter(rules, story, datedOther).score(), 1e-9);
        // a story of one report has no one whose absence counts: two ledes at least must name them
        assertEquals(scoreWithout(rules, story.subList(0, 1), other), assignAfter(rules, story.subList(0, 1), other)
                .score(), 1e-9);
    }

    /** The score of {@code p} against the feed's story without the rival penalty. */
    private static double scoreWithout(StoryRules rules, List<Profile> feed, Profile p) {
        return assignAfter(rules.withRivalPenalty(0), feed, p).score();
    }

    /** As the lede of a report of the feed's event names it: the event's own entity. */
    private static Set<String> eventLead(Profile report) {
        return Set.of(report.entities().keySet().stream().filter(id -> id.startsWith("e-event")).findFirst().orElseThrow());
    }

    private static StoryIndex.Assignment assignAfter(StoryRules rules, List<Profile> feed, Profile p) {
        StoryIndex index = new StoryIndex(rules);
        assign(index, feed);
        return index.assign(p);
    }

    @Test
    void theSameOrderGivesTheSameStoriesWhateverTheBatchesAndReloads() {
        // a third of the articles without a stated date; every lede names its event's people (what the rival
        // penalty counts)
        List<Profile> feed = feed(120, 4, 3).stream().map(p -> new Profile(p.articleId(), p.revision(), p.seq(), p.time(),
                p.seq() % 3 != 0, p.embedding(), p.entities(), p.quoteIds(), p.summary(), eventLead(p), p.places(),
                p.ledePlaces())).toList();
        // a small index, so that stories leave it while the feed runs
        StoryRules rules = new StoryRules(0.5, 0.2, Double.POSITIVE_INFINITY, 0.65, 30, 5, 60, 8, 7, 14,
                Double.POSITIVE_INFINITY, 0, 0.1, 0.2, 0.1);
        Map<String, String> once = assign(new StoryIndex(rules), feed);

        Map<String, String> reloaded = new HashMap<>();
        StoryIndex index = new StoryIndex(rules);
        Map<String, Story> stored = new HashMap<>();
        Random batches = new Random(4);
        int i = 0;
        while (i < feed.size()) {
            int end = Math.min(feed.size(), i + 1 + batches.nextInt(40));
            for (; i < end; i++) {
                reloaded.put(feed.get(i).articleId(), index.assign(feed.get(i)).storyId());
            }
            // what Stories writes after a batch, and reads back as another instance or after a restart
            index.drainTouched().forEach(s -> {
                Story back = copy(s);
                assertEquals(s.entities, back.entities);
                assertEquals(s.places, back.places);
                assertEquals(s.keys, back.keys);
                assertEquals(s.leads, back.leads);
                assertTrue(!back.places.isEmpty(), "every event of the feed has its place");
                stored.put(s.id, back);
            });
            long applied = index.appliedSeq();
            index = StoryIndex.of(rules, stored.values().stream()
                    .sorted(java.util.Comparator.comparingLong((Story s) -> s.lastSeq).reversed()).limit(rules.capacity())
                    .map(StoryIndexTest::copy).toList(), applied);
        }
        assertEquals(once, reloaded);
        assertTrue(Set.copyOf(once.values()).size() > rules.capacity(), "stories left the index on the way");
    }

    private static final Stories STORIES = new Stories(new com.fasterxml.jackson.databind.ObjectMapper());

    /** A story through its stored form: the row and state Stories writes, read back as Stories reads them. */
    private static Story copy(Story s) {
        return STORIES.story(new Object[] { s.id, s.firstSeq, s.lastSeq, s.articles, at(s.first), at(s.last), s.central,
                STORIES.stateOf(s), s.summary });
    }

    private static java.time.OffsetDateTime at(Instant t) {
        return t == null ? null : t.atOffset(java.time.ZoneOffset.UTC);
    }
}
