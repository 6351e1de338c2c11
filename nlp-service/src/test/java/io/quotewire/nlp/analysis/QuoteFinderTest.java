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
}
