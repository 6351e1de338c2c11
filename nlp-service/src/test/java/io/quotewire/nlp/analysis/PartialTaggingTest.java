package io.quotewire.nlp.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quotewire.nlp.Seeds;

/**
 * Parts of speech only for the sentences the attribution reads give the same analysis as parts of speech for
 * every sentence: on both seeds and on texts built to put cues, pronouns, colons and names where the tagger's
 * absence would show.
 */
class PartialTaggingTest {

    private static Analyzer partial;
    private static Analyzer full;

    @BeforeAll
    static void load() {
        partial = new Analyzer(Analyzer.DEFAULT_NER_MODEL, false);
        full = new Analyzer(Analyzer.DEFAULT_NER_MODEL, true);
    }

    @Test
    void theSeedsAreAnalysedAlike() {
        for (String seed : List.of(Seeds.FIRST, Seeds.SECOND)) {
            String text = Seeds.text(seed);
            Analysis a = partial.analyze(text);
            assertFalse(a.quotes().isEmpty());
            assertEquals(full.analyze(text), a, seed);
        }
    }

    @Test
    void textsThatLeanOnTheTagsAreAnalysedAlike() {
        List<String> texts = new ArrayList<>(List.of(
                // the speaker in the paragraph before, introduced by a colon
                "Prime Minister Ana Lind of Sweden spoke to reporters in Stockholm.\n\nLind told them:\n\n"
                        + "“We will not wait for anyone.”",
                // a pronoun resolved to a person named paragraphs earlier, far from any quote
                "Senator Ben Cardin of Maryland visited the US-Mexico border on Monday.\n\n"
                        + "The trip was his third this year, and it followed a long debate in Congress.\n\n"
                        + "Officials in Texas and the U.S. Border Patrol's chief met him there.\n\n"
                        + "“This is a crisis of our own making,” he said.",
                // possessives, hyphenated names and pronoun-like names (US, IT) outside quote paragraphs
                "The U.S.-led coalition's commander, Gen. Mark al-Rashid, met IT executives from Seoul.\n\n"
                        + "US officials and Germany's envoy, Hans-Peter Braun, said the talks were useful.\n\n"
                        + "The meeting lasted two hours.\n\n“It went well,” al-Rashid said.",
                // no quote at all: nothing is tagged
                "Amelia Stroud of Germany met Kwame Mensah of Kenya in Nairobi on Tuesday to discuss grain exports."));
        for (String text : texts) {
            assertEquals(full.analyze(text), partial.analyze(text), text);
        }
    }

    @Test
    void untaggedTokensGetATagOnlyWhereTheWordDecidesIt() {
        assertEquals("HYPH", CoreNlp.lexicalTag("-"));
        assertEquals("POS", CoreNlp.lexicalTag("’s"));
        assertEquals("PRP", CoreNlp.lexicalTag("He"));
        assertEquals("PRP", CoreNlp.lexicalTag("I"));
        assertEquals("", CoreNlp.lexicalTag("US"), "a name, not the pronoun");
        assertEquals("", CoreNlp.lexicalTag("IT"));
        assertEquals("", CoreNlp.lexicalTag("said"));
    }
}
