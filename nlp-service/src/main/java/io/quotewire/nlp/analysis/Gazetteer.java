package io.quotewire.nlp.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Well-known places, organisations and groups with their aliases ({@code quotewire/gazetteer.tsv}), matched
 * on whole tokens, case-sensitively, longest first.
 */
final class Gazetteer {

    record Entry(String type, String canonical) {
    }

    /** A match: tokens {@code [from, to)} name {@code entry}. */
    record Match(int from, int to, Entry entry) {
    }

    /** Alias split into token texts the way CoreNLP tokenises them, keyed by its first token. */
    private final Map<String, List<Alias>> byFirstToken = new HashMap<>();

    private record Alias(String[] tokens, Entry entry) {
    }

    static Gazetteer load() {
        try (InputStream in = Gazetteer.class.getResourceAsStream("/quotewire/gazetteer.tsv")) {
            if (in == null) {
                throw new IllegalStateException("quotewire/gazetteer.tsv is missing from the classpath");
            }
            Gazetteer g = new Gazetteer();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                Entry entry = new Entry(cols[0], cols[1]);
                g.add(cols[1], entry);
                if (cols.length > 2) {
                    for (String alias : cols[2].split("\\|")) {
                        g.add(alias, entry);
                    }
                }
            }
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String alias, Entry entry) {
        String[] tokens = tokenise(alias);
        byFirstToken.computeIfAbsent(tokens[0], k -> new ArrayList<>()).add(new Alias(tokens, entry));
        byFirstToken.get(tokens[0]).sort((a, b) -> b.tokens.length - a.tokens.length);
    }

    /**
     * Splits like CoreNLP: on spaces, hyphens and a trailing possessive; not after a lone "e", which CoreNLP keeps
     * with the word after it as in "e-mail" ("Lashkar - e-Taiba").
     */
    private static String[] tokenise(String alias) {
        return alias.replace("-", " - ").replaceAll("(^| )e - ", "$1e-").replace("'s ", " 's ").trim().split("\\s+");
    }

    /** Longest non-overlapping matches in {@code tokens}; short all-capital aliases are skipped in shouting lines. */
    List<Match> find(List<Token> tokens, java.util.function.IntPredicate shouting) {
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < tokens.size();) {
            List<Alias> candidates = byFirstToken.get(normalQuotes(tokens.get(i).text()));
            Match found = null;
            if (candidates != null) {
                for (Alias alias : candidates) {
                    if (matchesAt(tokens, i, alias.tokens)
                            && !(alias.tokens.length == 1 && isShortCaps(alias.tokens[0]) && shouting.test(i))) {
                        found = new Match(i, i + alias.tokens.length, alias.entry);
                        break;
                    }
                }
            }
            if (found != null) {
                matches.add(found);
                i = found.to();
            } else {
                i++;
            }
        }
        return matches;
    }

    /** The entry one of whose names is exactly {@code name}, or null. */
    Entry lookup(String name) {
        String[] tokens = tokenise(name);
        for (Alias alias : byFirstToken.getOrDefault(tokens[0], List.of())) {
            if (Arrays.equals(alias.tokens, tokens)) {
                return alias.entry;
            }
        }
        return null;
    }

    private static boolean matchesAt(List<Token> tokens, int i, String[] alias) {
        if (i + alias.length > tokens.size()) {
            return false;
        }
        for (int k = 0; k < alias.length; k++) {
            Token t = tokens.get(i + k);
            if (!normalQuotes(t.text()).equals(alias[k])) {
                return false;
            }
            // an alias is one name: its tokens are adjacent (no line break or gap of more than a space)
            if (k > 0 && t.start() - tokens.get(i + k - 1).end() > 1) {
                return false;
            }
        }
        return true;
    }

    private static String normalQuotes(String s) {
        return s.indexOf('\u2019') >= 0 ? s.replace('\u2019', '\'') : s;
    }

    private static boolean isShortCaps(String s) {
        if (s.replace(".", "").length() > 4) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLowerCase(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Countries by their English names. A country's team, government and territory are one place, as news annotation
     * has them (national teams in results, "Iran said").
     */
    static final Set<String> COUNTRIES = countries();

    private static Set<String> countries() {
        Set<String> names = new HashSet<>(Set.of("England", "Scotland", "Wales", "Northern Ireland", "Ireland",
                "Republic of Ireland", "U.S.", "USA", "United States", "Russia", "South Korea", "North Korea",
                "Czech Republic", "Ivory Coast", "Congo", "Zaire", "Yugoslavia", "Holland", "Macedonia", "Bosnia"));
        for (String code : Locale.getISOCountries()) {
            names.add(new Locale("", code).getDisplayCountry(Locale.ENGLISH));
        }
        return names;
    }

    /** Countries whose name is also a well-known club's or racing team's, as news writes them (AS Monaco, Jordan). */
    private static final Set<String> CLUBS_NAMED_AS_COUNTRIES = Set.of("Monaco", "Jordan");

    /** A country's name, and no club's or team's as well. */
    static boolean isCountry(String name) {
        return COUNTRIES.contains(name) && !CLUBS_NAMED_AS_COUNTRIES.contains(name);
    }
}
