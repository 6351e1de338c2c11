package io.quotewire.nlp.analysis;

import static io.quotewire.nlp.analysis.EntityFinder.cleanName;
import static io.quotewire.nlp.analysis.EntityFinder.lower;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quotewire.contract.NameKeys;
import io.quotewire.nlp.analysis.EntityFinder.Cluster;
import io.quotewire.nlp.analysis.EntityFinder.Mention;
import io.quotewire.nlp.analysis.EntityFinder.Result;

/**
 * The named mentions of a text grouped into one entity per real-world thing: the short forms of a person's name
 * join the full one (Kadhimi, al-Kadhimi and Mustafa al Kadhimi), other names group by their canonical name or
 * their key, an acronym joins the organisation whose initials it spells, and a one-word short form the one longer
 * organisation it begins. Titles and appositions give people roles ("the president") that the attribution uses
 * to resolve role nouns.
 */
final class EntityGroups {

    private EntityGroups() {
    }

    /**
     * The most person mentions grouped by their words (a short form joining the full name it belongs to). A
     * news article has tens; past this many the text is a list of names, and the rest are grouped by their key.
     */
    static final int MAX_GROUPED = 5000;

    static Result of(Doc doc, List<Mention> mentions) {
        List<Token> tokens = doc.tokens;
        Map<String, Cluster> byKey = new LinkedHashMap<>();
        Map<Mention, Cluster> of = new HashMap<>();
        List<Cluster> people = new ArrayList<>();

        // people: longest names first, so a short form can join the full name it belongs to
        // (the first MAX_GROUPED of them; the rest, in a text that is a list of names, are grouped by their key below)
        List<Mention> persons = mentions.stream().filter(m -> m.type().equals("PERSON") && m.known() == null)
                .sorted(Comparator.comparingInt((Mention m) -> -NameKeys.personWords(doc.span(m.start(), m.end())).size())
                        .thenComparingInt(Mention::from))
                .limit(MAX_GROUPED)
                .toList();
        // the people whose full name has a word: a short form is looked for only among those with its last word
        Map<String, List<Cluster>> byWord = new HashMap<>();
        Map<Cluster, List<String>> fullWords = new HashMap<>();
        for (Mention m : persons) {
            List<String> words = NameKeys.personWords(doc.span(m.start(), m.end()));
            if (words.isEmpty()) {
                continue;
            }
            Cluster best = null;
            int bestLast = -1;
            for (Cluster c : byWord.getOrDefault(words.get(words.size() - 1), List.of())) {
                List<String> full = fullWords.get(c);
                if (full.containsAll(words) && sameSurnameOrFirstOnly(full, words)) {
                    int last = lastMentionBefore(c, m.from());
                    if (best == null || last > bestLast) {
                        best = c;
                        bestLast = last;
                    }
                }
            }
            if (best == null) {
                best = new Cluster("PERSON", cleanName(doc.span(m.start(), m.end())));
                people.add(best);
                byKey.put("PERSON|" + NameKeys.key(best.name) + "|" + people.size(), best);
                List<String> full = NameKeys.personWords(best.name);
                fullWords.put(best, full);
                for (String w : new LinkedHashSet<>(full)) {
                    byWord.computeIfAbsent(w, k -> new ArrayList<>()).add(best);
                }
            }
            best.mentions.add(m);
            of.put(m, best);
        }
        // the rest: by canonical name (well-known) or by the name's key
        for (Mention m : mentions) {
            if (of.containsKey(m)) {
                continue;
            }
            String name = m.known() != null ? m.known().canonical() : cleanName(doc.span(m.start(), m.end()));
            String key = m.type() + "|" + NameKeys.key(name);
            Cluster c = byKey.computeIfAbsent(key, k -> new Cluster(m.type(), name));
            if (isCapitals(c.name) && !isCapitals(name)) {
                c.name = name; // named in ordinary case rather than as a headline wrote it ("COMELF", then "Comelf")
            }
            c.mentions.add(m);
            of.put(m, c);
        }
        linkAcronyms(byKey, of);
        linkShortForms(byKey, of);

        Cluster[] byToken = new Cluster[tokens.size()];
        List<Cluster> clusters = new ArrayList<>(new LinkedHashSet<>(of.values()));
        for (Map.Entry<Mention, Cluster> e : of.entrySet()) {
            for (int k = e.getKey().from(); k < e.getKey().to(); k++) {
                byToken[k] = e.getValue();
            }
        }
        for (Cluster c : clusters) {
            c.mentions.sort(Comparator.comparingInt(Mention::from));
            for (Mention m : c.mentions) {
                String surface = cleanName(doc.span(m.start(), m.end()));
                if (!surface.equals(c.name)) {
                    c.surface.add(surface);
                }
            }
        }
        clusters.sort(Comparator.comparingInt(c -> c.mentions.get(0).from()));
        findRoles(doc, mentions, of);
        return new Result(clusters, byToken, mentions, of);
    }

    /** Whether a name has no lower-case letter. */
    private static boolean isCapitals(String name) {
        return name.chars().noneMatch(Character::isLowerCase);
    }

    /** "Trump" joins "Donald Trump"; "Donald" alone joins too; "Ivanka Trump" does not join "Donald Trump". */
    private static boolean sameSurnameOrFirstOnly(List<String> full, List<String> words) {
        return words.size() == full.size() || words.get(words.size() - 1).equals(full.get(full.size() - 1))
                || words.size() == 1 && words.get(0).equals(full.get(0));
    }

    private static int lastMentionBefore(Cluster c, int token) {
        int last = -1;
        for (Mention m : c.mentions) {
            if (m.from() < token) {
                last = Math.max(last, m.from());
            }
        }
        return last;
    }

    /** An acronym (CENTCOM aside) whose letters are the initials of another organisation's name is that organisation. */
    private static void linkAcronyms(Map<String, Cluster> byKey, Map<Mention, Cluster> of) {
        Map<String, Cluster> byInitials = new HashMap<>();
        for (Cluster c : byKey.values()) {
            if (!c.type.equals("ORGANIZATION")) {
                continue;
            }
            StringBuilder initials = new StringBuilder();
            for (String w : c.name.split("[\\s-]+")) {
                if (!w.isEmpty() && Character.isUpperCase(w.charAt(0))) {
                    initials.append(w.charAt(0));
                }
            }
            if (initials.length() >= 2) {
                byInitials.putIfAbsent(initials.toString(), c);
            }
        }
        for (Cluster c : new ArrayList<>(byKey.values())) {
            String letters = c.name.replace(".", "");
            if (c.type.equals("ORGANIZATION") && letters.length() >= 2 && letters.equals(letters.toUpperCase(Locale.ROOT))) {
                Cluster full = byInitials.get(letters);
                if (full != null && full != c) {
                    join(c, full, of);
                }
            }
        }
        byKey.values().removeIf(c -> c.mentions.isEmpty());
    }

    /**
     * An organisation's one-word short form (Magna) whose word begins exactly one longer organisation's name in the
     * article (Magna International Inc) is that organisation.
     */
    private static void linkShortForms(Map<String, Cluster> byKey, Map<Mention, Cluster> of) {
        Map<String, List<Cluster>> byFirstWord = new HashMap<>();
        for (Cluster c : byKey.values()) {
            String[] words = c.name.split(" ");
            if (c.type.equals("ORGANIZATION") && words.length > 1) {
                byFirstWord.computeIfAbsent(words[0].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(c);
            }
        }
        for (Cluster c : byKey.values()) {
            List<Cluster> longer = byFirstWord.get(c.name.toLowerCase(Locale.ROOT));
            if (c.type.equals("ORGANIZATION") && !c.name.contains(" ") && longer != null && longer.size() == 1) {
                join(c, longer.get(0), of);
            }
        }
        byKey.values().removeIf(c -> c.mentions.isEmpty());
    }

    /** The mentions of {@code part} become {@code full}'s; {@code part} is left empty, for its caller to drop. */
    private static void join(Cluster part, Cluster full, Map<Mention, Cluster> of) {
        full.mentions.addAll(part.mentions);
        part.mentions.forEach(m -> of.put(m, full));
        part.mentions.clear();
    }

    /**
     * Titles before a person's name ("Prime Minister Mustafa al Kadhimi") and appositions ("McKenzie, the
     * commander"); not the subject of the clause after the name ("..., the Democratic presidential candidate stated").
     */
    private static void findRoles(Doc doc, List<Mention> mentions, Map<Mention, Cluster> of) {
        List<Token> tokens = doc.tokens;
        for (Mention m : mentions) {
            Cluster c = of.get(m);
            if (c == null || !c.type.equals("PERSON")) {
                continue;
            }
            // title words right before the name, and the original title tokens inside CoreNLP's span
            StringBuilder title = new StringBuilder();
            for (int k = m.from() - 1; k >= 0 && k >= m.from() - 4; k--) {
                String w = lower(tokens.get(k));
                if (!EntityFinder.TITLES.contains(w) && !tokens.get(k).ner().equals("NORP")) {
                    break;
                }
                title.insert(0, w + " ");
            }
            addRoles(title.toString(), c);
            // apposition: NAME , the ROLE of ...
            int k = m.to();
            if (k + 2 < tokens.size() && tokens.get(k).isPunct(',') && lower(tokens.get(k + 1)).matches("the|a|an")) {
                StringBuilder appos = new StringBuilder();
                boolean clause = false; // "In an interview with Mika Brzezinski, the candidate stated": a subject
                for (int j = k + 2; j < tokens.size() && j < k + 8 && !tokens.get(j).isPunct(',')
                        && !tokens.get(j).isPunct('.'); j++) {
                    clause |= tokens.get(j).isFiniteVerb();
                    appos.append(lower(tokens.get(j))).append(' ');
                    if (tokens.get(j).text().equals("of")) {
                        break;
                    }
                }
                if (!clause) {
                    addRoles(appos.toString(), c);
                }
            }
        }
    }

    private static void addRoles(String words, Cluster c) {
        String w = " " + words.trim() + " ";
        for (String role : EntityFinder.ROLES) {
            if (w.contains(" " + role + " ")) {
                c.roles.add(role);
            }
        }
        if (w.contains(" prime minister ")) {
            c.roles.add("premier");
        }
    }
}
