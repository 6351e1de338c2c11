package io.quotewire.nlp.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quotewire.contract.NameKeys;

/**
 * CoreNLP's NER spans, corrected and grouped into one entity per real-world thing within a text:
 * well-known aliases get their canonical name and type (US, U.S. and United States of America are one
 * LOCATION; Daesh, IS and ISIS one ORGANIZATION), hyphenated compounds are split (US-Iran, U.S.-led),
 * titles are not part of names; then {@link EntityGroups} groups the mentions into entities. {@link #find} runs
 * the steps in order: the spans here, the sports pages' names ({@link SportsPageNames}), the types
 * ({@link NameTypes}), the names of lines in capitals or title case ({@link CapitalisedNames}) and of datelines
 * ({@link DatelineNames}).
 */
final class EntityFinder {

    /** Words that precede a name as a title; not part of the name. */
    static final Set<String> TITLES = Set.of("president", "vice", "prime", "minister", "secretary", "general", "gen.",
            "gen", "sen.", "sen", "senator", "rep.", "rep", "representative", "gov.", "gov", "governor", "mayor",
            "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "dr.", "dr", "prof.", "professor", "sir", "lord", "lady", "king",
            "queen", "prince", "princess", "pope", "judge", "justice", "chancellor", "ambassador", "director",
            "chairman", "chairwoman", "chief", "commander", "lt.", "col.", "colonel", "capt.", "captain", "maj.",
            "major", "adm.", "admiral", "sgt.", "sergeant", "marine", "foreign", "defense", "defence", "state",
            "of", "speaker", "leader", "premier", "sheikh", "ayatollah", "cardinal", "rev.", "reverend", "attorney",
            "spokesman", "spokeswoman", "spokesperson", "former", "deputy", "acting", "senior", "candidate",
            "nominee", "coach", "manager", "ceo", "founder", "officer", "agent", "head", "councilman", "councilwoman",
            "councillor", "councilor", "congressman", "congresswoman", "assemblyman", "assemblywoman", "constable",
            "const.", "detective", "det.", "inspector", "insp.", "superintendent", "supt.", "cpl.", "pvt.");

    /**
     * Titles that only a person's name follows, which CoreNLP reads into a place's or an organisation's name ("City
     * Councilman Jumaane Williams", "Tennessee Senator Estes Kefauver", "Mr. Tribe") or as one of their own
     * ("Const. Fanning").
     */
    static final Set<String> PERSON_TITLES = Set.of("mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "sen.", "rep.",
            "gov.", "sgt.", "lt.", "capt.", "cpl.", "pvt.", "const.", "det.", "insp.", "supt.", "senator", "councilman",
            "councilwoman", "councillor", "councilor", "congressman", "congresswoman", "assemblyman", "assemblywoman",
            "constable", "sergeant", "detective", "judge");

    /** Role nouns that a later "the X" can refer to. */
    static final Set<String> ROLES = Set.of("president", "prime minister", "premier", "secretary", "minister",
            "general", "commander", "senator", "governor", "mayor", "chancellor", "king", "queen", "prince", "pope",
            "ambassador", "director", "chairman", "chairwoman", "speaker", "leader", "spokesman", "spokeswoman",
            "candidate", "nominee", "judge", "coach", "manager", "ceo", "chief", "founder", "official", "diplomat");

    /**
     * Capitalised words that begin a sentence or a heading before an organisation's or a place's name, not part
     * of it: prepositions ("In Milwaukee") and months ("August National Association of Purchasing Management").
     */
    private static final Set<String> LEADING_NOT_NAME = Set.of("In", "At", "On", "From", "By", "With", "For", "To",
            "After", "Before", "During", "Under", "Since", "Until", "January", "February", "March", "April", "June",
            "July", "August", "September", "October", "November", "December");

    private final Gazetteer gazetteer;

    EntityFinder(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** A named mention: tokens {@code [from, to)}. */
    record Mention(int from, int to, int start, int end, String type, Gazetteer.Entry known) {

        /** The same words as a name of another type. */
        Mention withType(String type) {
            return new Mention(from, to, start, end, type, known);
        }
    }

    /** One entity of the text, with its mentions in text order. */
    static final class Cluster {
        final String type;
        String name;
        final List<Mention> mentions = new ArrayList<>();
        final Set<String> surface = new LinkedHashSet<>();
        final Set<String> roles = new LinkedHashSet<>();

        Cluster(String type, String name) {
            this.type = type;
            this.name = name;
        }

        String id() {
            return NameKeys.entityId(type, name);
        }
    }

    /**
     * The entities of a text, and for every token the entity whose named mention covers it; {@code mentions} in text
     * order, none overlapping another.
     */
    record Result(List<Cluster> clusters, Cluster[] byToken, List<Mention> mentions, Map<Mention, Cluster> of) {
    }

    Result find(Doc doc) {
        List<Token> tokens = doc.tokens;
        boolean[] shouting = CapitalisedNames.shoutingSentences(tokens);
        Set<String> lowerCase = CapitalisedNames.wordsInLowerCase(tokens);
        boolean[] titled = CapitalisedNames.titleCaseSentences(tokens, shouting, lowerCase);
        List<Mention> mentions = new ArrayList<>();
        Mention[] taken = new Mention[tokens.size()];

        // 1. well-known names first: they win over CoreNLP's span and type
        for (Gazetteer.Match m : gazetteer.find(tokens, i -> shouting[tokens.get(i).sentence()])) {
            if (titled[tokens.get(m.from()).sentence()] || !insideLargerName(tokens, m.from(), m.to())) {
                // a place CoreNLP reads as an organisation here (a team, a government) stays an organisation
                String type = m.entry().type().equals("LOCATION") && tokens.get(m.from()).ner().equals("ORGANIZATION")
                        ? "ORGANIZATION" : m.entry().type();
                add(new Mention(m.from(), m.to(), tokens.get(m.from()).start(), tokens.get(m.to() - 1).end(),
                        type, m.entry()), mentions, taken);
            }
        }
        // 2. CoreNLP's runs of one tag, split at hyphens unless a person's name (al-Kadhimi), titles trimmed
        for (int i = 0; i < tokens.size();) {
            String tag = tokens.get(i).ner();
            if (!isNameTag(tag) || titled[tokens.get(i).sentence()]) {
                i++;
                continue;
            }
            int j = i;
            while (j < tokens.size() && tokens.get(j).ner().equals(tag) && tokens.get(j).sentence() == tokens.get(i).sentence()) {
                j++;
            }
            int name = tag.equals("PERSON") ? -1 : personOfTitledRun(tokens, i, j, taken);
            if (name > i) {
                // "Mr. Morgan of the Sierra Club", "Gov. Jeb Bush of Florida", "Ms. Le Pen": the person, then what
                // follows "of" with the run's type; one word after a legislator's or governor's title is a place
                add(new Mention(i, name, tokens.get(i).start(), tokens.get(name - 1).end(), "PERSON", null), mentions, taken);
                String restType = j - name == 2 && STATE_TITLES.contains(lower(tokens.get(i - 1))) ? "LOCATION" : tag;
                for (int[] part : name < j ? parts(tokens, name + 1, j, restType, taken) : List.<int[]>of()) {
                    Mention m = trim(tokens, part[0], part[1], restType);
                    if (m != null) {
                        add(m, mentions, taken);
                    }
                }
                i = j;
                continue;
            }
            int[] person = tag.equals("PERSON") ? null : personAfterTitle(tokens, i, j, taken);
            if (person != null) {
                // the words before the title keep the run's type if they are a name of two words or more
                // ("Palmer Police", not "City"); the name after it is the person
                for (int[] part : person[0] - i >= 2 ? parts(tokens, i, person[0], tag, taken) : List.<int[]>of()) {
                    Mention m = trim(tokens, part[0], part[1], tag);
                    if (m != null) {
                        add(m, mentions, taken);
                    }
                }
                add(new Mention(person[0] + 1, person[1], tokens.get(person[0] + 1).start(), tokens.get(person[1] - 1).end(),
                        "PERSON", null), mentions, taken);
                i = Math.max(j, person[1]);
                continue;
            }
            for (int[] part : parts(tokens, i, j, tag, taken)) {
                Mention m = trim(tokens, part[0], part[1], tag);
                if (m != null) {
                    add(withRegnalNumber(tokens, m, taken), mentions, taken);
                }
            }
            i = j;
        }
        namesWithAMiddle(doc, mentions, taken);
        monthsAsFirstNames(doc.tokens, mentions, taken);
        roads(doc, mentions, taken);
        SportsPageNames.teamsInResults(doc, mentions, taken);
        SportsPageNames.entrantsOfResults(doc, mentions, taken);
        SportsPageNames.playersOfLineUps(doc, mentions, taken);
        coordinatedNames(doc, mentions);
        NameTypes.organisationsByEnding(tokens, mentions);
        SportsPageNames.teamsByTheirNoun(tokens, mentions);
        NameTypes.placesByTheirNoun(tokens, mentions);
        NameTypes.organisationShortForms(tokens, mentions);
        NameTypes.consistentTypes(doc, mentions);
        NameTypes.countriesArePlaces(doc, mentions);
        NameTypes.settingsArePlaces(doc.tokens, mentions);
        possessiveNames(doc, mentions);
        CapitalisedNames.namesInCapitals(doc, mentions, shouting);
        acronymsInBrackets(doc.tokens, mentions, shouting);
        CapitalisedNames.repeatedNames(doc, mentions, shouting, lowerCase);
        CapitalisedNames.namesInTitleCase(doc, mentions, titled, shouting, lowerCase);
        DatelineNames.apply(doc, mentions, gazetteer);
        mentions.removeIf(m -> m.type().equals("MISC")); // they kept their words from other readings until now
        mentions.removeIf(m -> isCaseName(tokens, m));
        mentions.sort(Comparator.comparingInt(Mention::from));
        return EntityGroups.of(doc, mentions);
    }

    /** A court case read as one name: "Roe v. Wade", "Zubik v. Burwell" (its parties are named apart). */
    private static boolean isCaseName(List<Token> tokens, Mention m) {
        for (int k = m.from() + 1; k < m.to() - 1; k++) {
            String w = tokens.get(k).text();
            if (w.equals("v.") || w.equals("vs.") || w.equals("v")) {
                return true;
            }
        }
        return false;
    }

    /** The tokens {@code [from, to)} that are exactly the characters {@code [start, end)}, or null. */
    static int[] tokenSpan(Doc doc, int start, int end) {
        int from = doc.tokenAtOrAfter(start);
        int to = doc.tokenAtOrAfter(end);
        if (from >= to || doc.tokens.get(from).start() != start || doc.tokens.get(to - 1).end() != end) {
            return null;
        }
        return new int[] { from, to };
    }

    /** A person's title, not in capitals, where a short one would be something else ("MS Columbus", a ship). */
    static boolean isPersonTitle(Token t) {
        return PERSON_TITLES.contains(lower(t)) && !t.text().equals(t.text().toUpperCase(Locale.ROOT));
    }

    /**
     * A person's name after a title that CoreNLP reads into a place's or an organisation's run ("City Councilman
     * Jumaane Williams", "Mr. Tribe") or as a run of its own ("City Councilman" before the person "Darnell
     * Robinson"; "Const." before the unread "Fanning"): the title's index and the end of the name, or null. The
     * name runs to the end of the run and on over the person CoreNLP reads after it; after a title that ends the run,
     * over the capitalised words CoreNLP leaves unread. Its words are capitalised, free, not all titles, and do not
     * end as an organisation's name does ("Dr. Pepper Snapple Group").
     */
    private static int[] personAfterTitle(List<Token> tokens, int from, int to, Mention[] taken) {
        int k = to - 1;
        while (k >= from && !isPersonTitle(tokens.get(k))) {
            k--;
        }
        if (k < from) {
            return null;
        }
        int sentence = tokens.get(from).sentence();
        int end = to;
        while (end < tokens.size() && tokens.get(end).sentence() == sentence && taken[end] == null
                && (tokens.get(end).ner().equals("PERSON")
                        || k == to - 1 && tokens.get(end).ner().equals("O") && tokens.get(end).capitalised())) {
            end++;
        }
        if (end == k + 1 || NameTypes.ORGANISATION_ENDINGS.contains(tokens.get(end - 1).text())) {
            return null;
        }
        return isNameAfterTitle(tokens, k + 1, end, taken) ? new int[] { k, end } : null;
    }

    /** Whether the words {@code [from, to)} after a title can be a person's name: capitalised, free, not all titles. */
    private static boolean isNameAfterTitle(List<Token> tokens, int from, int to, Mention[] taken) {
        boolean allTitles = true;
        for (int t = from; t < to; t++) {
            if (!tokens.get(t).capitalised() || taken[t] != null) {
                return false;
            }
            allTitles &= TITLES.contains(lower(tokens.get(t)));
        }
        return !allTitles;
    }

    /** Titles of those who speak for a state or a district: "Sen. Rand Paul of Kentucky". */
    private static final Set<String> STATE_TITLES = Set.of("sen.", "rep.", "gov.", "senator", "congressman",
            "congresswoman", "assemblyman", "assemblywoman", "representative", "governor");

    /**
     * A place's or an organisation's run that CoreNLP reads right after a person's title ("Mr. Morgan of the Sierra
     * Club", "Ms. Le Pen", "Sgt. Shayne La Croix"): where the person's name ends (at "of", else the run's end), or -1.
     * The name is one to three capitalised words, not all titles, that do not end as an organisation's name does
     * ("Dr. Pepper Snapple Group").
     */
    private static int personOfTitledRun(List<Token> tokens, int from, int to, Mention[] taken) {
        if (from == 0 || !isPersonTitle(tokens.get(from - 1)) || tokens.get(from - 1).sentence() != tokens.get(from).sentence()
                || taken[from - 1] != null) {
            return -1;
        }
        int end = from;
        while (end < to && !tokens.get(end).text().equals("of")) {
            end++;
        }
        if (end == from || end - from > 3 || end == to - 1 || NameTypes.ORGANISATION_ENDINGS.contains(tokens.get(end - 1).text())) {
            return -1;
        }
        return isNameAfterTitle(tokens, from, end, taken) ? end : -1;
    }

    /** Months that are first names too: April Ryan, June Carter, May Wong, Jan Egeland. */
    private static final Set<String> MONTH_NAMES = Set.of("January", "April", "May", "June", "July", "August", "Jan");

    /** Words before a month that make it a date ("in May", "last June", "the July rally"). */
    private static final Set<String> BEFORE_A_DATE = Set.of("in", "on", "since", "by", "until", "till", "last", "next",
            "early", "late", "mid", "this", "that", "of", "from", "to", "through", "before", "after", "during", "between",
            "the", "a", "as", "each", "every", "for", "around", "about");

    /**
     * A month right before a person's name that CoreNLP reads as the date, not the first name ("April Ryan asked",
     * "Faroe Islands - Jan Allan Mueller"), is part of the name: not after a word that makes it a date ("In May
     * Smith said", "the July Trump rally") or a number.
     */
    private static void monthsAsFirstNames(List<Token> tokens, List<Mention> mentions, Mention[] taken) {
        mentions.replaceAll(m -> {
            int k = m.from() - 1;
            if (!m.type().equals("PERSON") || m.known() != null || k < 0 || taken[k] != null
                    || !MONTH_NAMES.contains(tokens.get(k).text()) || tokens.get(k).sentence() != tokens.get(m.from()).sentence()) {
                return m;
            }
            if (k > 0 && tokens.get(k - 1).sentence() == tokens.get(k).sentence()) {
                String before = tokens.get(k - 1).text();
                if (BEFORE_A_DATE.contains(before.toLowerCase(Locale.ROOT)) || Character.isDigit(before.charAt(0))) {
                    return m;
                }
            }
            Mention named = new Mention(k, m.to(), tokens.get(k).start(), m.end(), m.type(), null);
            taken[k] = named;
            for (int t = m.from(); t < m.to(); t++) {
                taken[t] = named;
            }
            return named;
        });
    }

    /** The words that name a road with its number: "Interstate 95", "Highway 1", "Route 66". */
    private static final Set<String> ROADS = Set.of("Interstate", "Interstates", "Highway", "Route");

    /**
     * A road named by its number is a place, number included ("Interstate 95", which CoreNLP reads as the
     * organisation "Interstate").
     */
    private static void roads(Doc doc, List<Mention> mentions, Mention[] taken) {
        List<Token> tokens = doc.tokens;
        Set<Mention> replaced = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int k = 0; k + 1 < tokens.size(); k++) {
            Token number = tokens.get(k + 1);
            if (ROADS.contains(tokens.get(k).text()) && number.text().matches("\\d{1,4}")
                    && number.sentence() == tokens.get(k).sentence()
                    && (taken[k] == null || taken[k].known() == null && taken[k].from() == k && taken[k].to() <= k + 2)
                    && (taken[k + 1] == null || taken[k + 1] == taken[k])) {
                replace(new Mention(k, k + 2, tokens.get(k).start(), number.end(), "LOCATION", null), mentions, taken,
                        replaced);
            }
        }
        mentions.removeIf(replaced::contains);
    }

    /** Words that never follow a possessive "'s" ("Lloyd's plans to", "Boatmen's was the prize"). */
    private static final Set<String> NOT_AFTER_POSSESSIVE = Set.of("a", "an", "the", "to", "and", "or", "but", "is",
            "was", "has", "had", "will", "would", "said", "says", "in", "on", "at", "for", "of", "that", "which", "who");

    /** What ends a clause, after which a "'s" is no possessive ("- Moody 's ."). */
    private static final Set<String> CLAUSE_ENDS = Set.of(".", ",", ";", ":", "!", "?", ")");

    /**
     * An organisation or place named in the possessive, "Lloyd's", "Moody's", "Boatmen's", a cricket ground "at
     * Lord's": where every mention of the name in
     * the article has "'s" after it, and after one of those comes a word no possessive takes or a mark that ends a
     * clause ("ordered Lloyd 's to give", "single-A - Moody 's ."; not a bracket or a quotation mark, as in "the
     * Bank of Japan's (BOJ) policy", "MSNBC's “Morning Joe”"), the "'s" is part of the name, which CoreNLP and the
     * trimming of possessives leave out.
     */
    private static void possessiveNames(Doc doc, List<Mention> mentions) {
        List<Token> tokens = doc.tokens;
        Map<String, Boolean> always = new HashMap<>();
        Set<String> proven = new HashSet<>();
        for (Mention m : mentions) {
            String text = doc.span(m.start(), m.end());
            boolean possessive = m.to() < tokens.size() && isPossessive(tokens, m);
            always.merge(text, possessive && !m.type().equals("PERSON") && m.known() == null, Boolean::logicalAnd);
            if (possessive) {
                Token after = m.to() + 1 < tokens.size() ? tokens.get(m.to() + 1) : null;
                if (after == null || after.sentence() != tokens.get(m.to()).sentence()
                        || CLAUSE_ENDS.contains(after.text()) || NOT_AFTER_POSSESSIVE.contains(after.text())) {
                    proven.add(text);
                }
            }
        }
        mentions.replaceAll(m -> {
            String text = doc.span(m.start(), m.end());
            return always.get(text) && proven.contains(text)
                    ? new Mention(m.from(), m.to() + 1, m.start(), tokens.get(m.to()).end(), m.type(), null) : m;
        });
    }

    /** The mention is followed by "'s", as written ("Lloyd's") or as tokenised text writes it ("Lloyd 's"). */
    private static boolean isPossessive(List<Token> tokens, Mention m) {
        Token next = tokens.get(m.to());
        int gap = next.start() - tokens.get(m.to() - 1).end();
        return gap <= 1 && (next.text().equals("'s") || next.text().equals("’s"));
    }

    /** Initials in capitals, as an organisation writes its short form ("BSE", "ONDH", "S.A."). */
    private static final Pattern INITIALS = Pattern.compile("\\p{Lu}[\\p{Lu}.&]{1,7}");

    /**
     * Initials in brackets right after an organisation's name are that organisation ("the Budapest Stock Exchange
     * (BSE)", "the Human Rights National Observatory (ONDH)"), whatever their letters, which may be those of
     * another language's name. CoreNLP reads most of them, not all. Not in lines in capitals, where a bracket
     * holds other things ("GOVT BOND ( SEP ) 115.62").
     */
    private static void acronymsInBrackets(List<Token> tokens, List<Mention> mentions, boolean[] shouting) {
        Mention[] at = new Mention[tokens.size()];
        for (Mention m : mentions) {
            for (int k = m.from(); k < m.to(); k++) {
                at[k] = m;
            }
        }
        for (Mention m : List.copyOf(mentions)) {
            int k = m.to();
            if (!m.type().equals("ORGANIZATION") || k + 2 >= tokens.size() || shouting[tokens.get(k).sentence()]
                    || !tokens.get(k).isPunct('(')
                    || !tokens.get(k + 2).isPunct(')') || !INITIALS.matcher(tokens.get(k + 1).text()).matches()) {
                continue;
            }
            Mention initials = at[k + 1];
            Token t = tokens.get(k + 1);
            if (initials == null) {
                mentions.add(new Mention(k + 1, k + 2, t.start(), t.end(), "ORGANIZATION", null));
            } else if (initials.from() == k + 1 && initials.to() == k + 2 && initials.known() == null
                    && !initials.type().equals("ORGANIZATION")) {
                mentions.set(mentions.indexOf(initials), initials.withType("ORGANIZATION"));
            }
        }
    }

    static boolean isHyphen(Token t) {
        return t.pos().equals("HYPH") || t.text().equals("-");
    }

    /** A name the gazetteer does not know, not in capitals (a dateline, a headline: CoreNLP reads those poorly). */
    static boolean votes(Doc doc, Mention m) {
        return m.known() == null && doc.span(m.start(), m.end()).chars().anyMatch(Character::isLowerCase);
    }

    private static boolean isNameTag(String tag) {
        return tag.equals("PERSON") || tag.equals("ORGANIZATION") || tag.equals("LOCATION");
    }

    /**
     * A gazetteer match inside a longer CoreNLP name (America in South America, China in Bank of China, the
     * Netherlands in the Tour of the Netherlands) is not that entity.
     */
    private static boolean insideLargerName(List<Token> tokens, int from, int to) {
        String tagBefore = from > 0 ? tokens.get(from - 1).ner() : "O";
        String tagAfter = to < tokens.size() ? tokens.get(to).ner() : "O";
        boolean before = !tagBefore.equals("O") && tagBefore.equals(tokens.get(from).ner())
                && !tokens.get(from - 1).pos().equals("HYPH")
                && (tokens.get(from - 1).capitalised() || tokens.get(from - 1).text().matches("of|the"));
        boolean after = !tagAfter.equals("O") && tagAfter.equals(tokens.get(to - 1).ner())
                && !tokens.get(to).pos().equals("HYPH") && tokens.get(to).capitalised();
        return before || after;
    }

    /**
     * The parts of a run not already taken by a well-known name (US-Iran), split where a hyphen joins a
     * lower-case word (U.S.-led, self-rule) unless it is a person's name (Chen Chun-yeh, al-Kadhimi).
     */
    private static List<int[]> parts(List<Token> tokens, int from, int to, String tag, Mention[] taken) {
        List<int[]> parts = new ArrayList<>();
        int start = from;
        for (int k = from; k < to; k++) {
            Token t = tokens.get(k);
            boolean hyphen = isHyphen(t);
            boolean split = taken[k] != null || hyphen && (k > from && taken[k - 1] != null || k + 1 < to && taken[k + 1] != null
                    || !tag.equals("PERSON") && k + 1 < to && !tokens.get(k + 1).capitalised()
                            && !particleBetweenHyphens(tokens, k, to));
            if (split) {
                if (k > start) {
                    parts.add(new int[] { start, k });
                }
                start = k + 1;
            }
        }
        if (to > start) {
            parts.add(new int[] { start, to });
        }
        return parts;
    }

    /**
     * The small words that join the parts of a hyphenated name: Chester-le-Street, Stratford-upon-Avon, and the
     * Arabic, Persian and Urdu linking words of Jamaat-i-Islami, Mazar-i-Sharif, Hizb-ut-Tahrir.
     */
    private static final Set<String> NAME_PARTICLES = Set.of("le", "la", "les", "de", "du", "des", "en", "sur", "sous",
            "upon", "on", "am", "an", "der", "di", "da", "del", "y", "i", "e", "ul", "ur", "ud", "ut", "us", "es", "el", "al");

    /**
     * The hyphen at {@code k} opens "-le-Street" within {@code to}: a particle, a hyphen, a capitalised word; or
     * "-e-Taiba", which CoreNLP keeps as one token as it does "e-mail".
     */
    private static boolean particleBetweenHyphens(List<Token> tokens, int k, int to) {
        return k + 3 < to && NAME_PARTICLES.contains(tokens.get(k + 1).text()) && isHyphen(tokens.get(k + 2))
                && tokens.get(k + 3).capitalised()
                || k + 1 < to && tokens.get(k + 1).text().matches("e-\\p{Lu}.*");
    }

    /**
     * Two names joined by "or", or by "and" where one of them is named on its own elsewhere in the text, which
     * CoreNLP reads as one organisation or place ("Mercantile or Commerce", "Nice and Paris St Germain" when
     * the article also names Nice): each is a name of its own. "Procter and Gamble", never named in halves,
     * stays one. Only names of up to 12 words are read, so a long run costs nothing.
     */
    private static void coordinatedNames(Doc doc, List<Mention> mentions) {
        List<Token> tokens = doc.tokens;
        List<Mention> result = new ArrayList<>(mentions.size());
        // where each name looked for stands in the text, found once however many mentions ask
        Map<String, List<int[]>> places = new HashMap<>();
        for (Mention m : mentions) {
            int split = -1;
            if (m.known() == null && !m.type().equals("PERSON") && m.to() - m.from() <= 12) {
                for (int k = m.from() + 1; k < m.to() - 1 && split < 0; k++) {
                    String w = tokens.get(k).text();
                    if ((w.equals("or") || w.equals("and")) && tokens.get(k - 1).capitalised() && tokens.get(k + 1).capitalised()
                            && (w.equals("or") || namedElsewhere(doc, m, m.from(), k, places)
                                    || namedElsewhere(doc, m, k + 1, m.to(), places))) {
                        split = k;
                    }
                }
            }
            if (split < 0) {
                result.add(m);
            } else {
                result.add(new Mention(m.from(), split, m.start(), tokens.get(split - 1).end(), m.type(), null));
                result.add(new Mention(split + 1, m.to(), tokens.get(split + 1).start(), m.end(), m.type(), null));
            }
        }
        mentions.clear();
        mentions.addAll(result);
    }

    /**
     * Whether the words {@code [from, to)} of mention {@code m} appear elsewhere in the text, as written or in
     * capitals, as a name of their own: not inside a longer run of capitalised words ("Securities" in "National
     * Association of Securities Dealers" or in a headline in capitals does not split "Securities and Exchange
     * Commission"), though a legal form may follow ("Banc One Corp."). {@code places} keeps where each form
     * stands in the text, so the text is read once per form.
     */
    private static boolean namedElsewhere(Doc doc, Mention m, int from, int to, Map<String, List<int[]>> places) {
        String name = doc.span(doc.tokens.get(from).start(), doc.tokens.get(to - 1).end());
        for (String form : List.of(name, name.toUpperCase(Locale.ROOT))) {
            for (int[] place : places.computeIfAbsent(form, f -> placesOf(doc.text, f))) {
                if ((place[1] <= m.start() || place[0] >= m.end()) && !capitalisedWordBefore(doc.text, place[0])
                        && !capitalisedWordAfter(doc.text, place[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The word before {@code at} on its line starts with a capital and ends no sentence. */
    private static boolean capitalisedWordBefore(String text, int at) {
        int end = at;
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        int start = end;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        if (start == end) {
            return false;
        }
        char last = text.charAt(end - 1);
        return Character.isUpperCase(text.charAt(start)) && ".!?:;\"”".indexOf(last) < 0;
    }

    /** The word after {@code at} on its line starts with a capital and is no legal form ("Banc One Corp."). */
    private static boolean capitalisedWordAfter(String text, int at) {
        int k = at;
        while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
            k++;
        }
        int end = k;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != ',') {
            end++;
        }
        return k > at && k < text.length() && Character.isUpperCase(text.charAt(k))
                && !NameTypes.ORGANISATION_ENDINGS.contains(text.substring(k, end));
    }

    /** Where a name stands in a text as whole words: each place's start and end. */
    private static List<int[]> placesOf(String text, String name) {
        List<int[]> places = new ArrayList<>();
        Matcher found = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])").matcher(text);
        while (found.find()) {
            places.add(new int[] { found.start(), found.end() });
        }
        return places;
    }

    /**
     * Drops titles, possessives, pronouns, an opening bracket and lower-case words at the edges; null if nothing is
     * left. A number stays ("3M", "1860 Munich").
     */
    private static Mention trim(List<Token> tokens, int from, int to, String tag) {
        while (from < to && (tag.equals("PERSON") && TITLES.contains(lower(tokens.get(from))) && to - from > 1
                || !tag.equals("PERSON") && to - from > 1 && LEADING_NOT_NAME.contains(tokens.get(from).text())
                || !tokens.get(from).capitalised() && !tokens.get(from).text().matches("al|el|bin|ibn|de|van|von")
                        && !Character.isDigit(tokens.get(from).text().charAt(0)))) {
            from++;
        }
        while (to > from && (tokens.get(to - 1).pos().equals("POS") || tokens.get(to - 1).pos().equals("HYPH")
                || !tokens.get(to - 1).capitalised() && !Character.isDigit(tokens.get(to - 1).text().charAt(0))
                        && !tokens.get(to - 1).text().equals(")") && !tag.equals("PERSON"))) {
            to--;
        }
        if (from >= to || to - from == 1 && tokens.get(from).pos().startsWith("PRP")) {
            return null;
        }
        return new Mention(from, to, tokens.get(from).start(), tokens.get(to - 1).end(), tag, null);
    }

    /** Opening and closing marks of a name's middle part: brackets and quotation marks. */
    private static final String MIDDLE_OPENS = "(\"“'‘";
    private static final String MIDDLE_CLOSES = ")\"”'’";

    /**
     * A person's name with a part in brackets or quotation marks in its middle, a second name or a nickname
     * ("James Leander ( Leo ) Nichols", "Alan John Percivale ( A.J.P. ) Taylor", "Hector " Macho " Camacho",
     * "( Tom ) Seaver"), which CoreNLP reads as two or three names or without the opening bracket: one person.
     * The middle is up to four words, the first and last capitalised, with no digit, in one sentence; in brackets,
     * no organisation or place (a player's club or country: "Ramon Vega ( Cagliari ) Raphael Wicky"), in quotation
     * marks no place.
     */
    private static void namesWithAMiddle(Doc doc, List<Mention> mentions, Mention[] taken) {
        List<Token> tokens = doc.tokens;
        Set<Mention> claimed = Collections.newSetFromMap(new IdentityHashMap<>()); // so that none is joined twice
        List<Mention> joined = new ArrayList<>();
        for (int open = 1; open + 2 < tokens.size(); open++) {
            // the name before the mark, which CoreNLP may have read through the mark ("Hector “ Macho")
            Mention first = taken[open - 1];
            if (first == null || !first.type().equals("PERSON") || claimed.contains(first)
                    || !isMark(doc, tokens.get(open), MIDDLE_OPENS) || taken[open] != null && taken[open] != first) {
                continue;
            }
            int close = open + 1;
            while (close < tokens.size() && close <= open + 5 && !isMark(doc, tokens.get(close), MIDDLE_CLOSES)) {
                close++;
            }
            if (close == open + 1 || close > open + 5 || close + 1 >= tokens.size()
                    || tokens.get(close + 1).sentence() != tokens.get(first.from()).sentence()) {
                continue;
            }
            Mention last = taken[close + 1];
            boolean middle = last != null && last != first && last.type().equals("PERSON") && last.from() > open
                    && last.from() <= close + 1 && tokens.get(open + 1).capitalised() && tokens.get(close - 1).capitalised();
            // a nickname in quotation marks may read as anything; a bracket holding an organisation or a place
            // is a player's club or country ("Ramon Vega ( Cagliari ) Raphael Wicky")
            boolean quoted = !tokens.get(open).isPunct('(');
            for (int k = open + 1; k < close && middle; k++) {
                Token t = tokens.get(k);
                Mention x = taken[k];
                middle = t.text().chars().noneMatch(Character::isDigit) && (x == null || x == first || x == last
                        || x.type().equals("PERSON") || quoted && !x.type().equals("LOCATION"))
                        && !Gazetteer.COUNTRIES.contains(t.text());
            }
            if (!middle) {
                continue;
            }
            for (int k = first.from(); k < last.to(); k++) {
                if (taken[k] != null) {
                    claimed.add(taken[k]);
                }
            }
            joined.add(new Mention(first.from(), last.to(), first.start(), last.end(), "PERSON", null));
            open = close;
        }
        for (Mention m : mentions) {
            // "( Tom ) Seaver", read as "Tom ) Seaver": the bracket that closes in the name opens it
            if (m.type().equals("PERSON") && !claimed.contains(m) && m.from() > 0 && m.to() - m.from() >= 3
                    && tokens.get(m.from() + 1).isPunct(')') && tokens.get(m.from() - 1).isPunct('(')
                    && taken[m.from() - 1] == null && tokens.get(m.from() - 1).sentence() == tokens.get(m.from()).sentence()) {
                claimed.add(m);
                joined.add(new Mention(m.from() - 1, m.to(), tokens.get(m.from() - 1).start(), m.end(), "PERSON", null));
            }
        }
        // the joins do not overlap: each takes the mentions of its words, found anew through taken
        Set<Mention> replaced = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Mention m : joined) {
            replace(m, mentions, taken, replaced);
        }
        mentions.removeIf(replaced::contains);
    }

    /** The token is one character of {@code marks}, as the text writes it. */
    private static boolean isMark(Doc doc, Token t, String marks) {
        return t.end() - t.start() == 1 && marks.indexOf(doc.text.charAt(t.start())) >= 0;
    }

    /** A Roman numeral up to XX after a person's name; "I" only after a one-word name (Elizabeth I, not "Smith I"). */
    private static final Pattern REGNAL = Pattern.compile("X{0,1}(?:IX|IV|V?I{0,3})|XX");

    /**
     * A person's name with the regnal number CoreNLP leaves after it ("Queen Elizabeth I", "Emperor Charles VI",
     * "Pope John Paul II"): the number is part of the name.
     */
    private static Mention withRegnalNumber(List<Token> tokens, Mention m, Mention[] taken) {
        if (!m.type().equals("PERSON") || m.to() >= tokens.size() || taken[m.to()] != null) {
            return m;
        }
        Token next = tokens.get(m.to());
        String w = next.text();
        boolean numeral = !w.isEmpty() && REGNAL.matcher(w).matches() && (!w.equals("I") || m.to() - m.from() == 1);
        if (!numeral || next.sentence() != tokens.get(m.from()).sentence() || !next.ner().equals("O")) {
            return m;
        }
        return new Mention(m.from(), m.to() + 1, m.start(), next.end(), m.type(), m.known());
    }

    private static boolean free(Mention[] taken, int from, int to) {
        for (int k = from; k < to; k++) {
            if (taken[k] != null) {
                return false;
            }
        }
        return true;
    }

    static void add(Mention m, List<Mention> mentions, Mention[] taken) {
        mentions.add(m);
        for (int k = m.from(); k < m.to(); k++) {
            taken[k] = m;
        }
    }

    /**
     * Adds {@code m} in place of the mentions it overlaps, found through {@code taken}; they go into
     * {@code replaced} (by identity), for the caller to remove from {@code mentions} once, at the end.
     */
    static void replace(Mention m, List<Mention> mentions, Mention[] taken, Set<Mention> replaced) {
        for (int k = m.from(); k < m.to(); k++) {
            Mention x = taken[k];
            if (x != null && replaced.add(x)) {
                for (int t = x.from(); t < x.to(); t++) {
                    taken[t] = null;
                }
            }
        }
        add(m, mentions, taken);
    }

    static String lower(Token t) {
        return t.text().toLowerCase(Locale.ROOT);
    }

    /** A surface form as a name: no possessive, single spaces. */
    static String cleanName(String s) {
        return s.replaceAll("['\u2019]s$", "").replaceAll("\\s+", " ").trim();
    }
}
