package io.quotewire.nlp.analysis;

import java.util.List;

/**
 * A quote's candidate speakers with what the speaker model reads of each, for training it: the quote's
 * character span (without its marks) and, per candidate, the mention's span, the entity it resolves to (or
 * null) and its features.
 */
public record SpeakerCandidates(int start, int end, List<Option> options) {

    public record Option(int mentionStart, int mentionEnd, String name, List<String> features) {
    }
}
