package io.quotewire.contract;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code date YYYY-MM-DD} an article's text may open with, as the sample files do ({@code date 2020-08-20
 * President Donald Trump has ...}): the article's publication date, written in its text by tools that have no
 * other place for it. ingest-service takes it out of the text and makes it the article's {@code publishedAt},
 * whatever way the article came (plain text, a file, JSON); a consumer reading a record another Kafka client wrote
 * reads it as the stated date.
 */
public final class DateLines {

    private static final Pattern LEADING = Pattern.compile("\\A\\s*date\\s+(\\d{4}-\\d{2}-\\d{2})(?:\\s+|\\z)");

    /** A text's date line: its date as written ({@code 2020-08-20}, not checked) and the text after it. */
    public record Split(String date, String rest) {

        /** The date as a calendar day, or null when it names none ({@code 2020-13-45}). */
        public LocalDate day() {
            try {
                return LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private DateLines() {
    }

    /** The date line {@code text} opens with, or null when it opens with none. */
    public static Split leading(String text) {
        Matcher m = LEADING.matcher(text);
        return m.find() ? new Split(m.group(1), text.substring(m.end())) : null;
    }

    /** {@code text} without the date line it opens with, if any. */
    public static String strip(String text) {
        Split split = leading(text);
        return split == null ? text : split.rest();
    }
}
