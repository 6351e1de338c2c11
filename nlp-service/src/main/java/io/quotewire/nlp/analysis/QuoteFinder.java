package io.quotewire.nlp.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Direct quotes in raw text: curly, straight, low-9 and guillemet marks, mismatched pairs (“..."), single marks
 * in a text that quotes in them
 * (not inch marks after a number, nor the values of markup attributes left in a page's text, nor a straight
 * mark that can only close: after a word, before a space), quotes of several sentences, quotes within a quote
 * written with double marks (“... he calls “hell” than ...”: the inner pair does not end the outer quote; a left
 * mark that nothing after it in the paragraph closes is a right mark mistyped, and ends the quote: “...,
 * “said Stefanski.), and
 * quotes that run over paragraphs by the news convention (a paragraph that ends inside a quote and a next one
 * that opens again). A quote that is still open at the end of its paragraph, with no continuation, ends there.
 */
final class QuoteFinder {

    /** A quote: the quoted words {@code [start, end)} and the marks around them. */
    record Found(int start, int end, int openMark, int closeMark, String text) {

        /** The offset just past the closing mark, or past the words of a quote that was never closed. */
        int afterClose() {
            return closeMark >= 0 ? closeMark + 1 : end;
        }
    }

    private QuoteFinder() {
    }

    static boolean isOpener(char c) {
        return c == '\u201C' || c == '"' || c == '\u201E' || c == '\u00AB' || c == '\u201F';
    }

    static boolean isCloser(char c) {
        return c == '\u201D' || c == '"' || c == '\u00BB';
    }

    /**
     * The quotes of a text: in double marks, or in single marks where the text quotes in those (‘...,’ she said),
     * as some outlets do: where its quotes of three words or more in single marks outnumber those in double marks.
     * Not in a text whose double marks are two apostrophes (''...''), where single marks quote within a quote.
     */
    static List<Found> find(String text) {
        List<Found> doubles = findMarked(text);
        if (text.indexOf("''") < 0) {
            int[] longPairs = new int[1];
            String singles = singlesAsDoubles(text, longPairs);
            if (singles != null && longPairs[0] > doubles.stream().filter(q -> AttributionModel.words(q.text()) >= 3).count()) {
                return findMarked(singles);
            }
        }
        return doubles;
    }

    /**
     * The text with its pairs of single marks as double ones, offsets kept, or null if it has none. A pair opens
     * with a left mark or an apostrophe at a word's start, before a letter, and closes with the first right mark or
     * apostrophe after it in the paragraph that follows a letter, a digit or a sentence's punctuation and precedes a
     * space, punctuation or the end ("rock 'n' roll" and "the '80s" open none; "it's" closes none); the words
     * between hold a space. {@code longPairs} counts the pairs of three words or more.
     */
    private static String singlesAsDoubles(String text, int[] longPairs) {
        char[] c = text.toCharArray();
        int n = c.length;
        // in one pass each: the first closing mark at or after each offset in its paragraph, the spaces before each
        int[] nextClose = nextInParagraph(text, j -> (c[j] == '\u2019' || c[j] == '\'') && j > 0
                && (Character.isLetterOrDigit(c[j - 1]) || ".,!?".indexOf(c[j - 1]) >= 0)
                && (j + 1 >= n || Character.isWhitespace(c[j + 1]) || ".,;:!?)—–-".indexOf(c[j + 1]) >= 0));
        int[] spacesBefore = new int[n + 1];
        for (int j = 0; j < n; j++) {
            spacesBefore[j + 1] = spacesBefore[j] + (c[j] == ' ' && j > 0 && c[j - 1] != ' ' ? 1 : 0);
        }
        boolean changed = false;
        for (int i = 0; i < n - 1; i++) {
            if ((c[i] != '\u2018' && c[i] != '\'') || !Character.isLetter(c[i + 1])
                    || i > 0 && !Character.isWhitespace(c[i - 1]) && "([—–-\"“".indexOf(c[i - 1]) < 0) {
                continue;
            }
            int j = nextClose[i + 1];
            int spaces = j < 0 ? 0 : spacesBefore[j] - spacesBefore[i + 1];
            if (spaces > 0) {
                c[i] = '\u201C';
                c[j] = '\u201D';
                changed = true;
                longPairs[0] += spaces >= 2 ? 1 : 0;
                i = j;
            }
        }
        return changed ? new String(c) : null;
    }

    /** For each offset of {@code text}, the first offset at or after it in its paragraph where {@code at} holds, or -1. */
    private static int[] nextInParagraph(String text, java.util.function.IntPredicate at) {
        int[] next = new int[text.length() + 1];
        next[text.length()] = -1;
        for (int j = text.length() - 1; j >= 0; j--) {
            next[j] = at.test(j) ? j : text.charAt(j) == '\n' || text.charAt(j) == '\u2029' ? -1 : next[j + 1];
        }
        return next;
    }

    private static List<Found> findMarked(String text) {
        List<Found> found = new ArrayList<>();
        int[] closers = null; // where a later mark can close a quote, found once at the first quote within a quote
        int open = -1;
        int nested = 0; // quotes opened within the open one and not closed yet
        int segmentStart = -1;
        StringBuilder words = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (open < 0) {
                if (c == '"' && i > 0 && text.charAt(i - 1) == '=') {
                    i = attributeEnd(text, i);
                    continue;
                }
                if (c == '"' && i > 0 && Character.isDigit(text.charAt(i - 1))) {
                    i++; // inches (6'3", a 12" screen), not a quote
                    continue;
                }
                if (c == '"' && onlyCloses(text, i)) {
                    i++; // the end of a quote whose opening mark the text lost ("a review of [his] systems" including)
                    continue;
                }
                if (isOpener(c) || c == '\u201D' && opensHere(text, i)) {
                    open = i;
                    nested = 0;
                    segmentStart = i + 1;
                    words.setLength(0);
                }
                i++;
                continue;
            }
            if (c == '\n' || c == '\u2029') {
                // the paragraph ends inside the quote: continued if the next paragraph opens again
                int next = nextLineStart(text, i);
                String segment = text.substring(segmentStart, i);
                if (next < n && isOpener(text.charAt(next)) && !segment.isBlank()) {
                    words.append(segment.strip()).append('\n');
                    segmentStart = next + 1;
                    nested = 0;
                    i = next + 1;
                    continue;
                }
                emit(found, text, open, segmentStart, i, -1, words);
                open = -1;
                i++;
                continue;
            }
            boolean typedForRight = false;
            if (c == '\u201C' && opensWithin(text, i)) {
                if (closers == null) {
                    closers = nextInParagraph(text, j -> isCloser(text.charAt(j)) || text.charAt(j) == '\u201C' && closesHere(text, j));
                }
                if (closers[i + 1] >= 0) {
                    nested++;
                    i++;
                    continue;
                }
                typedForRight = true; // nothing closes it: a left mark typed for a right one ("..., “said Stefanski.")
            }
            boolean closes = isCloser(c) || c == '\u201C' && (typedForRight || closesHere(text, i));
            if (closes && nested > 0 && c != '"') {
                nested--; // the end of the quote within
            } else if (closes) {
                emit(found, text, open, segmentStart, i, i, words);
                open = -1;
            }
            i++;
        }
        if (open >= 0) {
            emit(found, text, open, segmentStart, n, -1, words);
        }
        return found;
    }

    /**
     * Past the value of a markup attribute ({@code tweet-author="..."}, left in a text taken from a page): its
     * closing mark, or the end of the line when it has none there.
     */
    private static int attributeEnd(String text, int i) {
        for (int j = i + 1; j < text.length() && text.charAt(j) != '\n'; j++) {
            if (text.charAt(j) == '"') {
                return j + 1;
            }
        }
        return i + 1;
    }

    /** A right mark used as an opener: after a space or line start, before a letter. */
    private static boolean opensHere(String text, int i) {
        return (i == 0 || Character.isWhitespace(text.charAt(i - 1))) && i + 1 < text.length()
                && Character.isLetterOrDigit(text.charAt(i + 1));
    }

    /** A left mark within an open quote that opens another: after a space or a bracket, before a letter or digit. */
    private static boolean opensWithin(String text, int i) {
        return i > 0 && (Character.isWhitespace(text.charAt(i - 1)) || "([—–-".indexOf(text.charAt(i - 1)) >= 0)
                && i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i + 1));
    }

    /** A straight mark that can only close a quote: after a letter or a sentence's punctuation, before a space or the end. */
    private static boolean onlyCloses(String text, int i) {
        return i > 0 && (Character.isLetter(text.charAt(i - 1)) || ".,;:!?".indexOf(text.charAt(i - 1)) >= 0)
                && (i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1)));
    }

    /** A left mark used as a closer: after a letter or punctuation, before a space, punctuation or the end. */
    private static boolean closesHere(String text, int i) {
        return i > 0 && !Character.isWhitespace(text.charAt(i - 1))
                && (i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1))
                        || ",.;:!?)".indexOf(text.charAt(i + 1)) >= 0);
    }

    private static int nextLineStart(String text, int i) {
        int j = i;
        while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        return j;
    }

    private static void emit(List<Found> found, String text, int open, int segmentStart, int segmentEnd, int close,
            StringBuilder words) {
        int first = words.length() > 0 ? open + 1 : segmentStart;
        // the quoted words: no surrounding space, no trailing comma
        int start = first;
        while (start < segmentEnd && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int end = segmentEnd;
        while (end > start && (Character.isWhitespace(text.charAt(end - 1)) || text.charAt(end - 1) == ',')) {
            end--;
        }
        String last = text.substring(Math.max(segmentStart, start), Math.max(end, Math.max(segmentStart, start)));
        String all = (words + last).strip();
        if (end > start && !all.isBlank() && all.chars().anyMatch(Character::isLetterOrDigit)) {
            found.add(new Found(start, end, open, close, all));
        }
        words.setLength(0);
    }
}
