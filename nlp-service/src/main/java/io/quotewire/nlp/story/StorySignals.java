package io.quotewire.nlp.story;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;

/**
 * What an article gives story assignment besides its entities and quotes.
 *
 * @param dateline      the publication date its text states ({@link Dateline}), or null
 * @param datelineMonth without that, the month its link's path names ({@link Dateline#monthOf}), or null
 * @param summary       the first sentence of its news ({@link Lede#summary}), or null
 * @param embedding     its lede's embedding ({@link Embedder}), or null when it could not be computed
 * @param leads         the ids of the entities its lede names ({@link Lede#named})
 */
public record StorySignals(LocalDate dateline, YearMonth datelineMonth, String summary, float[] embedding, Set<String> leads) {
}
