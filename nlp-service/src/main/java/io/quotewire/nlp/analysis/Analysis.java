package io.quotewire.nlp.analysis;

import java.util.List;

/**
 * What the analysis finds in one text. Offsets are Java {@code String} indices into the analysed text,
 * end exclusive. The same shape is the body of {@code POST /api/analyze} and the payload of the
 * {@code entities} and {@code quotes} events.
 */
public record Analysis(List<Entity> entities, List<Quote> quotes, Omitted omitted) {

    /**
     * What the analysis found but does not report, past its limits ({@link Analyzer#MAX_QUOTES},
     * {@link Analyzer#MAX_ENTITIES}, {@link Analyzer#MAX_MENTIONS}): all zero for a news article.
     */
    public record Omitted(int quotes, int entities, int mentions) {
    }

    /** A span of the text. */
    public record Span(int start, int end, String text) {
    }

    /**
     * One real-world thing mentioned in the text.
     *
     * @param id       stable across articles: derived from the type and the canonical name
     * @param name     canonical name (titles removed; a well-known alias's canonical form)
     * @param type     PERSON, ORGANIZATION, LOCATION or NORP (nationalities, religious and political groups)
     * @param aliases  the other surface forms seen in this text
     * @param salience share of the text's attention, 0 to 1; the entities of a text sum to 1
     * @param mentions the named mentions (pronouns and role nouns are not listed here)
     */
    public record Entity(String id, String name, String type, List<String> aliases, double salience,
            List<Span> mentions) {
    }

    /**
     * A direct quote: the quoted words without the quotation marks.
     *
     * @param id      derived from the normalised quoted words: the same quote has the same id in every text
     * @param speaker who said it, or null when no attribution was found
     * @param cue     the verb or phrase the attribution rests on ("said", "told", "according to")
     */
    public record Quote(String id, String text, int start, int end, Speaker speaker, Span cue) {
    }

    /**
     * @param entityId the entity the speaker resolves to, or null
     * @param name     that entity's name, or null
     * @param mention  the name, pronoun or noun phrase next to the cue
     */
    public record Speaker(String entityId, String name, Span mention) {
    }
}
