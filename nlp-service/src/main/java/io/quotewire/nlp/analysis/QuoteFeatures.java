package io.quotewire.nlp.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.quotewire.nlp.analysis.Attributor.Candidate;
import io.quotewire.nlp.analysis.Attributor.Context;

/**
 * What the quote model reads of quoted words to tell someone's words from a title, a scare quote or a
 * nickname: their length and shape, the word before and after the marks, their place in the paragraph, and
 * whether a rule finds a speaker with a cue for them.
 */
final class QuoteFeatures {

    /** Words before quoted words that name them rather than report them: "the “...” remark", "so-called". */
    private static final Set<String> BEFORE = Set.of("a", "an", "the", "his", "her", "their", "its", "our", "my",
            "your", "this", "that", "so-called", "as", "called", "dubbed", "word", "words", "term", "phrase", "slogan",
            "of", "about", "for", "by", "is", "was", "be", "and", "or", "to", "in", "on", "with", "read");

    private QuoteFeatures() {
    }

    static List<String> of(Context ctx, QuoteFinder.Found q, List<Candidate> candidates) {
        String text = ctx.doc().text;
        String quoted = q.text().strip();
        List<String> f = new ArrayList<>(24);
        int words = AttributionModel.words(quoted);
        f.add("words:" + (words <= 2 ? "1-2" : words <= 5 ? "3-5" : words <= 10 ? "6-10" : words <= 20 ? "11-20" : "21+"));
        char last = quoted.isEmpty() ? ' ' : quoted.charAt(quoted.length() - 1);
        f.add("ends:" + (".!?".indexOf(last) >= 0 ? "sentence" : ",;:".indexOf(last) >= 0 ? "comma" : "word"));
        f.add("starts:" + (!quoted.isEmpty() && Character.isUpperCase(quoted.codePointAt(0)) ? "capital" : "lower"));
        int capitalised = 0;
        for (String w : quoted.split("\\s+")) {
            if (!w.isEmpty() && Character.isUpperCase(w.codePointAt(0))) {
                capitalised++;
            }
        }
        if (words > 0 && capitalised * 2 > words) {
            f.add("capitalised:most");
        }
        String before = wordBefore(text, q.openMark());
        f.add("before:" + before);
        String after = after(text, q.afterClose());
        f.add("after:" + after);
        f.add("before:" + before + "&ends:" + f.get(1).substring(5));
        boolean opens = ArticleLayout.opensParagraph(text, q.openMark());
        boolean closes = lineBlankAfter(text, q.afterClose());
        f.add("paragraph:" + (opens && closes ? "whole" : opens ? "opens" : closes ? "closes" : "inside"));
        int open = ctx.doc().tokenAtOrAfter(q.openMark());
        if (open < ctx.doc().tokens.size() && ctx.caption()[ctx.doc().tokens.get(open).sentence()]) {
            f.add("caption");
        }
        f.add("candidates:" + Math.min(candidates.size(), 3));
        boolean direct = false;
        for (Candidate c : candidates) {
            if (c.rulesChoice()) {
                f.add("rules.choice:" + c.rules().iterator().next());
            }
            for (String rule : c.rules()) {
                direct |= !rule.startsWith("nearby") && !rule.startsWith("continues") && !rule.startsWith("next")
                        && !rule.startsWith("previous");
            }
            if (c.attribution().cueFrom() >= 0 && c.rules().contains("nearby.cue")) {
                f.add("nearby.cue");
            }
        }
        f.add(direct ? "cue:direct" : "cue:none");
        f.add((direct ? "cue:direct" : "cue:none") + "&words:" + f.get(0).substring(6));
        return f;
    }

    private static String wordBefore(String text, int mark) {
        int k = mark - 1;
        while (k >= 0 && text.charAt(k) == ' ') {
            k--;
        }
        if (k < 0 || text.charAt(k) == '\n') {
            return "start";
        }
        if (!Character.isLetter(text.charAt(k))) {
            return "punct";
        }
        int end = k + 1;
        while (k >= 0 && (Character.isLetter(text.charAt(k)) || text.charAt(k) == '-')) {
            k--;
        }
        String w = text.substring(k + 1, end).toLowerCase(Locale.ROOT);
        return BEFORE.contains(w) ? w : "word";
    }

    private static String after(String text, int afterClose) {
        int k = afterClose;
        while (k < text.length() && text.charAt(k) == ' ') {
            k++;
        }
        if (k >= text.length() || text.charAt(k) == '\n') {
            return "end";
        }
        char c = text.charAt(k);
        return Character.isLetter(c) ? (Character.isUpperCase(c) ? "word:capital" : "word") : "punct";
    }

    private static boolean lineBlankAfter(String text, int from) {
        for (int k = from; k < text.length() && text.charAt(k) != '\n'; k++) {
            if (!Character.isWhitespace(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
