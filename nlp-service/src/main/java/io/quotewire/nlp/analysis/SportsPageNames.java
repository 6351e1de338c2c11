package io.quotewire.nlp.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quotewire.nlp.analysis.EntityFinder.Mention;

/**
 * The names of the sports pages that CoreNLP reads poorly, read by where they stand: the teams of results lines and
 * league tables, the entrants of results lists and their teams, the players of line-ups, and a team named right
 * after its noun ({@link EntityFinder}'s steps after CoreNLP's runs).
 */
final class SportsPageNames {

    private SportsPageNames() {
    }

    /**
     * A team's name: capitalised words and the joining words inside one ("Heriot's F.P.", "Proleter (Z)", "Queen 's
     * Park"). The loops are possessive (giving a word back could never let the number after the name match), so a
     * line of thousands of capitalised words is matched in linear time without recursion (Java's regex engine
     * recurses once per iteration of a backtracking group loop, and a worker thread's stack overflows).
     */
    private static final String TEAM_NAME = "\\p{Lu}[\\p{L}\\p{N}.'’&\\-]*(?:[ \\t]+(?:\\p{Lu}[\\p{L}\\p{N}.'’&\\-]*|'s|’s|of|de|del|la|\\([ \\t]?\\p{Lu}{1,3}[ \\t]?\\)))*+";
    /** A result: two teams, each with its score ("Reading 2 Stoke 2"), maybe with a note in brackets. */
    private static final Pattern RESULT = Pattern.compile("^[ \\t]*(" + TEAM_NAME + ")[ \\t]+\\d{1,3}[ \\t]+(" + TEAM_NAME
            + ")[ \\t]+\\d{1,3}[ \\t]*(?:\\([^()\\n]*\\)[ \\t]*)?$", Pattern.MULTILINE);
    /** A row of a league table: a team and five or more whole numbers (played, won, drawn, lost, ..., points). */
    private static final Pattern STANDING = Pattern.compile("^[ \\t]*(" + TEAM_NAME + ")(?:[ \\t]+\\d{1,3}){5,}+[ \\t]*$",
            Pattern.MULTILINE);

    /**
     * The teams of sports results ("Reading 2 Stoke 2") and league tables ("Stoke 4 3 1 0 7 4 10"), lines CoreNLP
     * reads poorly (Stoke unnamed, Torino and Norwich as places, Currie as a person): each team is an organisation,
     * a country a place (a national team). A well-known name keeps its entry, and a name CoreNLP reads as a person
     * of two words or more stays one (a golfer's line of round scores). The mentions a team overlaps are found
     * through {@code taken} (the mention of each token), so a page of thousands of results costs linear time.
     */
    static void teamsInResults(Doc doc, List<Mention> mentions, Mention[] taken) {
        // by identity: a team's mention may equal the one CoreNLP made of the same words, which it replaces
        Set<Mention> replaced = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Pattern pattern : List.of(RESULT, STANDING)) {
            Matcher m = pattern.matcher(doc.text);
            while (m.find()) {
                for (int g = 1; g <= m.groupCount(); g++) {
                    int[] span = EntityFinder.tokenSpan(doc, m.start(g), m.end(g));
                    if (span == null) {
                        continue; // the tokens do not fit the name: leave it to CoreNLP
                    }
                    int from = span[0];
                    int to = span[1];
                    boolean keep = false;
                    for (int k = from; k < to && !keep; k++) {
                        Mention x = taken[k];
                        keep = x != null && (x.known() != null
                                || to - from >= 2 && x.from() == from && x.to() == to && x.type().equals("PERSON"));
                    }
                    if (keep) {
                        continue; // a well-known name, or a person's
                    }
                    String type = Gazetteer.isCountry(doc.text.substring(m.start(g), m.end(g))) ? "LOCATION" : "ORGANIZATION";
                    EntityFinder.replace(new Mention(from, to, m.start(g), m.end(g), type, null), mentions, taken, replaced);
                }
            }
        }
        mentions.removeIf(replaced::contains);
    }

    /** A name of capitalised words, as a list of people writes one. */
    private static final String LISTED_NAME = "\\p{Lu}[\\p{L}.'’\\-]*+(?:[ \\t]+\\p{Lu}[\\p{L}.'’\\-]*+)*+";

    /**
     * An entrant of a results list: a line that starts with a rank or not, then a name and its country in brackets
     * ("2. Venuste Niyongabo ( Burundi ) 3:51.01", "Guy Forget ( France ) beat ..."), and maybe then, before a
     * time, a word in lower case or the end of the line, the entrant's team, make or car ("1. Alex Zanardi ( Italy )
     * , Reynard Honda , 53.980", "3. Tristan Hoffman ( Netherlands ) TVM same time"). A name before another name
     * is another entrant ("Des Smyth ( Ireland ) , David Carter , Lee Westwood").
     */
    private static final Pattern ENTRANT = Pattern.compile("^[ \\t]*(\\d{1,3}[ \\t]*[.)][ \\t]*)?(" + LISTED_NAME
            + ")[ \\t]*\\([ \\t]*([^()\\n]+?)[ \\t]*\\)(?:[ \\t]*,?[ \\t]*(\\p{Lu}[\\p{L}\\p{N}.'’&\\-]*+"
            + "(?:[ \\t]+\\p{Lu}[\\p{L}\\p{N}.'’&\\-]*+)*+)(?=[ \\t]*(?:,[ \\t]*\\d|\\d|$|\\p{Ll})))?", Pattern.MULTILINE);

    /**
     * The players of a line-up, each after a shirt number and a dash, three or more on a line ("France - 1 - Bernard
     * Lama ; 2 - Lilian Thuram ( 14 - Sabri Lamouchi 87th ) , 5 - Laurent Blanc").
     */
    private static final Pattern LINE_UP_PLAYER = Pattern.compile("(?:^|[;,(])[ \\t]*\\d{1,2}[ \\t]*-[ \\t]*(" + LISTED_NAME + ")",
            Pattern.MULTILINE);

    /**
     * The entrants of results lists ("1. Noureddine Morceli ( Algeria )", "Guy Forget ( France ) beat"), where
     * CoreNLP names a person in most of the article's entrants whose bracket holds a country: each such entrant is a
     * person, whatever CoreNLP read in an uncommon name alone (Venuste Niyongabo as an organisation, Guy Forget
     * unnamed, Hassane Lahssini of El Hassane Lahssini), and the team after an entrant's country, which CoreNLP
     * reads as a person ("Reynard Honda", "Penske Mercedes-Benz"), is an organisation. A well-known name keeps its
     * entry, and a list of clubs or teams (most entrants not people) is left as it is.
     */
    static void entrantsOfResults(Doc doc, List<Mention> mentions, Mention[] taken) {
        List<int[]> entrants = new ArrayList<>();
        List<int[]> teams = new ArrayList<>();
        Matcher m = ENTRANT.matcher(doc.text);
        while (m.find()) {
            int[] span = Gazetteer.COUNTRIES.contains(m.group(3)) ? EntityFinder.tokenSpan(doc, m.start(2), m.end(2)) : null;
            if (span == null) {
                continue;
            }
            entrants.add(span);
            // a team only after a ranked entrant: a list of names wrapped over lines is no table of results
            int[] team = m.group(1) == null || m.group(4) == null ? null : EntityFinder.tokenSpan(doc, m.start(4), m.end(4));
            if (team != null) {
                teams.add(team);
            }
        }
        if (arePeople(entrants, taken)) {
            Set<Mention> replaced = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int[] e : entrants) {
                makePerson(doc, e, mentions, taken, replaced);
            }
            for (int[] t : teams) {
                Mention x = taken[t[0]];
                if (x != null && x.known() == null && x.type().equals("PERSON") && x.from() == t[0] && x.to() == t[1]) {
                    EntityFinder.replace(x.withType("ORGANIZATION"), mentions, taken, replaced);
                }
            }
            mentions.removeIf(replaced::contains);
        }
    }

    /**
     * The players of line-ups ("6 - Reynald Pedros", "4 - German Villa"), on lines of three or more of them where
     * CoreNLP names a person in most: each is a person, whatever CoreNLP read in an uncommon name alone.
     */
    static void playersOfLineUps(Doc doc, List<Mention> mentions, Mention[] taken) {
        Set<Mention> replaced = Collections.newSetFromMap(new IdentityHashMap<>());
        Matcher m = LINE_UP_PLAYER.matcher(doc.text);
        int lineStart = 0;
        while (lineStart < doc.text.length()) {
            int lineEnd = doc.text.indexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? doc.text.length() : lineEnd;
            List<int[]> players = new ArrayList<>();
            m.region(lineStart, lineEnd);
            while (m.find()) {
                int[] span = EntityFinder.tokenSpan(doc, m.start(1), m.end(1));
                if (span != null) {
                    players.add(span);
                }
            }
            if (players.size() >= 3 && arePeople(players, taken)) {
                for (int[] p : players) {
                    makePerson(doc, p, mentions, taken, replaced);
                }
            }
            lineStart = lineEnd + 1;
        }
        mentions.removeIf(replaced::contains);
    }

    /** Whether CoreNLP names a person in three or more of the names, and in more than half of them. */
    private static boolean arePeople(List<int[]> names, Mention[] taken) {
        int people = 0;
        for (int[] span : names) {
            boolean person = false;
            for (int k = span[0]; k < span[1]; k++) {
                person |= taken[k] != null && taken[k].type().equals("PERSON");
            }
            people += person ? 1 : 0;
        }
        return people >= 3 && people * 2 > names.size();
    }

    /**
     * The words {@code span} as a person, in place of what CoreNLP made of them; not where they are a person already,
     * a well-known name, or part of a name reaching past them.
     */
    private static void makePerson(Doc doc, int[] span, List<Mention> mentions, Mention[] taken, Set<Mention> replaced) {
        for (int k = span[0]; k < span[1]; k++) {
            Mention x = taken[k];
            if (x != null && (x.known() != null || x.from() < span[0] || x.to() > span[1]
                    || x.type().equals("PERSON") && x.from() == span[0] && x.to() == span[1])) {
                return;
            }
        }
        EntityFinder.replace(new Mention(span[0], span[1], doc.tokens.get(span[0]).start(), doc.tokens.get(span[1] - 1).end(),
                "PERSON", null), mentions, taken, replaced);
    }

    /**
     * Nouns for a team that name it right after them ("division team Deportivo Coruna"); not plural ones, which
     * name people as often ("Olympic champions Michael Johnson and Donovan Bailey").
     */
    private static final Set<String> TEAM_NOUNS = Set.of("team", "side", "club");

    /**
     * A name CoreNLP reads as a person right after a noun for a team is that team ("Spanish first division team
     * Deportivo Coruna"); a place there stays a place, as a national team does.
     */
    static void teamsByTheirNoun(List<Token> tokens, List<Mention> mentions) {
        mentions.replaceAll(m -> m.known() == null && m.type().equals("PERSON") && m.from() > 0
                && TEAM_NOUNS.contains(tokens.get(m.from() - 1).text()) ? m.withType("ORGANIZATION") : m);
    }
}
