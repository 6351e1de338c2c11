package io.quotewire.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The two seed articles in the test resources, as ingest-service publishes them: the "date YYYY-MM-DD" prefix removed. */
public final class Seeds {

    /** The first outlet's article on the 2020-08-20 meeting. */
    public static final String FIRST = "000_f6c6e8ee842b0466.txt";
    /** The second outlet's article on the same meeting. */
    public static final String SECOND = "001_8d6b20e82ebcd1a3.txt";

    private Seeds() {
    }

    public static String text(String name) {
        try (InputStream in = Seeds.class.getResourceAsStream("/seeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceFirst("\\A\\s*date\\s+\\d{4}-\\d{2}-\\d{2}\\s+", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
