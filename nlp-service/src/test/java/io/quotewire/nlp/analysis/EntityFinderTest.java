package io.quotewire.nlp.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Names and their types, one short passage per rule that corrects CoreNLP: the analysis layer alone, no Quarkus
 * and no broker. Each check names entities of the passage and the one type each has in it.
 */
class EntityFinderTest {

    private static Analyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = new Analyzer(Analyzer.DEFAULT_NER_MODEL, false);
    }

    @Test
    void aNameEndingInAnOrganisationsHeadNounIsAnOrganisation() {
        check("Kenneth Daniels Pharmaceuticals said on Monday that sales rose.",
                Map.of("Kenneth Daniels Pharmaceuticals", "ORGANIZATION"));
        check("Bangladesh Lamps said it would raise prices.", Map.of("Bangladesh Lamps", "ORGANIZATION"));
    }

    @Test
    void aPersonsTitleThatCoreNlpReadsIntoAnotherNameLeavesThePerson() {
        // CoreNLP reads each whole run as an organisation or a place
        onlyThese("Anyone with information is asked to call Dayton Police Sergeant Shayne La Croix at the station.",
                Map.of("Dayton Police", "ORGANIZATION", "Shayne La Croix", "PERSON"));
        onlyThese("Brooklyn Supreme Court Judge Vincent Del Giudice sealed the courtroom.",
                Map.of("Brooklyn Supreme Court", "ORGANIZATION", "Vincent Del Giudice", "PERSON"));
        onlyThese("Brooklyn Councilman Jumaane Williams said in a statement that the police must answer.",
                Map.of("Jumaane Williams", "PERSON"));
        onlyThese("The three scholars -- Mr. Tribe, Ms. Epstein and Mr. Amar -- wrote the letter.",
                Map.of("Tribe", "PERSON", "Epstein", "PERSON", "Amar", "PERSON"));
        // a run CoreNLP reads right after a title: the person, then what "of" names
        onlyThese("“It is a bad deal for the river,” Mr. Morgan of the Sierra Club said.",
                Map.of("Morgan", "PERSON", "Sierra Club", "ORGANIZATION"));
        onlyThese("Former Gov. Jeb Bush of Florida said on Tuesday that he would not run.",
                Map.of("Jeb Bush", "PERSON", "Florida", "LOCATION"));
        // a ship's prefix in capitals is no title
        check("The German cruise liner MS Columbus said it would fly its passengers home.",
                Map.of("MS Columbus", "ORGANIZATION"));
    }

    @Test
    void anAgencyWhoseNameHoldsAndIsOneOrganisationAndAnEventNone() {
        onlyThese("Agencies need not check with scientists at the Fish and Wildlife Service or the National Marine "
                + "Fisheries Service, Kempthorne said.", Map.of("US Fish and Wildlife Service", "ORGANIZATION",
                        "National Marine Fisheries Service", "ORGANIZATION", "Kempthorne", "PERSON"));
        onlyThese("Asked who would win the Super Bowl, the Carolina Panthers or the Denver Broncos, the candidates hedged.",
                Map.of("Carolina Panthers", "ORGANIZATION", "Denver Broncos", "ORGANIZATION"));
    }

    @Test
    void theSurnameAfterATitleIsThePersonNamedInFull() {
        // CoreNLP reads neither "Ms Page": each is Bettie Page
        List<Analysis.Entity> entities = analyzer.analyze("""
                Bettie Page, the model, died on Thursday in Los Angeles.

                Ms Page became famous in the 1950s. Ms Page later left New York.""").entities();
        Analysis.Entity page = entities.stream().filter(e -> e.name().equals("Bettie Page")).findFirst().orElseThrow();
        assertEquals("PERSON", page.type());
        assertEquals(3, page.mentions().size(), page.mentions().toString());
    }

    @Test
    void anOrganisationsShortFormIsThatOrganisation() {
        // one entity, named in full, with the short form as another of its names (CoreNLP reads it as a person)
        shortForm("""
                Douglas & Lomason said it had agreed to be acquired by Magna International Inc for $ 31 a share.

                Magna said the deal would close in October. Magna makes car seats and mirrors.""",
                "Magna International Inc", "Magna");
        shortForm("""
                Rotor Volgograd beat Spartak Moscow 2-1 on Sunday.

                Rotor took the lead after ten minutes. Rotor now lead the table by three points.""",
                "Rotor Volgograd", "Rotor");
    }

    @Test
    void theTeamsOfResultsAndLeagueTablesAreOrganisationsAndNationalTeamsPlaces() {
        String results = """
                SOCCER - ENGLISH LEAGUE RESULTS .

                Results of English league matches on Saturday :

                Reading 2 Stoke 2
                Torino 1 Norwich City 3
                Queen's Park 1 Forfar 4

                Standings ( played , won , drawn , lost , goals for , against , points ) :
                Stoke 4 3 1 0 7 4 10
                Currie 4 2 1 1 6 5 7

                Ethiopia 1 Uganda 1
                Billy Mayfair 66 71 70 70 277""";
        check(results, Map.of("Stoke", "ORGANIZATION", "Torino", "ORGANIZATION", "Norwich City", "ORGANIZATION",
                "Reading", "ORGANIZATION", "Queen's Park", "ORGANIZATION", "Forfar", "ORGANIZATION",
                "Currie", "ORGANIZATION", "Ethiopia", "LOCATION", "Uganda", "LOCATION", "Billy Mayfair", "PERSON"));
    }

    @Test
    void theEntrantsOfAResultsListWithTheirCountriesArePeople() {
        // CoreNLP reads some uncommon names of such lists as organisations, or names part of them, or none
        String results = """
                ATHLETICS - RESULTS IN BRUSSELS .

                Men 's mile
                1. Noureddine Morceli ( Algeria ) 3 minutes 49.09 seconds
                2. Venuste Niyongabo ( Burundi ) 3:51.01
                3. William Tanui ( Kenya ) 3:51.40
                4. El Hassane Lahssini ( Morocco ) 3:53.42
                5. Marko Koers ( Netherlands ) 3:53.47
                6. Fita Bayissa ( Ethiopia ) 3:53.85
                7. John Mayock ( Britain ) 3:54.67
                8. Marcus O'Sullivan ( Ireland ) 3:54.87

                Men 's singles
                Guy Forget ( France ) beat Felix Mantilla ( Spain ) 6-4 7-5 6-3""";
        checkExactly(results, Map.of("Venuste Niyongabo", "PERSON", "El Hassane Lahssini", "PERSON",
                "Fita Bayissa", "PERSON", "Guy Forget", "PERSON", "Noureddine Morceli", "PERSON", "Burundi", "LOCATION"),
                "Hassane Lahssini");
        // a list of clubs keeps its organisations
        check("""
                Final standings :
                1. Juventus ( Italy ) 12 points
                2. Ajax Amsterdam ( Netherlands ) 9
                3. Borussia Dortmund ( Germany ) 7""",
                Map.of("Juventus", "ORGANIZATION", "Ajax Amsterdam", "ORGANIZATION", "Borussia Dortmund", "ORGANIZATION"));
    }

    @Test
    void theTeamAfterARankedEntrantsCountryIsAnOrganisation() {
        String grid = """
                MOTOR RACING - PRACTICE TIMES AT THE SPEEDWAY .

                Fastest laps in Friday 's practice :
                1. Jimmy Vasser ( U.S. ) , Reynard Honda , 1:02.117
                2. Paul Tracy ( Canada ) , Penske Mercedes-Benz , 1:02.340
                3. Michael Andretti ( U.S. ) , Lola Ford Cosworth , 1:02.398
                4. Alex Zanardi ( Italy ) , Reynard Honda , 1:02.411
                5. Bobby Rahal ( U.S. ) , Reynard Mercedes-Benz , 1:02.590""";
        check(grid, Map.of("Reynard Honda", "ORGANIZATION", "Penske Mercedes-Benz", "ORGANIZATION",
                "Lola Ford Cosworth", "ORGANIZATION", "Alex Zanardi", "PERSON", "Paul Tracy", "PERSON"));
        // a list of names wrapped over lines, with no rank: the name after a country is another player
        check("""
                GOLF - SCORES AFTER THE SECOND ROUND .

                Scores after the second round on Friday :
                138 Ian Pyman , Paul Lawrie , Stephen Field ( Britain ) ,
                Des Smyth ( Ireland ) , David Carter , Lee Westwood , Greg Turner ( New Zealand )""",
                Map.of("David Carter", "PERSON", "Des Smyth", "PERSON"));
    }

    @Test
    void thePlayersOfALineUpArePeople() {
        check("""
                Teams :
                France - 16 - Fabien Barthez ; 3 - Bixente Lizarazu , 5 - Laurent Blanc , 8 - Marcel Desailly , 6 - Reynald Pedros ( 10 - Youri Djorkaeff 70th )
                Mexico - 1 - Jorge Campos ; 2 - Claudio Suarez , 4 - German Villa ( 11 - Luis Hernandez 60th ) , 13 - Pavel Pardo , 8 - Alberto Garcia Aspe""",
                Map.of("Reynald Pedros", "PERSON", "German Villa", "PERSON", "Laurent Blanc", "PERSON", "Pavel Pardo", "PERSON"));
    }

    @Test
    void aNameWithASecondNameOrNicknameInItsMiddleIsOnePerson() {
        check("""
                Former champion Hector "Macho" Camacho will fight again in March.

                The historian Alan John Percivale (A.J.P.) Taylor wrote the book, his publisher said.""",
                Map.of("Hector \"Macho\" Camacho", "PERSON", "Alan John Percivale (A.J.P.) Taylor", "PERSON"));
        checkExactly("Nolan Ryan said ( Tom ) Seaver was the best pitcher of his time .",
                Map.of("( Tom ) Seaver", "PERSON"), "Tom ) Seaver");
        // a player's club in brackets between two players is the club
        check("Switzerland squad : Pascal Zuberbuehler , Murat Yakin ( Fenerbahce ) Raphael Wicky , Ramon Vega ( Cagliari ) Ciriaco Sforza",
                Map.of("Ramon Vega", "PERSON", "Raphael Wicky", "PERSON", "Cagliari", "ORGANIZATION", "Ciriaco Sforza", "PERSON"));
    }

    @Test
    void aNameAfterANounForAPlaceAndARoadByItsNumberArePlaces() {
        checkExactly("""
                Police in the Belgian town of Chatelet said on Monday that a stolen car had rammed the shop window.

                Trucks with billboards drove along Interstate 95 and Interstate 5 on Friday.""",
                Map.of("Chatelet", "LOCATION", "Interstate 95", "LOCATION", "Interstate 5", "LOCATION"), "Interstate");
        // a well-known place by another of its names
        check("Mideast peace talks resumed in Cairo.", Map.of("Middle East", "LOCATION"));
    }

    @Test
    void aMonthThatIsAFirstNameBeforeAPersonsNameIsPartOfIt() {
        checkExactly("April Ryan asked the question, and May Wong answered it.",
                Map.of("April Ryan", "PERSON", "May Wong", "PERSON"), "Ryan");
        // after a word that makes it a date, the month is the date
        checkExactly("In May Smith said he would run.", Map.of("Smith", "PERSON"), "May Smith");
    }

    @Test
    void aHeadlineInTitleCaseNamesOnlyWhatTheArticleNames() {
        // CoreNLP reads the capitalised verbs and nouns of such a headline as names
        onlyThese("""
                Ferry Operators Warn of Strike as Harbour Talks Collapse Over Pay, Kate Morgan Says.

                Kate Morgan, who leads the ferry operators' union, said on Tuesday that talks with the harbour board \
                over pay had collapsed. Morgan said the operators would strike next week unless the board returned to \
                the table. The Solent Harbour Board declined to comment.""",
                Map.of("Kate Morgan", "PERSON", "Solent Harbour Board", "ORGANIZATION"));
        // a full name there of someone the article calls by surname
        onlyThese("""
                Maria Delgado Wins Vote to Lead City Council After Long Count.

                The city council chose Delgado as its leader on Monday after a recount. Delgado thanked voters and \
                promised to work with the mayor.""", Map.of("Maria Delgado", "PERSON"));
        // a line of names, with no small word or word the article writes in lower case, is no headline
        onlyThese("Angela Merkel met Emmanuel Macron in Paris.",
                Map.of("Angela Merkel", "PERSON", "Emmanuel Macron", "PERSON", "Paris", "LOCATION"));
    }

    @Test
    void aNameTheArticleCallsMrIsAPersonsThroughout() {
        // CoreNLP reads this surname as a place in most of its mentions
        check("The Trump movement grew. Critics of the Trump campaign said Trump’s audience was angry. "
                + "“I have met Mr. Trump,” she said. Trump’s resorts lost money.", Map.of("Trump", "PERSON"));
    }

    @Test
    void socialNetworksAreOrganisations() {
        // which CoreNLP reads as places and people, or misses
        check("Sarah Levin said on Twitter that the vote was rigged, and the clip spread on Facebook and Instagram. "
                + "Lawmakers on Capitol Hill were unmoved.", Map.of("Twitter", "ORGANIZATION", "Facebook", "ORGANIZATION",
                        "Instagram", "ORGANIZATION", "Capitol Hill", "LOCATION"));
    }

    @Test
    void wellKnownNamesOfNoEntityAreNone() {
        // CoreNLP reads the law as a person and the disease as a place
        onlyThese("Senator Ruth Alvarez said Obamacare had failed Hispanic families, and that the Zika outbreak in "
                + "Florida proved it.", Map.of("Ruth Alvarez", "PERSON", "Hispanics", "NORP", "Florida", "LOCATION"));
    }

    @Test
    void aCourtCaseIsNoEntity() {
        // CoreNLP reads each case as one person or organisation
        onlyThese("Justice Ruth Bader Ginsburg said Roe v. Wade stands, and the court heard Brown v. Board of Education "
                + "again.", Map.of("Ruth Bader Ginsburg", "PERSON"));
    }

    @Test
    void aRegnalNumberIsPartOfAPersonsName() {
        checkExactly("""
                1533 - Queen Elizabeth I born . Daughter of Henry VIII and his second wife .

                1822 - Brazil proclaimed independence from Portugal and Pedro I became first Emperor of Brazil .

                The friend Mark Smith I met in Lisbon stayed .""",
                Map.of("Elizabeth I", "PERSON", "Pedro I", "PERSON", "Henry VIII", "PERSON", "Mark Smith", "PERSON"),
                "Pedro");
    }

    @Test
    void aLineOfThousandsOfCapitalisedWordsIsNoResultAndDoesNotExhaustTheStack() {
        // the results patterns once recursed per word of such a line and overflowed the thread's stack
        String line = "Smith Jones Brown Taylor ".repeat(1_000) + "1 Forfar 2";
        check("Results :\n\n" + line + "\nReading 2 Stoke 2", Map.of("Stoke", "ORGANIZATION", "Reading", "ORGANIZATION"));
    }

    @Test
    void wellKnownBodiesKnownByTheirInitialsAreOrganisations() {
        // CoreNLP names neither: the gazetteer gives type and full name
        check("Britain's Naseem Hamed retained his WBO featherweight title on Saturday.",
                Map.of("World Boxing Organization", "ORGANIZATION"));
        check("The Swiss diplomat who heads the OSCE mission in Chechnya said talks would go on.",
                Map.of("Organization for Security and Co-operation in Europe", "ORGANIZATION"));
    }

    @Test
    void aNameKeepsOneTypeInAnArticle() {
        // CoreNLP reads the surname alone as a place ("Washington", "Jordan"): the person's full name decides
        personOnly("""
                Wimbledon finalist MaliVai Washington and Marcelo Rios were not so fortunate on a night of upsets at the U.S. Open .

                The 11th-seeded Washington fell short of reprising his Wimbledon comeback as he lost in straight sets .""",
                "MaliVai Washington");
        personOnly("""
                Director Neil Jordan said his film about Michael Collins would open in Dublin next month .

                Jordan defends his decision to make the film , whose screenplay he wrote himself .""",
                "Neil Jordan");
        // the same where a longer place or organisation begins with the surname, if the surname alone says something
        mentions("""
                Republican candidate Donald Trump will give a speech at the Trump SoHo New York Hotel on Wednesday.

                Trump has already foreshadowed the rhetoric. Trump said the speech would be long.""",
                "Donald Trump", "PERSON", 3);
        // a name typed one way in most sentences and another in one takes the type of most
        check("""
                Suu Kyi said the authorities were misusing the law to crush the democracy movement .

                " We will not give up , " Suu Kyi told reporters at her Rangoon home .

                Suu Kyi said at least 61 democracy supporters had been arrested since May .""",
                Map.of("Suu Kyi", "PERSON"));
    }

    @Test
    void namesJoinedByOrOrByAndWhenOneIsNamedAloneAreTwoNames() {
        checkExactly("Analysts said the bank would have to come in and grab Mercantile or Commerce , which are both for sale .",
                Map.of("Mercantile", "ORGANIZATION", "Commerce", "ORGANIZATION"), "Mercantile or Commerce");
        checkExactly("""
                Baratelli , who played for Nice and Paris St Germain , takes over from Albert Emon .

                Nice finished 18th last season .""",
                Map.of("Nice", "ORGANIZATION", "Paris St Germain", "ORGANIZATION"), "Nice and Paris St Germain");
        checkExactly("Procter and Gamble said on Tuesday that its sales rose 5 percent in the quarter .",
                Map.of("Procter and Gamble", "ORGANIZATION"), "Procter");
        // "Securities" is named elsewhere only inside another name
        checkExactly("The Securities and Exchange Commission approved the rules on Wednesday. The National Association of "
                + "Securities Dealers agreed to them.", Map.of("Securities and Exchange Commission", "ORGANIZATION"),
                "Exchange Commission");
    }

    @Test
    void aMonthBeforeAnOrganisationIsNotPartOfItsName() {
        checkExactly("Bonds fell after a stronger than expected rise in the August National Association of Purchasing "
                + "Management index .", Map.of("National Association of Purchasing Management", "ORGANIZATION"),
                "August National Association of Purchasing Management");
    }

    @Test
    void aNameInAHeadlineInCapitalsIsTheNameTheArticleGivesElsewhere() {
        String text = """
                SOCCER - BARATELLI TO COACH NICE .

                Former international goalkeeper Jean-Luc Baratelli will coach French first division side Nice , the club said on Friday .

                Nice finished 18th in the league last season .""";
        List<Analysis.Entity> entities = analyzer.analyze(text).entities();
        Analysis.Entity nice = entities.stream().filter(e -> e.name().equals("Nice")).findFirst().orElseThrow();
        assertEquals("ORGANIZATION", nice.type());
        assertEquals(3, nice.mentions().size(), nice.mentions().toString());
        assertTrue(entities.stream().noneMatch(e -> e.name().equalsIgnoreCase("Nice") && e != nice), entities.toString());
    }

    @Test
    void aNameRepeatedWhereTheRecogniserMissesItIsStillThatName() {
        // CoreNLP reads the surname alone as no name in the second and third sentences
        mentions("""
                Dr. Mehmet Oz hosted the candidate on Thursday. Oz took Trump through a review of his health. Oz is hardly \
                an impartial figure, critics said.""", "Mehmet Oz", "PERSON", 3);
        mentions("""
                Jesper Parnevik shot a seven-under 63 on Saturday to take a one-stroke lead. Parnevik tied the course \
                record with a birdie at the last.""", "Jesper Parnevik", "PERSON", 2);
        // a word the article also writes in lower case opens a question, and a compound holds a name: neither is one
        mentions("George Will wrote on Sunday that the deal will fail. Will the president listen?", "George Will", "PERSON", 1);
        mentions("Chen Holdings, a Hong Kong-listed company, said it would buy the port. Shares in Hong Kong rose.",
                "Hong Kong", "LOCATION", 1);
    }

    @Test
    void theDatelinesPlaceIsAPlaceAndTheBylineAPerson() {
        // CoreNLP reads both places in capitals as organisations
        check("""
                SOCCER - WALES BEAT MOLDOVA IN WORLD CUP QUALIFIER .
                CARDIFF 1996-10-05
                Wales beat Moldova 6-0 in a World Cup qualifier on Saturday .""", Map.of("CARDIFF", "LOCATION"));
        check("GRONINGEN, Netherlands (Reuters) - Dutch police said on Friday they had found the girl on a campsite.",
                Map.of("GRONINGEN", "LOCATION"));
        // the byline before it is a person, which CoreNLP reads as an organisation
        check("""
                Factory orders rise in July .
                Glenn Somerville
                WASHINGTON 1996-08-30
                Factory orders rose in July and manufacturing grew , the government said on Friday .""",
                Map.of("Glenn Somerville", "PERSON", "WASHINGTON", "LOCATION"));
        // a headline's topic or a wire's code before a dash is no place, and a well-known organisation's seat stays
        // the organisation
        checkExactly("""
                PRESS DIGEST - Kenyan newspapers - May 5 .
                NAIROBI 1997-05-05
                These are the leading stories in the Kenyan press on Monday .""", Map.of("NAIROBI", "LOCATION"), "PRESS DIGEST");
        check("""
                RTRS - Budget cuts to boost Australian exports .
                CANBERRA 1996-08-20
                The government said on Tuesday that budget cuts would boost exports .""",
                Map.of("RTRS", "ORGANIZATION", "CANBERRA", "LOCATION"));
        check("""
                UNITED NATIONS 1997-03-04
                Security Council members voiced concern on Tuesday about the fighting .""",
                Map.of("UNITED NATIONS", "ORGANIZATION"));
    }

    @Test
    void anOpeningBracketIsNotPartOfANameANumberIs() {
        checkExactly("Hezbollah (Party of God) gunmen have fought Israeli troops for years.",
                Map.of("Party of God", "ORGANIZATION"), "(Party of God");
        checkExactly("1860 Munich beat Borussia Dortmund 3-1 on Saturday.", Map.of("1860 Munich", "ORGANIZATION"), "Munich");
    }

    @Test
    void initialsInBracketsAfterAnOrganisationAreThatOrganisation() {
        // CoreNLP reads "BSE" as MISC and "ONDH" as no name
        mentions("Shares in the bank fell sharply on the Budapest Stock Exchange (BSE) on Friday.",
                "Budapest Stock Exchange", "ORGANIZATION", 2);
        check("Newspapers quoted the Human Rights National Observatory (ONDH), a government-appointed watchdog, as "
                + "saying the toll had risen.", Map.of("ONDH", "ORGANIZATION"));
    }

    @Test
    void aNameRightAfterANounForATeamIsThatTeam() {
        // CoreNLP reads the team as people
        mentions("Spanish first division team Deportivo Coruna will be without their midfielder for Saturday's game.",
                "Deportivo Coruna", "ORGANIZATION", 1);
        // a plural noun names people as often
        check("Olympic champions Michael Johnson and Donovan Bailey will race in Berlin on Friday.",
                Map.of("Michael Johnson", "PERSON", "Donovan Bailey", "PERSON"));
    }

    @Test
    void aCountryIsAPlaceAndAWellKnownNameInsideALongerOneIsNotThatName() {
        // CoreNLP reads both countries as organisations
        check("The United States beat El Salvador 3-1 in an international soccer friendly on Friday.",
                Map.of("United States", "LOCATION", "El Salvador", "LOCATION"));
        check("An agreement to bring peace to the southern Philippines is set to be initialed on Friday.",
                Map.of("Philippines", "LOCATION"));
        mentions("Neil Jordan defended his film. \"It is a story of its time,\" Jordan said.", "Neil Jordan", "PERSON", 2);
        // a club named as its country stays the club
        mentions("French striker Thierry Henry scored twice as Monaco beat Cannes 2-0 on Saturday. Monaco lead the league.",
                "Monaco", "ORGANIZATION", 2);
        check("""
                French first division results on Friday:
                Cannes 0 Monaco 2
                Lens 3 Montpellier 2""", Map.of("Monaco", "ORGANIZATION", "Cannes", "ORGANIZATION"));
        // China is a name the gazetteer knows, here inside a bank's
        checkExactly("He sought money from other sources, including the Bank of China, after his bankruptcies.",
                Map.of("Bank of China", "ORGANIZATION"), "China");
        checkExactly("Olaf Ludwig won the fourth stage of the Tour of the Netherlands on Thursday, a time trial in Almere.",
                Map.of("Olaf Ludwig", "PERSON"), "Netherlands");
    }

    @Test
    void aNameThatSetsTheSceneIsThePlaceWhereTheArticleMostlyMeansItsTeam() {
        String text = "Montreal lost for the ninth time in 14 games. In Montreal, Scott Sanders allowed one hit over eight "
                + "innings as the Padres beat Montreal 6-0. Montreal had won the night before.";
        mentions(text, "Montreal", "ORGANIZATION", 3);
        List<Analysis.Entity> places = analyzer.analyze(text).entities().stream()
                .filter(e -> e.name().equals("Montreal") && e.type().equals("LOCATION")).toList();
        assertEquals(1, places.size(), places.toString());
        assertEquals(1, places.get(0).mentions().size());
    }

    @Test
    void anOrganisationNamedInThePossessiveKeepsItsS() {
        // "Lloyd's a reprieve": no possessive takes "a", so the "'s" is the name's, in every mention
        Analysis.Entity lloyds = analyzer.analyze("A U.S. appeals court gave Lloyd's a reprieve on Tuesday. Lloyd's plans to "
                + "reinsure its liabilities, and Lloyd's chairman David Rowland welcomed the ruling.").entities().stream()
                .filter(e -> e.type().equals("ORGANIZATION")).findFirst().orElseThrow();
        assertEquals(List.of("Lloyd's", "Lloyd's", "Lloyd's"), lloyds.mentions().stream().map(Analysis.Span::text).toList());
        // a possessive is not part of the name
        Analysis.Entity boeing = analyzer.analyze("Boeing's shares fell on Tuesday. Boeing's chief executive said the "
                + "company would recover.").entities().stream().filter(e -> e.name().equals("Boeing")).findFirst().orElseThrow();
        assertEquals(List.of("Boeing", "Boeing"), boeing.mentions().stream().map(Analysis.Span::text).toList());
    }

    @Test
    void aPlaceNamedInThePossessiveKeepsItsS() {
        // a cricket ground: "'s" then a clause's end, in every mention
        Analysis.Entity lords = analyzer.analyze("England play the second test at Lord's, London, in June. Practice at "
                + "Lord's begins on May 14.").entities().stream().filter(e -> e.mentions().get(0).text().startsWith("Lord"))
                .findFirst().orElseThrow();
        assertEquals("LOCATION", lords.type());
        assertEquals(List.of("Lord's", "Lord's"), lords.mentions().stream().map(Analysis.Span::text).toList());
    }

    @Test
    void aHyphenatedPlaceJoinedByASmallWordIsOnePlace() {
        check("Glamorgan beat Durham at Chester-le-Street on Saturday, and the festival at Stratford-upon-Avon opened.",
                Map.of("Chester-le-Street", "LOCATION", "Stratford-upon-Avon", "LOCATION"));
        // a hyphen before a lower-case word that joins no further name still ends the name
        check("Moscow-based Lukoil said on Monday that output rose.", Map.of("Moscow", "LOCATION"));
    }

    @Test
    void aNameJoinedByAnArabicPersianOrUrduLinkingWordIsOneName() {
        // CoreNLP names the parts ("Jamaat", "Islami"), or, where it keeps "e-Taiba" as one token, nothing
        checkExactly("Five members of the religious Jamaat-i-Islami party drowned near Mazar-i-Sharif, and police "
                + "blamed Lashkar-e-Taiba and Hizb-ut-Tahrir.", Map.of("Jamaat-e-Islami", "ORGANIZATION",
                        "Mazar-i-Sharif", "LOCATION", "Lashkar-e-Taiba", "ORGANIZATION", "Hizb ut-Tahrir", "ORGANIZATION"),
                "Jamaat");
        // a holiday so written is no entity
        checkExactly("Markets in Karachi closed for Eid-al-Adha on Monday.", Map.of("Karachi", "LOCATION"), "Eid");
    }

    /** The entity of this name has this type and this many mentions. */
    private static void mentions(String text, String name, String type, int mentions) {
        List<Analysis.Entity> entities = analyzer.analyze(text).entities();
        Analysis.Entity entity = entities.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
        assertEquals(type, entity.type());
        assertEquals(mentions, entity.mentions().size(), entity.mentions().toString());
    }

    /** As {@link #check}, and no entity has the name {@code absent}. */
    private static void checkExactly(String text, Map<String, String> expected, String absent) {
        check(text, expected);
        List<Analysis.Entity> entities = analyzer.analyze(text).entities();
        assertTrue(entities.stream().noneMatch(e -> e.name().equals(absent)), absent + " in " + entities);
    }

    /** The passage's entities are exactly these. */
    private static void onlyThese(String text, Map<String, String> expected) {
        check(text, expected);
        List<Analysis.Entity> entities = analyzer.analyze(text).entities();
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(entities.stream().map(Analysis.Entity::name).toList()),
                entities.toString());
    }

    /** The person's mentions include the surname alone, and the surname is no other entity of the passage. */
    private static void personOnly(String text, String name) {
        List<Analysis.Entity> entities = analyzer.analyze(text).entities();
        Analysis.Entity person = entities.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
        assertEquals("PERSON", person.type());
        assertEquals(2, person.mentions().size(), person.mentions().toString());
        String surname = name.substring(name.lastIndexOf(' ') + 1);
        assertTrue(entities.stream().noneMatch(e -> e.name().equals(surname)), entities.toString());
    }

    private static void shortForm(String text, String name, String shortForm) {
        List<Analysis.Entity> entities = analyzer.analyze(text).entities();
        Analysis.Entity full = entities.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
        assertEquals("ORGANIZATION", full.type());
        assertTrue(full.aliases().contains(shortForm), full.aliases().toString());
        assertEquals(3, full.mentions().size(), full.mentions().toString());
        assertTrue(entities.stream().noneMatch(e -> e.name().equals(shortForm)), entities.toString());
    }

    /** The passage's entities include these names, each with this one type. */
    private static void check(String text, Map<String, String> expected) {
        Map<String, Set<String>> found = new TreeMap<>();
        for (Analysis.Entity e : analyzer.analyze(text).entities()) {
            found.computeIfAbsent(e.name(), n -> new TreeSet<>()).add(e.type());
        }
        expected.forEach((name, type) -> assertEquals(Set.of(type), found.get(name), name + " in " + found));
    }
}
