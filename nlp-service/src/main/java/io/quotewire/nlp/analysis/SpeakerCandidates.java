package io.quotewire.nlp.analysis;

import java.util.List;

/**
 * Quoted words and their candidate speakers with what the models read, for training them: the quote's
 * character span (without its marks) and what the quote model reads of it, and per candidate, the mention's
 * span, the entity it resolves to (or null) and what the speaker model reads of it.
 */
public record SpeakerCandidates(int start, int end, List<String> quoteFeatures, List<Option> options) {

    public record Option(int mentionStart, int mentionEnd, String name, List<String> features) {
    }
}
