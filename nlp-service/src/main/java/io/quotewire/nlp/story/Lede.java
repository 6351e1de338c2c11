package io.quotewire.nlp.story;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quotewire.contract.DateLines;
import io.quotewire.nlp.analysis.Analysis;

/**
 * The start of an article's news: its title and its first lines, skipping those that carry none (a link, a
 * dateline, the {@code date YYYY-MM-DD} line of the sample files), read once per article. What the story embedding
 * reads ({@link #words}), and the story's summary line ({@link #summary}: the first sentence of the news).
 *
 * @param title the article's title, or null
 * @param lines the first lines that carry news
 */
public record Lede(String title, List<String> lines) {

    /** The longest summary, in characters; a longer first sentence is cut at a word and ends with "…". */
    public static final int MAX_SUMMARY = 300;
    /** How many lines are read: the news starts within them or the article has no lede to speak of. */
    private static final int HEAD_LINES = 16;

    private static final Pattern WORDS = Pattern.compile("\\s+");
    /** A sentence's end: ., ! or ?, closing quotes or brackets, a space, then what starts a sentence. */
    private static final Pattern END = Pattern.compile("([.!?])[\"”’')\\]]*\\s+(?=[\"“‘(\\[]?[\\p{Lu}\\d])");
    /** Words a full stop follows without ending a sentence ("Mr. Trump", "Gen. Votel", "U.S. troops"). */
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov",
            "col", "sgt", "capt", "lt", "maj", "adm", "jr", "sr", "st", "mt", "ave", "no", "inc", "corp", "co", "ltd",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "rev", "hon");

    /** The lede of an article with this title (or none) and text. */
    public static Lede of(String title, String text) {
        List<String> lines = new ArrayList<>();
        for (String line : DateLines.strip(text).split("\n", HEAD_LINES + 1)) {
            String l = line.strip();
            if (!l.isEmpty() && !Dateline.isLink(l) && !Dateline.isDateLine(l)) {
                lines.add(l.length() > 2_000 ? l.substring(0, 2_000) : l);
            }
        }
        return new Lede(title, List.copyOf(lines));
    }

    /** The title, then the news's first {@code words} words: what the story embedding reads. */
    public String words(int words) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        if (title != null && !title.isBlank()) {
            out.append(title.strip()).append(".\n");
        }
        for (String l : lines) {
            for (String w : WORDS.split(l)) {
                if (n++ >= words) {
                    return out.toString().strip();
                }
                out.append(w).append(' ');
            }
            out.append('\n');
        }
        return out.toString().strip();
    }

    /**
     * The ids of the entities the lede names: its title or first {@code words} words hold the entity's name, or a
     * form it is mentioned by, as whole words. Who or what the news is about, as against who else the article
     * mentions further down.
     */
    public Set<String> named(Collection<Analysis.Entity> entities, int words) {
        String head = words(words);
        Set<String> named = new TreeSet<>();
        for (Analysis.Entity e : entities) {
            Set<String> forms = new LinkedHashSet<>(e.aliases()); // mentions repeat the same few forms
            forms.add(e.name());
            e.mentions().forEach(m -> forms.add(m.text()));
            for (String form : forms) {
                if (form != null && form.length() > 1 && wholeWord(head, form)) {
                    named.add(e.id());
                    break;
                }
            }
        }
        return named;
    }

    private static boolean wholeWord(String text, String form) {
        for (int at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
            int end = at + form.length();
            if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first sentence of the news (the line repeating the title skipped), at most {@link #MAX_SUMMARY}
     * characters; null when the text has no line of news.
     */
    public String summary() {
        for (String l : lines) {
            if (title != null && l.equalsIgnoreCase(title.strip())) {
                continue;
            }
            String sentence = firstSentence(l);
            if (sentence.length() <= MAX_SUMMARY) {
                return sentence;
            }
            int cut = sentence.lastIndexOf(' ', MAX_SUMMARY - 1);
            return sentence.substring(0, cut > MAX_SUMMARY / 2 ? cut : MAX_SUMMARY - 1).stripTrailing() + "…";
        }
        return null;
    }

    private static String firstSentence(String line) {
        Matcher m = END.matcher(line);
        while (m.find()) {
            if (m.group(1).equals(".") && abbreviation(line, m.start())) {
                continue;
            }
            return line.substring(0, m.end()).strip();
        }
        return line;
    }

    /** Whether the full stop at {@code dot} ends an abbreviation or an initial ("U.S.", "J. Smith", "Gen."). */
    private static boolean abbreviation(String line, int dot) {
        int start = dot;
        while (start > 0 && (Character.isLetter(line.charAt(start - 1)) || line.charAt(start - 1) == '.')) {
            start--;
        }
        String word = line.substring(start, dot);
        return word.contains(".") || word.length() == 1 && Character.isUpperCase(word.charAt(0))
                || ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }
}
