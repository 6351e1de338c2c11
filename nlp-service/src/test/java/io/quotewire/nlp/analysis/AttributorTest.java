package io.quotewire.nlp.analysis;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Who said each quote, one short passage per pattern of attribution: the analysis layer alone (CoreNLP and the
 * project's rules), no Quarkus and no broker. Each row: the passage, then for each quote in it the quoted words,
 * the entity it is attributed to (null: none) and the words next to the cue that name the speaker.
 */
class AttributorTest {

    private static Analyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = new Analyzer(Analyzer.DEFAULT_NER_MODEL, false);
    }

    record Expected(String quote, String speaker, String mention) {
    }

    private static Expected q(String quote, String speaker, String mention) {
        return new Expected(quote, speaker, mention);
    }

    @Test
    void theSpeakerOfEachPatternIsFound() {
        check("a name and its cue after the quote",
                "“We will act on Monday,” John Smith said.",
                q("We will act on Monday", "John Smith", "John Smith"));
        check("a name and its cue before, a colon",
                "John Smith said: “We will act on Monday.”",
                q("We will act on Monday.", "John Smith", "John Smith"));
        check("the cue first, the name after it with an apposition",
                "“We will act on Monday,” said John Smith, the mayor of Springfield.",
                q("We will act on Monday", "John Smith", "John Smith"));
        check("according to, after a title",
                "“The economy is growing faster than expected,” according to Finance Minister Tom Hart.",
                q("The economy is growing faster than expected", "Tom Hart", "Tom Hart"));
        check("a surname resolved to the full name given earlier",
                "Secretary of State Mike Pompeo met reporters.\n\nPompeo told them: “We will complete the mission.”",
                q("We will complete the mission.", "Mike Pompeo", "Pompeo"));
        check("told, with the listener named after the cue",
                "“We do not play the role of postman in Iraq,” Kadhimi told The Associated Press.",
                q("We do not play the role of postman in Iraq", "Kadhimi", "Kadhimi"));
        check("a pronoun resolved to the person of the paragraph before",
                "Mary Jones arrived late to the meeting in Boston.\n\n“I am sorry for the delay,” she said.",
                q("I am sorry for the delay", "Mary Jones", "she"));
        check("a pronoun resolved past a place and a title",
                "Senator Ben Cardin visited the border.\n\n“This is a crisis of our own making,” he said.",
                q("This is a crisis of our own making", "Ben Cardin", "he"));
        check("a pronoun resolved past a person who is the object of a preposition",
                "Asked Tuesday about Sullivan, Senator Dianne Feinstein said there was nothing to it.\n\n"
                        + "“I have never heard it before,” she said.",
                q("I have never heard it before", "Dianne Feinstein", "she"));
        check("a pronoun resolved past a person whose first name is of the other gender",
                "Hillary Clinton arrived in Des Moines on Monday. Her rival Bernie Sanders had left the state.\n\n"
                        + "“We will win Iowa,” she said.",
                q("We will win Iowa", "Hillary Clinton", "she"));
        check("a pronoun resolved past a man whose first name is also a particle of names (al-Assad)",
                "Amy Klobuchar spoke first at the rally. Her colleague Al Franken had left the stage.\n\n"
                        + "“We will win Minnesota,” she said.",
                q("We will win Minnesota", "Amy Klobuchar", "she"));
        check("a pronoun resolved past a person whose title elsewhere is of the other gender",
                "Ghazala Ahmed stood in the crowd. Khizr Omar spoke first, and Mr. Omar held up a copy of the "
                        + "Constitution.\n\n“I could not speak,” she said later.",
                q("I could not speak", "Ghazala Ahmed", "she"));
        check("a pronoun resolved through the same pronoun as the subject of the sentence before",
                "Mayor Martin Walsh had close ties to the vice president. But on Sunday he finally gave Hillary Clinton "
                        + "a ringing endorsement.\n\n“We need someone who is battle tested,” he said.",
                q("We need someone who is battle tested", "Martin Walsh", "he"));
        check("a pronoun whose subject before names no one: not the person named after it",
                "The actress had checked into a clinic in Malibu, her publicist confirmed. He did not say what Reid was "
                        + "being treated for.\n\n“We appreciate your respect for her privacy,” he said.",
                q("We appreciate your respect for her privacy", null, "he"));
        check("a slash within a title's quotation marks makes no photo credit of its sentence",
                "“A strike would be horrible,” said Ron Howard, the director whose latest film, “Frost/Nixon Revisited,” "
                        + "is a contender.\n\n“The timing could not be worse,” he said on Thursday.",
                q("A strike would be horrible", "Ron Howard", "Ron Howard"), q("The timing could not be worse", "Ron Howard", "he"));
        check("a time after the name that follows the cue is not part of the speaker",
                "Coach Tom Lawrence spoke to reporters after practice.\n\n“Anytime anybody is arrested for drunk driving, "
                        + "I get very disappointed,” said Lawrence yesterday.",
                q("Anytime anybody is arrested for drunk driving, I get very disappointed", "Tom Lawrence", "Lawrence"));
        check("a second quote in the paragraph continues the first's speaker",
                "Governor Ann Lee spoke in Albany on Friday.\n\n“We will rebuild the bridge,” Lee said. “It will take two years.”",
                q("We will rebuild the bridge", "Ann Lee", "Lee"), q("It will take two years.", "Ann Lee", "Lee"));
        check("a quote after the cue's sentence, with a cue other than said",
                "Police chief Carlos Ruiz said the suspect had fled. “We are searching the area now,” Ruiz added.",
                q("We are searching the area now", "Carlos Ruiz", "Ruiz"));
        check("a role noun before the name, a clause after it",
                "“We lost,” said coach Bill Towers, whose team fell 3-0 to Boston. “We will be back next season.”",
                q("We lost", "Bill Towers", "Bill Towers"), q("We will be back next season.", "Bill Towers", "Bill Towers"));
        check("a partial quote in reported speech",
                "Anna Berg, the director of the museum, said the paintings were “priceless and irreplaceable treasures.”",
                q("priceless and irreplaceable treasures.", "Anna Berg", "Anna Berg"));
        check("a paragraph of its own after a line that names the speaker and ends with a colon",
                "Governor John Kasich spoke to a radio show on Monday.\n\nStated Kasich:\n\n“I think the stakes are so high that they would do anything to remain in power.”",
                q("I think the stakes are so high that they would do anything to remain in power.", "John Kasich", "Kasich"));
        check("a paragraph of its own after the speaker's sentence with a cue",
                "Hillary Clinton, clearly frustrated, responded by pointing a finger, saying the campaign was lying.\n\n“I am so sick of the campaign lying about me.”",
                q("I am so sick of the campaign lying about me.", "Hillary Clinton", "Hillary Clinton"));
        check("a phrase without a name before the cue, the name in an apposition after it",
                "“We will not negotiate with them,” the mayor's spokesman, John Dole, said.",
                q("We will not negotiate with them", "John Dole", "John Dole"));
        check("a phrase naming a place before the cue, the person's name in an apposition after it",
                "The mayor of Chicago, Rahm Emanuel, told reporters: “We will not back down.”",
                q("We will not back down.", "Rahm Emanuel", "Rahm Emanuel"));
        check("a person's name inside an apposition is not its subject",
                "The Justice Department, led by Attorney General Loretta Lynch, said it would “review every case.”",
                q("review every case.", "Department of Justice", "Justice Department"));
        check("the person before a chain of appositions, not the place named in them",
                "Dean Johnson, a 55-year-old salesman from Sumter, South Carolina, says Cruz will “leave here with momentum.”",
                q("leave here with momentum.", "Dean Johnson", "Dean Johnson"));
        check("the person before an age and a home town",
                "Cory James, 22, of Flint, Mich., said he had not given up hope that Sanders could “pull off a surprise.”",
                q("pull off a surprise.", "Cory James", "Cory James"));
        check("the person before a title and an organisation with an apposition of its own",
                "Alixandria Lapp, executive director of the House Majority PAC, a Democratic super PAC, said Republicans "
                        + "“are going to be dragged down by the anger.”",
                q("are going to be dragged down by the anger.", "Alixandria Lapp", "Alixandria Lapp"));
        check("a name after the cue whose first word the tagger reads as a verb",
                "“We will win this state by ten points,” said Skip Rutherford, a longtime Clinton loyalist and dean of the "
                        + "Clinton School of Public Service, who has known the Clintons for decades. “The population here has changed.”",
                q("We will win this state by ten points", "Skip Rutherford", "Skip Rutherford"),
                q("The population here has changed.", "Skip Rutherford", "Skip Rutherford"));
        check("a pronoun resolved past a name that modifies a noun",
                "Clinton campaign chairman John Podesta dismissed the report.\n\n“It is a fabrication from start to "
                        + "finish,” he said in a statement.",
                q("It is a fabrication from start to finish", "John Podesta", "he"));
        // (what the signs called the mayor is left out: the signs and the tenants who wave them are both fair answers)
        check("a crowd's chant",
                "Waving signs that called the mayor a friend of the developers, the tenants chanted “Homes, not towers, for our city.”",
                q("Homes, not towers, for our city.", null, "the tenants"));
        check("a clause opened by a conjunction after a quote is not its attribution",
                "Sen. Jack Reed called Maria Lopez “a showboat,” and she called him “a coward who hides from voters.”",
                q("a showboat", "Jack Reed", "Jack Reed"), q("a coward who hides from voters.", "Maria Lopez", "she"));
        check("an unnamed speaker: the noun phrase, no entity",
                "“Nobody told us anything,” said a spokesman for the ministry.",
                q("Nobody told us anything", null, "a spokesman"));
        check("one member of a group, unnamed: the noun phrase, not the group",
                "“He has no chance in this state,” said a New Hampshire Republican. “Democrats will win,” Democrats said.",
                q("He has no chance in this state", null, "a New Hampshire Republican"),
                q("Democrats will win", "Democrats", "Democrats"));
        check("one member of a group after \"the\", unnamed; a group named by its adjective is the group",
                "“We will win this seat,” the Utah Republican said. “We will not back down,” the British said.",
                q("We will win this seat", null, "the Utah Republican"), q("We will not back down", "British", "British"));
        check("a role noun that opens a clause after a name gives that name no role",
                "In an interview with the hosts Joe Scarborough and Mika Brzezinski, the presidential candidate stated "
                        + "that the remarks did not “fit with what I thought I knew about him.”",
                q("fit with what I thought I knew about him.", null, "the presidential candidate"));
        check("an organisation not named: the noun phrase, no entity",
                "The company said in a statement: “Our products are safe.”",
                q("Our products are safe.", null, "The company"));
        check("the title of a work is not a quote",
                "The novel “War and Peace” was adapted for television.");
    }

    /** A time between the subject and its cue is never the speaker: the subject before it is. */
    @Test
    void aTimeBetweenTheSpeakerAndTheCueIsSkipped() {
        check("a day after a preposition, a bracket before it",
                "Sen. Ada Brook (D-Vt.) on Saturday criticized the accord, saying it goes “nowhere near far enough” to help.",
                q("nowhere near far enough", "Ada Brook", "Ada Brook"));
        check("a day and a part of it, after an adverb",
                "Governor Tom Reed later Thursday night told reporters: “We are not done with this fight yet.”",
                q("We are not done with this fight yet.", "Tom Reed", "Tom Reed"));
        check("a week, with an adverb between it and the cue",
                "The mayor's spokesman last week also wrote: “The budget will be balanced by spring.”",
                q("The budget will be balanced by spring.", null, "The mayor's spokesman"));
    }

    /** Speakers named by a noun phrase the rules once could not read, so no candidate was the speaker. */
    @Test
    void aSpeakerNamedByAPhraseWithoutANameIsACandidate() {
        check("an age standing for the person",
                "“He has always been an amazing leader,” said the 46-year-old.",
                q("He has always been an amazing leader", null, "the 46-year-old"));
        check("an adjective after the noun: the mention ends with the noun",
                "“It is a way to take part without supporting him,” says a source close to the campaign.",
                q("It is a way to take part without supporting him", null, "a source"));
        check("the same before the cue, a name after the preposition",
                "Mayor Ann Lee toured the harbour.\n\n“She will not run again,” a person close to Lee said.",
                q("She will not run again", null, "a person"));
        check("a participle in a hyphenated adjective",
                "“He needs to stop blaming everyone else,” the conservative-leaning newspaper wrote.",
                q("He needs to stop blaming everyone else", null, "the conservative-leaning newspaper"));
        check("a determiner standing for a person",
                "“Better watch out for the mayor,” tweeted another.",
                q("Better watch out for the mayor", null, "another"));
        check("a common noun and its cue later in the quote's sentence",
                "“We feel very good about our prospects” there and in the states that vote in March, the memo stated.",
                q("We feel very good about our prospects", null, "the memo"));
        String both = "“We will win this election,” Trump and Clinton both said.";
        assertTrue(analyzer.candidates(both).apply(null).get(0).options().stream()
                .noneMatch(o -> mention(both, o).endsWith("both")),
                "a word standing for a noun ends a speaker's phrase only alone or after a determiner");
    }

    /**
     * Cues the tagger misreads: a verb read as a noun after the phrase that speaks ("the memo states/NNS"), a past
     * tense read as a participle before a colon ("tweeted/VBN:", "Stated/VBN Stone:"). Before, no candidate was the
     * speaker.
     */
    @Test
    void aCueTheTaggerMisreadsStillNamesTheSpeaker() {
        check("a verb read as a noun after the phrase that speaks",
                "“The plan is sound and it will pass,” the memo states, citing two studies.",
                q("The plan is sound and it will pass", null, "the memo"));
        check("a past tense read as a participle before a colon",
                "Another person tweeted: “EPIC troll at the town hall in Hudson tonight.”",
                q("EPIC troll at the town hall in Hudson tonight.", null, "Another person"));
        check("a cue first in a line that ends with a colon, the speaker after it",
                "Roger Stone spoke on a radio program on Sunday.\n\nStated Stone:\n\n“I think the stakes are so high "
                        + "that they would do anything to remain in power.”",
                q("I think the stakes are so high that they would do anything to remain in power.", null, "Stone"));
        check("a quote paragraph signed on the next line with a title before the name",
                "Senator Harry Reid spoke on Tuesday.\n\n\"Great speech. She is tested. She is ready. She never quits.\"\n\n"
                        + "-President Barack Obama, tweeting after the speech.",
                q("Great speech. She is tested. She is ready. She never quits.", "Barack Obama", "Barack Obama"));
        String colon = "Donald Trump's lead in the polls has moved - John Smith: “Two weeks ago, the South was his "
                + "strongest territory.”";
        java.util.Map<String, List<String>> byMention = featuresByMention(colon, onlyQuote(colon));
        assertTrue(byMention.containsKey("John Smith") && byMention.get("John Smith").contains("rule:colon.name"),
                "the name right before the colon that opens the quote: " + byMention);
        assertTrue(byMention.containsKey("Donald Trump")
                && byMention.get("Donald Trump").stream().noneMatch(f -> f.startsWith("rule:colon")),
                "a name elsewhere in the sentence: " + byMention);
    }

    /**
     * A surname the tagger reads as a modal verb ("Will wrote", "Will called/VBN for") or the name recogniser as a
     * month ("May said"): a name, and the person of the text whose name ends with it.
     */
    @Test
    void aSurnameReadAsAModalOrAMonthIsThePersonOfThatName() {
        check("a surname read as a month",
                "Prime Minister Theresa May visited Paris on Monday.\n\n“We will leave the European Union in March,” May said.",
                q("We will leave the European Union in March", "Theresa May", "May"));
        check("a surname read as a modal, and the verb after it as a participle",
                "Columnist George Will criticised the candidates.\n\nInstead, Will called for Republicans to back "
                        + "“a real conservative in the primaries.”",
                q("a real conservative in the primaries.", "George Will", "Will"));
        check("a lower-case modal stays a modal",
                "Columnist George Will criticised the candidates.\n\n“The party will decide in March,” he said.",
                q("The party will decide in March", "George Will", "he"));
    }

    /** The place and agency of a dateline ("JACKSON, Miss. -", "WASHINGTON, Dec. 8 (UPI) —") are never speakers. */
    @Test
    void aDatelineNamesNoSpeaker() {
        check("the subject after a dateline",
                "JACKSON, Miss. - U.S. District Judge Carlton W. Reeves late Thursday issued an injunction, calling the "
                        + "bill “a violation of the equal protection clause.”",
                q("a violation of the equal protection clause.", "Carlton W. Reeves", "Carlton W. Reeves"));
        String agency = "WASHINGTON, Dec. 8 (UPI) — In response to the proposal, Hillary Clinton’s aide rallied "
                + "supporters, saying: “We have to be ready to stop him.”";
        List<SpeakerCandidates.Option> options = onlyQuote(agency).options();
        assertTrue(options.stream().map(o -> mention(agency, o)).noneMatch(m -> m.equals("UPI") || m.equals("WASHINGTON")),
                "the candidates: " + options);
    }

    /** "her comment that “...”": the possessive pronoun names who said it, resolved as "she" would be. */
    @Test
    void aPossessiveBeforeAWordForSomethingSaidIsACandidate() {
        String text = "Mary Jones spoke in Boston.\n\nThe union is angry after her March comment that "
                + "“we are going to put a lot of miners out of work.”";
        SpeakerCandidates quote = onlyQuote(text);
        List<SpeakerCandidates.Option> her = quote.options().stream().filter(o -> mention(text, o).equals("her")).toList();
        assertEquals(1, her.size(), "the candidates: " + quote.options());
        assertEquals("Mary Jones", her.get(0).name());
        assertTrue(her.get(0).features().contains("rule:nearby.possessive"), "her: " + her.get(0).features());
        String plain = "Mary Jones spoke in Boston.\n\nThe union is angry after her March visit to "
                + "“the most dangerous mine in the state.”";
        assertTrue(analyzer.candidates(plain).apply(null).get(0).options().stream()
                .noneMatch(o -> mention(plain, o).equals("her")),
                "a possessive before a word for something not said is no candidate");
    }

    /** A relative "who" before the cue is a candidate that names the person it refers to. */
    @Test
    void aRelativeWhoNamesThePersonItRefersTo() {
        String[][] cases = {
            { "a place after the name", "Governor Ann Lee spoke in Albany.\n\nThe report gave fodder to rivals such as "
                    + "Sen. Tom Hart of Ohio, who argued in the debate that Lee was “unfit to run the state budget.”", "Tom Hart" },
            { "an apposition between the name and who", "“We are gearing up,” said Scott Reed, the chamber's chief "
                    + "strategist, who added that it would focus on “races like the one for sheriff in the county.”", "Scott Reed" },
            { "a dash before who", "Governor Ann Lee spoke in Albany.\n\nSenator Tom Hart - who said he would "
                    + "“fight the tax with everything we have” - spoke on Monday.", "Tom Hart" },
            { "a title whose holder is named before", "President Enrique Nieto of Mexico met Mayor Ann Lee.\n\nLee endured "
                    + "a lecture from the president, who said that trade had been “good for both of our countries.”", "Enrique Nieto" },
        };
        for (String[] c : cases) {
            String text = c[1];
            List<SpeakerCandidates.Option> who = analyzer.candidates(text).apply(null).stream()
                    .flatMap(q -> q.options().stream()).filter(o -> mention(text, o).equals("who")).toList();
            assertFalse(who.isEmpty(), c[0] + ": no candidate \"who\"");
            assertEquals(c[2], who.get(0).name(), c[0]);
        }
    }

    /** Failure classes of the rules alone that the learned choice among candidates fixes. */
    @Test
    void theLearnedChoiceFixesWhatTheRulesMissed() {
        check("a first name the tagger reads as a verb breaks the noun phrase after the cue",
                "“There were a lot more voters in 2008,” said Skip Rutherford, a longtime loyalist.",
                q("There were a lot more voters in 2008", "Skip Rutherford", "Skip Rutherford"));
        check("an infinitive cue nearer the quote than the sentence's own cue",
                "Senator Mitch McConnell says Americans want a leader to counter threats, but instead Obama is "
                        + "giving them “lectures and distractions about their rights.”",
                q("lectures and distractions about their rights.", "Mitch McConnell", "Mitch McConnell"));
        check("a quote paragraph signed on the next line, as fact-checkers write",
                "We review claims made in the debate.\n\n“Almost all new income is going to the top 1 percent.”\n\n- Bernie Sanders.",
                q("Almost all new income is going to the top 1 percent.", "Bernie Sanders", "Bernie Sanders"));
        check("a participle cue after a name with an intensifier",
                "Ted Cruz himself said Tuesday that “the only way to win the state is to ask for support.”",
                q("the only way to win the state is to ask for support.", "Ted Cruz", "Ted Cruz"));
    }

    /**
     * The speaker model reads whether a candidate is the object of a preposition or a possessive, which is seldom
     * the speaker ("In a letter to Hart, Lee wrote", "in an interview with Univision's affiliate, Clinton said").
     */
    @Test
    void theModelReadsPrepositionsAndPossessivesBeforeTheCandidates() {
        String text = "Mayor Ann Lee met Governor Tom Hart in Albany.\n\nIn a letter to Hart, Lee wrote that "
                + "Boston’s bridge was “a danger to every driver in the county.”";
        SpeakerCandidates quote = onlyQuote(text);
        java.util.Map<String, List<String>> byMention = featuresByMention(text, quote);
        assertTrue(byMention.containsKey("Hart") && byMention.containsKey("Lee"), "the candidates: " + byMention.keySet());
        assertTrue(byMention.get("Hart").contains("mention:after-preposition:to"), "Hart: " + byMention.get("Hart"));
        assertTrue(byMention.get("Lee").stream().noneMatch(f -> f.startsWith("mention:after-preposition")), "Lee: " + byMention.get("Lee"));
        assertTrue(byMention.containsKey("Boston") && byMention.get("Boston").contains("mention:possessive"), "Boston: " + byMention.get("Boston"));
        assertEquals("Lee", mention(text, chosen(quote, AttributionModel.SHIPPED.speaker())));
    }

    /**
     * The speaker model reads the head of a phrase without a name: a word of time or a number as a class, else its
     * lemma, so that "14 percent" as a sentence's subject weighs as every number does and "a source" as itself.
     */
    @Test
    void theModelReadsTheHeadOfAPhraseWithoutAName() {
        String text = "Among the 900 voters polled, 14 percent said the plan was “a waste of public money.”";
        java.util.Map<String, List<String>> byMention = featuresByMention(text, onlyQuote(text));
        assertTrue(byMention.containsKey("14 percent") && byMention.get("14 percent").contains("phrase.head:number"),
                "the candidates: " + byMention);
        String sourced = "“The talks have failed,” a source close to the talks said.";
        byMention = featuresByMention(sourced, onlyQuote(sourced));
        assertTrue(byMention.containsKey("a source") && byMention.get("a source").contains("phrase.head:source"),
                "the candidates: " + byMention);
    }

    /**
     * A quote continuing another (same paragraph, no cue of its own) has among its candidates the speaker chosen
     * for that one: the rules' choice when the rules choose, the model's when a model does, so what the analysis
     * reports of a chain of quotes is one speaker, not the model's for the first and the rules' for the rest.
     */
    @Test
    void aContinuedQuoteInheritsTheSpeakerChosenForTheQuoteBefore() {
        String text = "Tom Hart met Mayor Ann Lee in Albany on Friday.\n\n"
                + "“We will rebuild the bridge,” Lee said to Hart. “It will take two years.”";
        // a model that prefers any candidate to the rules' own choice picks someone else for the first quote
        AttributionModel.Linear contrary = new AttributionModel.Linear(0, java.util.Map.of("rules.choice", -5.0));
        var read = analyzer.candidates(text);
        for (AttributionModel.Linear chooser : java.util.Arrays.asList(null, contrary)) {
            List<SpeakerCandidates> quotes = read.apply(chooser);
            assertEquals(2, quotes.size());
            SpeakerCandidates.Option first = chosen(quotes.get(0), chooser);
            List<SpeakerCandidates.Option> inherited = quotes.get(1).options().stream()
                    .filter(o -> o.features().contains("rule:continues.paragraph")).toList();
            assertEquals(1, inherited.size(), "the second quote's candidates " + quotes.get(1).options());
            assertEquals(mention(text, first),
                    mention(text, inherited.get(0)),
                    chooser == null ? "by the rules" : "by the model");
        }
        assertEquals("Lee", mention(text, chosen(read.apply(null).get(0), null)));
        SpeakerCandidates.Option other = chosen(read.apply(contrary).get(0), contrary);
        assertNotEquals("Lee", mention(text, other), "the contrary model's choice");
    }

    /** The words of the text that name a candidate. */
    private static String mention(String text, SpeakerCandidates.Option o) {
        return text.substring(o.mentionStart(), o.mentionEnd());
    }

    /** The candidate a model scores highest, or the rules' own choice without a model. */
    private static SpeakerCandidates.Option chosen(SpeakerCandidates quote, AttributionModel.Linear model) {
        SpeakerCandidates.Option best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (SpeakerCandidates.Option o : quote.options()) {
            double score = model != null ? model.score(o.features()) : o.features().contains("rules.choice") ? 1 : 0;
            if (score > bestScore) {
                best = o;
                bestScore = score;
            }
        }
        return best;
    }

    /** Quoted words that name something rather than report what someone said are not quotes. */
    @Test
    void namesOfThingsInQuotationMarksAreNotQuotes() {
        check("the title of a show before a role noun",
                "“Orange is the New Black” star Selenis Leyva opened up about Hollywood.");
        check("a title of one word that a noun for a work names, before or after it",
                "He stars in the film “Frost/Nixon,” which opens Friday. The “Twilight” author spoke on NBC’s “Today” "
                        + "show. “Yes,” he said.",
                q("Yes", null, "he"));
        check("a slogan introduced by a noun",
                "Yes, the “law and order” issue helped propel the Republicans to the White House.");
        // no one in a title speaks: the name in it is no candidate for the quote after it
        String show = "On “Face the Nation,” Sen. Bernie Sanders of Vermont, who lost the primaries to Clinton, "
                + "talked about young voters. “The younger people are sick and tired of discrimination and racism.”";
        List<SpeakerCandidates.Option> options = onlyQuote(show).options();
        assertTrue(options.stream().map(o -> mention(show, o)).noneMatch(m -> m.contains("Nation")),
                "the candidates: " + options.stream().map(o -> mention(show, o)).toList());
        check("a quote after a sentence that names a show", show,
                q("The younger people are sick and tired of discrimination and racism.", "Bernie Sanders", "who"));
        // a nickname within a person's name is part of the name, not a quote of the person
        check("a nickname in a name", "Former champion Hector “Macho” Camacho said: “I will fight again in March and win.”",
                q("I will fight again in March and win.", "Hector “Macho” Camacho", "Hector “Macho” Camacho"));
    }

    /** The passage's one quote, its candidates as the rules propose them. */
    private static SpeakerCandidates onlyQuote(String text) {
        List<SpeakerCandidates> quotes = analyzer.candidates(text).apply(null);
        assertEquals(1, quotes.size());
        return quotes.get(0);
    }

    /** What the speaker model reads of each candidate, by the candidate's words. */
    private static java.util.Map<String, List<String>> featuresByMention(String text, SpeakerCandidates quote) {
        java.util.Map<String, List<String>> byMention = new java.util.HashMap<>();
        quote.options().forEach(o -> byMention.put(mention(text, o), o.features()));
        return byMention;
    }

    private static void check(String pattern, String text, Expected... expected) {
        Analysis analysis = analyzer.analyze(text);
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(List.of(expected).stream().map(Expected::quote).toList(),
                analysis.quotes().stream().map(Analysis.Quote::text).toList(), pattern + ": the quotes"));
        for (int i = 0; i < Math.min(expected.length, analysis.quotes().size()); i++) {
            Expected e = expected[i];
            Analysis.Quote quote = analysis.quotes().get(i);
            Function<Analysis.Speaker, String> name = Analysis.Speaker::name;
            if (e.speaker() == null) {
                checks.add(() -> assertNull(quote.speaker() == null ? null : name.apply(quote.speaker()),
                        pattern + ": no entity for " + e.quote()));
            } else {
                checks.add(() -> assertEquals(e.speaker(), quote.speaker() == null ? null : name.apply(quote.speaker()),
                        pattern + ": the speaker of " + e.quote()));
            }
            checks.add(() -> assertEquals(e.mention(), quote.speaker() == null ? null : quote.speaker().mention().text(),
                    pattern + ": the speaker's words in the text for " + e.quote()));
        }
        assertAll(pattern, checks);
    }
}
