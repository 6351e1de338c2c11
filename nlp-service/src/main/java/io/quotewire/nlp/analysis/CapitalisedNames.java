package io.quotewire.nlp.analysis;

import static io.quotewire.nlp.analysis.EntityFinder.isHyphen;
import static io.quotewire.nlp.analysis.EntityFinder.lower;
import static io.quotewire.nlp.analysis.EntityFinder.votes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

import io.quotewire.contract.NameKeys;
import io.quotewire.nlp.analysis.EntityFinder.Mention;

/**
 * Names in lines CoreNLP reads poorly, capitals (headlines, datelines) and title case ("Obama Power Plant Rules
 * Face Key Test"), read by what the article names elsewhere in ordinary case; and a name the article repeats
 * where CoreNLP reads none ({@link EntityFinder}'s steps after CoreNLP's runs).
 */
final class CapitalisedNames {

    private CapitalisedNames() {
    }

    /** The longest name, in words, looked for in capitals. */
    private static final int LONGEST_NAME_IN_CAPITALS = 6;

    /**
     * A name in a headline or a dateline in capitals, which CoreNLP reads poorly ("BARATELLI TO COACH NICE",
     * "ROMANIA COMELF H1 PROFIT RISE"), that the article names elsewhere in ordinary case is that name, with the
     * type it has there (the type most of its mentions have; none on a tie). Each word of those lines is tried as
     * the start of a name of up to {@value #LONGEST_NAME_IN_CAPITALS} words, longest first.
     */
    static void namesInCapitals(Doc doc, List<Mention> mentions, boolean[] shouting) {
        List<Token> tokens = doc.tokens;
        Map<String, Map<String, Integer>> votes = new HashMap<>();
        for (Mention m : mentions) {
            if (!shouting[tokens.get(m.from()).sentence()] && votes(doc, m) && m.to() - m.from() <= LONGEST_NAME_IN_CAPITALS) {
                votes.computeIfAbsent(capitals(tokens, m.from(), m.to()), k -> new HashMap<>()).merge(m.type(), 1, Integer::sum);
            }
        }
        if (!votes.isEmpty()) {
            namesLongestFirst(tokens, mentions, shouting, (from, to) -> majority(votes.get(capitals(tokens, from, to))));
        }
    }

    /** The type of the words {@code [from, to)} as a name, or null if they are none. */
    private interface NameType {
        String of(int from, int to);
    }

    /**
     * In the given sentences, each capitalised word no mention covers is tried as the start of a name of up to
     * {@value #LONGEST_NAME_IN_CAPITALS} words, longest first, as {@code type} reads it.
     */
    static void namesLongestFirst(List<Token> tokens, List<Mention> mentions, boolean[] sentences, NameType type) {
        boolean[] covered = covered(tokens, mentions);
        for (int i = 0; i < tokens.size(); i++) {
            int sentence = tokens.get(i).sentence();
            if (!sentences[sentence] || covered[i] || !tokens.get(i).capitalised()) {
                continue;
            }
            int end = i;
            while (end < tokens.size() && end < i + LONGEST_NAME_IN_CAPITALS && tokens.get(end).sentence() == sentence
                    && !covered[end]) {
                end++;
            }
            for (int j = end; j > i; j--) {
                String t = type.of(i, j);
                if (t != null) {
                    mentions.add(new Mention(i, j, tokens.get(i).start(), tokens.get(j - 1).end(), t, null));
                    i = j - 1;
                    break;
                }
            }
        }
    }

    /** "UNITED NATIONS" as "United Nations". */
    static String titleCase(String capitals) {
        StringBuilder sb = new StringBuilder(capitals.length());
        boolean wordStart = true;
        for (char c : capitals.toCharArray()) {
            sb.append(wordStart ? c : Character.toLowerCase(c));
            wordStart = !Character.isLetter(c);
        }
        return sb.toString();
    }

    /**
     * A name the article gives that CoreNLP leaves unread where it is repeated ("Oz took Trump through" after
     * "Dr. Mehmet Oz hosted"; "the most coveted bank is Mercantile" after "Mercantile said"): CoreNLP reads each
     * sentence on its own. A run of capitalised words no mention covers, in a sentence not in capitals, that is
     * exactly the text of a name mentioned elsewhere (not one the gazetteer knows), or the surname of a person
     * named in full, is that name, with the type most of its mentions have (none on a tie); a person's title opening
     * the run is not part of it ("Ms Page" after "Bettie Page"). A run of one word
     * opening its sentence is taken only if the article never writes the word in lower case ("Will the president
     * ..." is no mention of George Will).
     */
    static void repeatedNames(Doc doc, List<Mention> mentions, boolean[] shouting, Set<String> lowerCase) {
        List<Token> tokens = doc.tokens;
        Map<String, Map<String, Integer>> votes = namesAndSurnames(doc, mentions, sentence -> true);
        boolean[] covered = covered(tokens, mentions);
        for (int i = 0; i < tokens.size() && !votes.isEmpty();) {
            int sentence = tokens.get(i).sentence();
            if (shouting[sentence] || covered[i] || !tokens.get(i).capitalised()) {
                i++;
                continue;
            }
            int end = i;
            while (end < tokens.size() && tokens.get(end).sentence() == sentence && !covered[end]
                    && tokens.get(end).capitalised()) {
                end++;
            }
            while (i < end - 1 && EntityFinder.isPersonTitle(tokens.get(i))) {
                i++; // the name after a person's title ("Ms Page", "Sen. Warren")
            }
            // a part of a compound ("Hong Kong-listed", "UWP-Hachette") or of a name with a particle ("Van der
            // Westhuizen") is no mention of the name
            boolean compound = i > 0 && (isHyphen(tokens.get(i - 1)) && tokens.get(i - 1).end() == tokens.get(i).start()
                    || NameKeys.PARTICLES.contains(tokens.get(i - 1).text()))
                    || end < tokens.size() && isHyphen(tokens.get(end)) && tokens.get(end).start() == tokens.get(end - 1).end();
            Map<String, Integer> types = end - i <= LONGEST_NAME_IN_CAPITALS && !compound
                    ? votes.get(doc.span(tokens.get(i).start(), tokens.get(end - 1).end())) : null;
            String type = majority(types);
            if (type != null && end - i == 1 && (i == 0 || tokens.get(i - 1).sentence() != sentence)
                    && lowerCase.contains(lower(tokens.get(i)))) {
                type = null;
            }
            if (type != null) {
                mentions.add(new Mention(i, end, tokens.get(i).start(), tokens.get(end - 1).end(), type, null));
            }
            i = end;
        }
    }

    /**
     * The types the mentions of each name give it, as written, in the sentences {@code counts}, for names the
     * gazetteer does not know, not in capitals, of up to {@value #LONGEST_NAME_IN_CAPITALS} words; and the surname
     * of each person named in full, as a person's.
     */
    private static Map<String, Map<String, Integer>> namesAndSurnames(Doc doc, List<Mention> mentions,
            IntPredicate counts) {
        Map<String, Map<String, Integer>> votes = new HashMap<>();
        for (Mention m : mentions) {
            if (!counts.test(doc.tokens.get(m.from()).sentence()) || !votes(doc, m)
                    || m.to() - m.from() > LONGEST_NAME_IN_CAPITALS) {
                continue;
            }
            votes.computeIfAbsent(doc.span(m.start(), m.end()), k -> new HashMap<>()).merge(m.type(), 1, Integer::sum);
            String surname = m.type().equals("PERSON") && m.to() - m.from() >= 2 ? surname(doc.tokens, m) : null;
            if (surname != null) {
                votes.computeIfAbsent(surname, k -> new HashMap<>()).merge("PERSON", 1, Integer::sum);
            }
        }
        return votes;
    }

    /** Which tokens a mention covers. */
    static boolean[] covered(List<Token> tokens, List<Mention> mentions) {
        boolean[] covered = new boolean[tokens.size()];
        for (Mention m : mentions) {
            for (int k = m.from(); k < m.to(); k++) {
                covered[k] = true;
            }
        }
        return covered;
    }

    /**
     * The last word of a person's name of two words or more, as written, that is no suffix or particle ("Jr", "II"),
     * or null if it is not capitalised.
     */
    static String surname(List<Token> tokens, Mention m) {
        for (int k = m.to() - 1; k > m.from(); k--) {
            String w = tokens.get(k).text();
            if (!NameKeys.PARTICLES.contains(w.toLowerCase(Locale.ROOT).replace(".", ""))
                    && w.chars().anyMatch(Character::isLowerCase)) {
                return w.length() > 1 && Character.isUpperCase(w.charAt(0)) ? w : null;
            }
        }
        return null;
    }

    static String capitals(List<Token> tokens, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int k = from; k < to; k++) {
            s.append(k > from ? " " : "").append(tokens.get(k).text().toUpperCase(Locale.ROOT));
        }
        return s.toString();
    }

    /** The type most votes give, or null on a tie or without votes. */
    static String majority(Map<String, Integer> types) {
        if (types == null) {
            return null;
        }
        String best = null;
        int most = 0;
        boolean tie = false;
        for (Map.Entry<String, Integer> e : types.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
                tie = false;
            } else if (e.getValue() == most) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    /**
     * Words a headline in title case capitalises that are no names: the small words of a sentence. With the words
     * the article writes in lower case elsewhere, they tell a headline in title case from a line of names.
     */
    private static final Set<String> TITLE_CASE_SMALL_WORDS = Set.of("a", "an", "the", "and", "but", "or", "nor", "so",
            "yet", "as", "at", "by", "for", "from", "in", "into", "of", "on", "onto", "to", "with", "over", "about",
            "after", "before", "against", "amid", "up", "down", "out", "off", "than", "that", "this", "these", "those",
            "what", "when", "who", "why", "how", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
            "would", "could", "should", "can", "may", "might", "must", "do", "does", "did", "not", "its", "their",
            "his", "her", "our", "your", "says", "said", "say");

    /**
     * Sentences in title case, as headlines are often written ("Stealth Over Health: Clinton Was Headed to ER"):
     * CoreNLP reads their capitalised verbs and nouns as names ("Washington Post Hit Piece Exploits Trump"), so
     * its names there are not trusted. A sentence, not in capitals, whose words of four letters or more are all
     * capitalised (at least three of them; small words may be in lower case: "Calls for", "from"), as is its first
     * word, with at most one number and one comma and no bracket (not a line of a table or a list of players), and
     * with, after its first word, a capitalised small word ("Over", "Was") or two capitalised words the article
     * writes in lower case elsewhere ("Voters", "Health"), which are no names.
     */
    static boolean[] titleCaseSentences(List<Token> tokens, boolean[] shouting, Set<String> lowerCase) {
        int sentences = shouting.length;
        int[] content = new int[sentences];
        int[] lower = new int[sentences];
        int[] numbers = new int[sentences];
        int[] commas = new int[sentences];
        int[] brackets = new int[sentences];
        boolean[] firstWordSeen = new boolean[sentences];
        for (Token t : tokens) {
            String w = t.text();
            int s = t.sentence();
            if (w.isEmpty()) {
                continue;
            }
            char c = w.charAt(0);
            if (Character.isLetter(c)) {
                if (Character.isLowerCase(c) && !firstWordSeen[s]) {
                    lower[s]++; // a title begins with a capital
                }
                firstWordSeen[s] = true;
                if (w.length() >= 4 && !TITLE_CASE_SMALL_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
                    content[s]++;
                    if (!Character.isUpperCase(c)) {
                        lower[s]++;
                    }
                }
            } else if (Character.isDigit(c)) {
                numbers[s]++;
            } else if (t.isPunct(',')) {
                commas[s]++;
            } else if (t.isPunct('(') || t.isPunct(')')) {
                brackets[s]++;
            }
        }
        boolean[] titled = new boolean[sentences];
        int[] commonWords = new int[sentences];
        for (int i = 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int s = t.sentence();
            if (shouting[s] || content[s] < 3 || lower[s] > 0 || numbers[s] > 1 || commas[s] > 1 || brackets[s] > 0
                    || tokens.get(i - 1).sentence() != s || !t.capitalised() || t.text().length() < 2
                    || !Character.isLowerCase(t.text().charAt(1))) {
                continue;
            }
            String word = lower(t);
            if (TITLE_CASE_SMALL_WORDS.contains(word)) {
                commonWords[s] += 2; // one is enough
            } else if (lowerCase.contains(word)
                    || word.endsWith("s") && lowerCase.contains(word.substring(0, word.length() - 1))) {
                commonWords[s]++;
            }
            titled[s] = commonWords[s] >= 2;
        }
        return titled;
    }

    /**
     * The names of a sentence in title case are those the article gives elsewhere, in sentences that are neither
     * in title case nor in capitals, with the type most of their mentions have there (none on a tie), or the
     * surname of a person it names in full: each capitalised word no well-known name covers is tried as the start
     * of such a name of up to {@value #LONGEST_NAME_IN_CAPITALS} words, longest first. A one-word name is not
     * taken where the article writes the word in lower case. CoreNLP's names there were not taken.
     */
    static void namesInTitleCase(Doc doc, List<Mention> mentions, boolean[] titled, boolean[] shouting,
            Set<String> lowerCase) {
        List<Token> tokens = doc.tokens;
        Map<String, Map<String, Integer>> votes = namesAndSurnames(doc, mentions, s -> !titled[s] && !shouting[s]);
        if (votes.isEmpty()) {
            return;
        }
        namesLongestFirst(tokens, mentions, titled, (from, to) -> {
            if (to - from == 1 && lowerCase.contains(lower(tokens.get(from)))) {
                return null;
            }
            String type = majority(votes.get(doc.span(tokens.get(from).start(), tokens.get(to - 1).end())));
            return type == null && fullNameOfAKnownPerson(tokens, from, to, votes, lowerCase) ? "PERSON" : type;
        });
    }

    /**
     * Words {@code [from, to)} of a sentence in title case that begin a name CoreNLP reads as a person's, two or
     * three, ending in the surname of a person the article names, none of them a small word or a word the article
     * writes in lower case: the full name of someone the article calls by surname ("Hillary Clinton" over "Clinton
     * said").
     */
    private static boolean fullNameOfAKnownPerson(List<Token> tokens, int from, int to,
            Map<String, Map<String, Integer>> votes, Set<String> lowerCase) {
        if (to - from < 2 || to - from > 3 || from > 0 && tokens.get(from - 1).ner().equals("PERSON")
                && tokens.get(from - 1).sentence() == tokens.get(from).sentence()
                || !"PERSON".equals(majority(votes.get(tokens.get(to - 1).text())))) {
            return false;
        }
        for (int k = from; k < to; k++) {
            Token t = tokens.get(k);
            if (!t.ner().equals("PERSON") || !t.capitalised() || TITLE_CASE_SMALL_WORDS.contains(lower(t))
                    || lowerCase.contains(lower(t))) {
                return false;
            }
        }
        return true;
    }

    /** The words the text writes in lower case (every token not capitalised), as written. */
    static Set<String> wordsInLowerCase(List<Token> tokens) {
        Set<String> words = new HashSet<>();
        for (Token t : tokens) {
            if (!t.capitalised()) {
                words.add(t.text());
            }
        }
        return words;
    }

    /** Sentences mostly in capitals (headlines, datelines): short capital aliases there are not trusted. */
    static boolean[] shoutingSentences(List<Token> tokens) {
        int sentences = tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).sentence() + 1;
        int[] letters = new int[sentences];
        int[] upper = new int[sentences];
        for (Token t : tokens) {
            for (int i = 0; i < t.text().length(); i++) {
                char c = t.text().charAt(i);
                if (Character.isLetter(c)) {
                    letters[t.sentence()]++;
                    if (Character.isUpperCase(c)) {
                        upper[t.sentence()]++;
                    }
                }
            }
        }
        boolean[] shouting = new boolean[sentences];
        for (int s = 0; s < sentences; s++) {
            shouting[s] = letters[s] > 0 && upper[s] > 0.6 * letters[s];
        }
        return shouting;
    }
}
