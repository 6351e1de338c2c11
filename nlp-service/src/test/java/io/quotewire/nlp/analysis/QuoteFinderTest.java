package io.quotewire.nlp.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The quoted words a text has, by its marks alone: no CoreNLP, no Quarkus. */
class QuoteFinderTest {

    private static List<String> quotes(String text) {
        return QuoteFinder.find(text).stream().map(QuoteFinder.Found::text).toList();
    }

    @Test
    void marksOfEveryKindAndMismatchedPairsOpenAndCloseQuotes() {
        assertEquals(List.of("We will act.", "Nous partirons"),
                quotes("He said: “We will act.\" Then: «Nous partirons» and left."));
        assertEquals(List.of("It is over.\nWe go home."),
                quotes("“It is over.\n\n“We go home.” She left."));
    }

    @Test
    void anInchMarkAfterANumberOpensNoQuote() {
        assertEquals(List.of(), quotes("Trump is 6'3\" tall and weighs 236 pounds, his doctor wrote."));
        assertEquals(List.of("It is too big"), quotes("The 12\" screen costs more. \"It is too big,\" she said."));
    }

    @Test
    void theValueOfAMarkupAttributeIsNoQuote() {
        assertEquals(List.of("We rate it Mostly True."),
                quotes("<tweet tweet-author=\"PolitiFact\" tweet-date=\"2016-09-26\"> \"We rate it Mostly True.\""));
    }

    @Test
    void aQuoteWithinAQuoteInDoubleMarksDoesNotEndIt() {
        assertEquals(List.of("I'd rather live in what he calls “hell” than live in a world where he is president."),
                quotes("“I'd rather live in what he calls “hell” than live in a world where he is president.” ― A. R."));
        assertEquals(List.of("It comes across as “too loud” or “too shrill.”"),
                quotes("She said: \"It comes across as “too loud” or “too shrill.”\" Then she left."));
        // the inner quote of a paragraph ends with it: the next paragraph's quote stands alone
        assertEquals(List.of("He shouted “Go!” at them.", "We went."),
                quotes("“He shouted “Go!” at them.” She nodded.\n\n“We went.”"));
    }

    @Test
    void aLeftMarkThatNothingClosesEndsTheQuote() {
        // typed for a right mark, after a space: the attribution after it is not quoted
        assertEquals(List.of("I made the decision because I felt we were not progressing", "We will improve."),
                quotes("“I made the decision because I felt we were not progressing, “said Stefanski.\n\n“We will improve.”"));
        assertEquals(List.of("Hot pursuit"), quotes("“Hot pursuit “empowers the navy to pursue pirates."));
        // read once however many such marks a paragraph has: each closes the quote the one before opened
        String marks = "“a b ".repeat(100_000);
        assertEquals(50_000, QuoteFinder.find(marks).size());
        // a quote within that closes later in the paragraph is still a quote within
        assertEquals(List.of("He calls it “hell” and means it."), quotes("“He calls it “hell” and means it.” She left."));
    }

    @Test
    void aTextThatQuotesInSingleMarksHasItsQuotes() {
        assertEquals(List.of("The man is an emotional wreck", "He will be sentenced next month."),
                quotes("'The man is an emotional wreck,' the judge said. 'He will be sentenced next month.'"));
        assertEquals(List.of("We are aware of the death of a British man", "did not stop"),
                quotes("‘We are aware of the death of a British man,’ a spokeswoman said. It’s the family’s wish that "
                        + "the driver, who ‘did not stop’, be found."));
        // apostrophes are no quotes: a decade, a contraction, rock 'n' roll
        assertEquals(List.of(), quotes("In the '80s rock 'n' roll was what it's always been, he said."));
        // in a text that quotes in double marks, single ones quote within a quote
        assertEquals(List.of("He told me, 'Get out of here now,' and left", "We went home."),
                quotes("“He told me, 'Get out of here now,' and left,” she said. “We went home.”"));
    }

    @Test
    void aStraightMarkAfterAWordBeforeASpaceOpensNoQuote() {
        // the text lost the mark that opened "[his] systems": its closing mark must not open a quote
        assertEquals(List.of("medical records"),
                quotes("Oz took Trump through a review of [his] systems\" including his health. The only \"medical records\" were a letter."));
    }
}
