package io.quotewire.nlp.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quotewire.contract.Fixtures;
import io.quotewire.nlp.analysis.Analysis;

/** The start of an article's news: what its story embedding reads, and its summary line. No broker, no Quarkus. */
class LedeTest {

    @Test
    void theEmbeddingReadsTheTitleAndTheFirstWordsOfNews() {
        assertEquals("Obama names a surgeon general.\nThe President announced his",
                Lede.of("Obama names a surgeon general", """
                        http://www.whitehouse.gov/blog/Regina-Benjamin
                        July 13, 2009 12:49 PM EDT

                        The President announced his nominee for Surgeon General.""").words(4));
    }

    @Test
    void theSummaryIsTheFirstSentenceOfNews() {
        String sample = Fixtures.sampleText(Fixtures.SAMPLES.get(0));
        assertEquals("President Donald Trump has reaffirmed his plan to withdraw all US troops from Iraq as quickly as "
                + "possible as he met with the prime minister of Iraq to discuss ways to rein in pro-Iran militias in the "
                + "country and counter residual threats from Daesh sleeper cells.", Lede.of(null, sample).summary());
        // a quote that opens the article ends where its attribution does
        assertEquals("“We are both in the same trench of fighting ISIS and we are still in the same trench and we will "
                + "work together to defeat the terrorist elements,” he said.",
                Lede.of(null, Fixtures.sampleText(Fixtures.SAMPLES.get(1))).summary());
    }

    @Test
    void theSummarySkipsTheTitleLinksAndDatelinesAndKeepsAbbreviationsWhole() {
        String text = """
                http://www.example.com/2009/07/13/surgeon-general
                Obama names a surgeon general
                Posted: July 13, 2009 12:49 PM EDT
                U.S. President Barack Obama on Monday named Dr. Regina Benjamin, a rural physician from Alabama, as his \
                nominee for Surgeon General. She would succeed Gen. Richard Carmona.""";
        assertEquals("U.S. President Barack Obama on Monday named Dr. Regina Benjamin, a rural physician from Alabama, "
                + "as his nominee for Surgeon General.", Lede.of("Obama names a surgeon general", text).summary());
        // without the title, the headline line is the news's first line
        assertEquals("Obama names a surgeon general", Lede.of(null, text).summary());
        assertNull(Lede.of(null, "http://www.example.com/only-a-link\n\n2013-09-26").summary());
        // the date a record another Kafka client wrote may open with, as the sample files do
        assertEquals("President Donald Trump has met the prime minister.",
                Lede.of(null, " date 2020-08-20 President Donald Trump has met the prime minister. He said so.").summary());
    }

    @Test
    void aLongFirstSentenceIsCutAtAWord() {
        String summary = Lede.of(null, "word ".repeat(200).strip() + ". Next sentence.").summary();
        assertTrue(summary.length() <= Lede.MAX_SUMMARY, summary);
        assertTrue(summary.endsWith("word…"), summary);
    }

    @Test
    void theLedeNamesWhoTheNewsIsAboutNotWhoElseTheArticleMentions() {
        String text = """
                http://www.example.com/2009/07/13/surgeon-general
                U.S. President Barack Obama on Monday named Dr. Regina Benjamin, a rural physician from Alabama, as his \
                nominee for Surgeon General.

                She would succeed Richard Carmona, who left the post in 2006 after four years, and the Senate is \
                expected to confirm her before the recess.""";
        List<Analysis.Entity> entities = List.of(
                entity("e-obama", "Barack Obama", "Obama"), // named in the title only by a form it is mentioned by
                entity("e-benjamin", "Regina Benjamin", "Regina Benjamin"),
                entity("e-carmona", "Richard Carmona", "Richard Carmona"), // past the first 16 words
                entity("e-ala", "Ala", "Ala")); // inside "Alabama": not a whole word
        assertEquals(Set.of("e-obama", "e-benjamin"),
                Lede.of("Obama names a surgeon general", text).named(entities, 16));
        assertEquals(Set.of("e-benjamin"), Lede.of(null, text).named(entities.subList(1, 4), 16));
    }

    private static Analysis.Entity entity(String id, String name, String mention) {
        return new Analysis.Entity(id, name, "PERSON", List.of(), 0.1, List.of(new Analysis.Span(0, mention.length(), mention)));
    }
}
