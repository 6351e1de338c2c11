package io.quotewire.nlp.analysis;

import java.util.List;

/** A text with its tokens, and the lookups the analysis needs: which token covers an offset, paragraphs. */
final class Doc {

    final String text;
    final List<Token> tokens;
    /** Paragraph index of each character (a paragraph is a line that is not blank). */
    private final int[] paragraphOf;

    Doc(String text, List<Token> tokens, int[] paragraphOf) {
        this.text = text;
        this.tokens = tokens;
        this.paragraphOf = paragraphOf;
    }

    static int[] paragraphs(String text) {
        int[] of = new int[text.length() + 1];
        int p = 0;
        boolean lineHasText = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\u2029') {
                if (lineHasText) {
                    p++;
                }
                lineHasText = false;
            } else if (!Character.isWhitespace(c)) {
                lineHasText = true;
            }
            of[i] = p;
        }
        of[text.length()] = p;
        return of;
    }

    int paragraphAt(int offset) {
        return paragraphOf[Math.min(Math.max(offset, 0), paragraphOf.length - 1)];
    }

    /** Index of the first token starting at or after {@code offset}, or {@code tokens.size()}. */
    int tokenAtOrAfter(int offset) {
        int lo = 0;
        int hi = tokens.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).start() < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    String span(int start, int end) {
        return text.substring(start, end);
    }
}
