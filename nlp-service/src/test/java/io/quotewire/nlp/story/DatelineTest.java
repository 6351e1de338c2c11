package io.quotewire.nlp.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The publication date a text states at its top, and only that: no broker, no Quarkus. */
class DatelineTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Title\\nJuly 13, 2009 12:49 PM EDT\\nThe President announced                      | 2009-07-13
            Title\\nPosted: Friday, March 8, 2013 2:39 pm\\nDoug McDermott scored            | 2013-03-08
            Title\\n12 January 2010 @ 09:29 pm\\nThe department                             | 2010-01-12
            Title\\nWEDNESDAY, JULY 29, 2009\\nSurgeon General                              | 2009-07-29
            Title\\nPublished on Friday, 27 September 2013\\nParliamentary elections         | 2013-09-27
            Title\\n2013 - 09 - 26\\nFor the first time                                     | 2013-09-26
            Title\\nMAY 3, 2013 AT 1:10PM\\nThe starlet                                     | 2013-05-03
            Title\\nPublished: Tuesday, Dec. 20 2005 12:00 a.m. MST\\nMob boss                | 2005-12-20
            Title\\nLast updated on: November 11, 2011 19:04 IST\\nThe Navy                     | 2011-11-11
            WASHINGTON, Jul 13, 2009 / 02:00 pm (CNA) President Barack Obama has announced that he is nominating a doctor | 2009-07-13
            Title\\nUpdated 4/11/2007 1:26 PM\\nA fired accountant                          | 2007-04-11
            Title\\nLast updated 13:26 14/09/2013\\nA climber                                | 2013-09-14
            Title\\nArticle posted on 08.07.2012\\nHeavyweight champion                     | 2012-07-08
            Title\\nPOSTED: 05/02/07, 9:00 PM PDT\\nA judge                                 | 2007-05-02
            http://www.foxnews.com/sports/2012/12/23/luck-throws-for-205-yards\\nLuck throws | 2012-12-23
            http://articles.latimes.com/2013/may/03/local/la-me-lohan-rehab\\nLohan checks   | 2013-05-03
            http://www.presstelegram.com/technology/20070503/judge-sentences-orozco\\nJudge  | 2007-05-03
            http://www.itv.com/news/westcountry/story/2013-07-21/wellington-fire/\\nFire     | 2013-07-21
            http://www.timesledger.com/stories/2013/38/srichhillhitrun_web_2013_09_14_q.html\\nMan | 2013-09-14
            http: / / www. timesledger. com / stories / 2013 / 38 / hitrun _ web _ 2013 _ 09 _ 14 _ q. html\\nMan | 2013-09-14
            http://www.rollingstone.com/movies/news/gary-ross-will-not-direct-hunger-games-sequel-20120411\\nGary | 2012-04-11
            http: / / www. rollingstone. com / movies / news / hunger - games - sequel - 20120411. html\\nGary | 2012-04-11
            ' date 2020-08-20 President Donald Trump has reaffirmed his plan'               | 2020-08-20
            date 2013-05-03\\nhttp://www.example.com/2012/12/23/other\\nThe starlet       | 2013-05-03
            """)
    void readsDatelines(String text, String date) {
        assertEquals(LocalDate.parse(date), Dateline.of(text.replace("\\n", "\n")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Page was born on April 22, 1923, in Nashville, Tenn.
            "On Tuesday, Oct. 10, 1972, Washington awoke to this startling news:"
            Reid checked herself in on Tuesday, December 9, 2008.
            March 3, 2019, the company said, was the day its founder resigned over the accounts and the inquiry began.
            Title\\nMar. 8 5:46 PM EST\\nDoug McDermott scored
            Title\\nThe meeting\\nthat\\nhad\\nfive\\nlines\\nJuly 13, 2009
            http://www.mlbtraderumors.com/2008/12/red-sox-make-1.html\\nThe Red Sox
            Title\\nUpdated 13/14/2013\\nNo such month
            http://www.example.com/article/20481299.html\\nAn id, not a date
            http://www.example.com/article/2013091412.html\\nAn id, not a date
            Title\\ndate 2020-08-20 is when the minister said it
            """)
    void ignoresDatesTheStoryTells(String text) {
        assertNull(Dateline.of(text.replace("\\n", "\n")), text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://www.mlbtraderumors.com/2008/12/red-sox-make-1.html\\nThe Red Sox            | 2008-12
            http: / / www. injurylawofnewyork. com / blog / 2013 / 09 / new - york - woman - killed\\nA woman | 2013-09
            Title\\nhttp://www.example.com/news/2013/sept/woman-killed\\nA woman            | 2013-09
            http://www.foxnews.com/sports/2012/12/23/luck-throws-for-205-yards\\nLuck throws |
            Title\\nPosted: Friday, March 8, 2013\\nhttp://www.example.com/2008/12/old-news |
            http://www.timesledger.com/stories/2013/38/srichhillhitrun.html\\nMan charged    |
            Title\\nSeptember 2013\\nA woman was killed                                  |
            Title\\nThe meeting\\nthat\\nhad\\nfive\\nhttp://www.example.com/2008/12/x    |
            """)
    void readsTheMonthOfALinkWithoutItsDay(String text, String month) {
        assertEquals(month == null ? null : YearMonth.parse(month), Dateline.monthOf(text.replace("\\n", "\n")), text);
    }

    @org.junit.jupiter.api.Test
    void aDatelineIsNoPartOfTheLede() {
        assertTrue(Dateline.isDateLine("Posted: Friday, March 8, 2013 2:39 pm"));
        assertTrue(Dateline.isDateLine("8:05am UK, Monday 16 September 2013"));
        assertFalse(Dateline.isDateLine("Washington D. C., Jul 13, 2009 / 02: 00 pm (CNA) President Obama"));
        assertFalse(Dateline.isDateLine("The meeting on July 13, 2009"));
    }
}
