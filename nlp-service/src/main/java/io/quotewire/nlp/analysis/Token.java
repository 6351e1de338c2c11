package io.quotewire.nlp.analysis;

/**
 * One CoreNLP token with what the layer on top needs: its character span in the text ({@code end}
 * exclusive), the original text, part of speech, lemma and NER tag (before corrections), and the
 * sentence and paragraph (a line of the text) it belongs to.
 */
record Token(int index, int start, int end, String text, String pos, String lemma, String ner, int sentence,
        int paragraph) {

    boolean isNoun() {
        return pos.startsWith("NN");
    }

    /** A verb with a tense or a modal: what a clause has and an apposition does not. */
    boolean isFiniteVerb() {
        return pos.equals("VBD") || pos.equals("VBZ") || pos.equals("VBP") || pos.equals("MD");
    }

    boolean isPunct(char c) {
        return text.length() == 1 && text.charAt(0) == c;
    }

    boolean capitalised() {
        return !text.isEmpty() && Character.isUpperCase(text.charAt(0));
    }
}
