package io.quotewire.nlp.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What an article's layout tells the attribution ({@link Attributor}): the words within quotation marks, the
 * titles of works in them, the sentences that are captions or credits, the datelines, where a paragraph opens,
 * and the ranges whose parts of speech the attribution reads.
 */
final class ArticleLayout {

    private ArticleLayout() {
    }

    /**
     * The character ranges whose parts of speech and lemmas {@link Attributor#attribute} reads for these quotes, to be
     * tagged with the sentence before and the sentence after each (a cue after the quote, a line ending with
     * a colon before it): each quote from its opening to its closing mark, and the words between two quotes of
     * the same or adjacent paragraphs (a cue there breaks a continuation). Everything else it reads is names.
     */
    static List<int[]> reads(String text, List<QuoteFinder.Found> quotes) {
        int[] paragraph = Doc.paragraphs(text);
        List<int[]> ranges = new ArrayList<>();
        for (int i = 0; i < quotes.size(); i++) {
            QuoteFinder.Found q = quotes.get(i);
            int close = q.afterClose();
            ranges.add(new int[] { q.openMark(), close });
            if (i > 0) {
                QuoteFinder.Found p = quotes.get(i - 1);
                int prevClose = p.afterClose();
                if (paragraph[q.openMark()] - paragraph[p.openMark()] <= 1 && prevClose < q.openMark()) {
                    ranges.add(new int[] { prevClose, q.openMark() });
                }
            }
        }
        return ranges;
    }

    private static final Set<String> SMALL_WORDS = Set.of("of", "the", "and", "in", "on", "a", "an", "with", "for",
            "to", "at", "by", "or");

    /**
     * A title in quotation marks is not something said: words in title case (“Fox News Sunday”, “Contract with
     * America”), or one capitalised word that a noun for a work names (the film “Frost/Nixon”, the “Twilight”
     * franchise, NBC's “Today”).
     */
    static boolean isTitle(String text, QuoteFinder.Found q) {
        return isTitle(q.text()) || isNamedWork(text, q);
    }

    /** Nouns for a work before its title: the film “Frost/Nixon”, the musical “Carousel”. */
    private static final Set<String> WORKS = Set.of("film", "films", "movie", "movies", "show", "shows", "series",
            "musical", "play", "opera", "album", "song", "single", "book", "books", "novel", "memoir", "magazine",
            "newspaper", "documentary", "sitcom", "drama", "comedy", "epic", "hit", "blockbuster", "franchise", "program",
            "programme", "podcast", "column", "blog", "website", "app", "game", "video", "painting", "poem");

    /** Nouns after a work's title: the “Twilight” author, the “X-Men” movies. */
    private static final Set<String> AFTER_WORKS = Set.of("author", "director", "star", "stars", "franchise", "series",
            "movie", "movies", "film", "films", "cast", "actor", "actress", "creator", "producer", "producers", "host",
            "sequel", "sequels", "soundtrack", "book", "books", "novel", "novels", "trilogy", "saga", "episode", "episodes",
            "season", "fans", "premiere");

    private static boolean isNamedWork(String text, QuoteFinder.Found q) {
        String quoted = q.text();
        if (quoted.isEmpty() || quoted.chars().anyMatch(Character::isWhitespace) || !Character.isUpperCase(quoted.codePointAt(0))
                || quoted.matches("(?s).*[.!?,;:]$")) {
            return false;
        }
        String before = word(text, q.openMark() - 1, -1);
        String after = word(text, q.afterClose(), 1);
        return WORKS.contains(before.toLowerCase(java.util.Locale.ROOT))
                || (before.endsWith("'s") || before.endsWith("’s")) && Character.isUpperCase(before.codePointAt(0))
                || AFTER_WORKS.contains(after.toLowerCase(java.util.Locale.ROOT));
    }

    /** The word next to {@code from} in direction {@code step} (-1 before, 1 after), its punctuation trimmed. */
    private static String word(String text, int from, int step) {
        int i = from;
        while (i >= 0 && i < text.length() && (Character.isWhitespace(text.charAt(i)) || ",;:".indexOf(text.charAt(i)) >= 0)
                && text.charAt(i) != '\n') {
            i += step;
        }
        int j = i;
        while (j >= 0 && j < text.length() && !Character.isWhitespace(text.charAt(j)) && "“”\"‘(),;:.!?".indexOf(text.charAt(j)) < 0) {
            j += step;
        }
        if (step < 0) {
            return j < i ? text.substring(j + 1, i + 1) : "";
        }
        return j > i ? text.substring(i, j) : "";
    }

    static boolean isTitle(String quoted) {
        String[] words = quoted.trim().split("\\s+");
        if (words.length > 8 || quoted.matches("(?s).*[.!?,;:]$")) {
            return false;
        }
        int capitalised = 0;
        int counted = 0;
        for (String w : words) {
            if (SMALL_WORDS.contains(w)) {
                continue;
            }
            counted++;
            if (!w.isEmpty() && Character.isUpperCase(w.codePointAt(0))) {
                capitalised++;
            }
        }
        return counted > 0 && capitalised == counted && words.length >= 2;
    }

    /** Whether only blanks stand between the start of the line and {@code mark}. */
    static boolean opensParagraph(String text, int mark) {
        for (int k = mark - 1; k >= 0; k--) {
            char c = text.charAt(k);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** The tokens within the marks of {@code quotes}. */
    static boolean[] marked(Doc doc, List<QuoteFinder.Found> quotes) {
        boolean[] marked = new boolean[doc.tokens.size()];
        for (QuoteFinder.Found q : quotes) {
            int close = q.afterClose();
            for (int k = doc.tokenAtOrAfter(q.openMark()); k < doc.tokens.size() && doc.tokens.get(k).start() < close; k++) {
                marked[k] = true;
            }
        }
        return marked;
    }

    /**
     * Sentences that are photo credits, captions or bylines: their names are never speakers. A slash marks a credit
     * ("REUTERS/Jim Bourg", "(SVP/Global Risk Insights)"), but not between numbers ("9/11") nor within quotation
     * marks (“Frost/Nixon”), the tokens of quotes and titles {@link #marked} gives.
     */
    static boolean[] captions(Doc doc, boolean[] inQuote, boolean[] inTitle) {
        List<Token> tokens = doc.tokens;
        int sentences = tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).sentence() + 1;
        boolean[] caption = new boolean[sentences];
        for (int k = 0; k < tokens.size(); k++) {
            String w = tokens.get(k).text();
            if (w.equals("Photo") || w.equals("Credit") || w.equals("Getty") || w.equals("Caption")
                    || w.equalsIgnoreCase("By") && k + 1 < tokens.size() && tokens.get(k + 1).capitalised()
                            && (k == 0 || tokens.get(k - 1).sentence() != tokens.get(k).sentence())
                    || w.equals("/") && !inQuote[k] && !inTitle[k] && !betweenNumbers(tokens, k) || w.equals("File")) {
                caption[tokens.get(k).sentence()] = true;
            }
        }
        return caption;
    }

    private static boolean betweenNumbers(List<Token> tokens, int k) {
        return k > 0 && k + 1 < tokens.size() && Character.isDigit(tokens.get(k - 1).text().charAt(0))
                && Character.isDigit(tokens.get(k + 1).text().charAt(0));
    }

    /**
     * The tokens of datelines: a paragraph that opens with a word in capitals, up to the dash that ends the place
     * and what follows it ("JACKSON, Miss. -", "WASHINGTON, Dec. 8 (UPI) —"), with no word in lower case before the
     * dash. A place or agency there is never a speaker.
     */
    static boolean[] datelines(Doc doc) {
        List<Token> tokens = doc.tokens;
        boolean[] dateline = new boolean[tokens.size()];
        for (int k = 0; k < tokens.size(); k++) {
            if (k > 0 && tokens.get(k - 1).paragraph() == tokens.get(k).paragraph() || !inCapitals(tokens.get(k).text())) {
                continue;
            }
            int place = k + 1; // the place in capitals, then a comma, a bracket or the dash
            while (place < tokens.size() && inCapitals(tokens.get(place).text())) {
                place++;
            }
            if (place >= tokens.size() || !tokens.get(place).isPunct(',') && !tokens.get(place).isPunct('(')
                    && !tokens.get(place).text().matches(Attributor.DASH)) {
                continue;
            }
            for (int d = place; d < tokens.size() && d <= k + 12 && tokens.get(d).paragraph() == tokens.get(k).paragraph(); d++) {
                String w = tokens.get(d).text();
                if (w.matches(Attributor.DASH)) {
                    Arrays.fill(dateline, k, d + 1, true);
                    break;
                }
                if (Character.isLowerCase(w.codePointAt(0)) || w.startsWith("“") || w.startsWith("\"")) {
                    break;
                }
            }
        }
        return dateline;
    }

    private static boolean inCapitals(String word) {
        return word.length() >= 2 && word.chars().allMatch(c -> Character.isUpperCase(c) || c == '.' || c == '\'' || c == '-');
    }
}
