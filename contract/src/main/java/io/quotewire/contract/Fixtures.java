package io.quotewire.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The contract's fixtures and the sample articles, from the classpath. Fixtures: {@code article-submitted.v1.json}
 * (a record as ingest-service writes it), {@code article-minimal.json} (the least a plain client may write),
 * {@code article-ids.json} (inputs with the ids they must give), and the events nlp-service writes for the two
 * samples ({@code entities-extracted.v1.json}, {@code quotes-extracted.v1.json}, {@code article-profiled.v1.json},
 * {@code *.seed-001.json}); and
 * the JSON Schemas of the three events.
 */
public final class Fixtures {

    /** The two sample articles: two outlets' reports of the 2020-08-20 meeting, each with its date line. */
    public static final List<String> SAMPLES = List.of("2020-08-20-trump-kadhimi-meeting.txt",
            "2020-08-20-trump-kadhimi-meeting-ap.txt");

    /** JSON Schemas (draft 2020-12) of the four events' values, as their producers write them. */
    public static final String ARTICLE_SUBMITTED_SCHEMA = "article-submitted.v1.schema.json";
    public static final String ENTITIES_EXTRACTED_SCHEMA = "entities-extracted.v1.schema.json";
    public static final String QUOTES_EXTRACTED_SCHEMA = "quotes-extracted.v1.schema.json";
    public static final String ARTICLE_PROFILED_SCHEMA = "article-profiled.v1.schema.json";

    private Fixtures() {
    }

    /** A fixture's JSON text. */
    public static String fixture(String name) {
        return read("fixtures/" + name);
    }

    /** A JSON Schema's text ({@link #ARTICLE_SUBMITTED_SCHEMA} and the others). */
    public static String schema(String name) {
        return read("schemas/" + name);
    }

    /** A sample article as its file has it, with its leading {@code date YYYY-MM-DD} line. */
    public static String sample(String name) {
        return read("samples/" + name);
    }

    /** A sample article's text without its date line. */
    public static String sampleText(String name) {
        return DateLines.strip(sample(name));
    }

    private static String read(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
