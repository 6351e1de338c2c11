package io.quotewire.query.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;

import io.quotewire.contract.http.ProblemException;

/**
 * Query parameters as the resources use them, after their constraints ({@link WholeNumber}, {@link OneOf},
 * {@link IsoDate}) have answered a bad one with a 400 problem naming it.
 */
final class Params {

    static final int MAX_SIZE = 100;

    private Params() {
    }

    /**
     * The deepest item a page may start at. Deeper pages are slow to compute and never what a person means:
     * narrow the search instead.
     */
    static final long MAX_OFFSET = 1_000_000;

    /** A whole number parameter its {@link WholeNumber} constraint has checked; {@code dflt} when absent. */
    static int integer(String value, int dflt) {
        return value == null || value.isBlank() ? dflt : Integer.parseInt(value.trim());
    }

    /** The offset of {@code page} pages of {@code size}: 400 past {@link #MAX_OFFSET}. */
    static long offset(int page, int size) {
        long offset = (long) page * size;
        if (offset > MAX_OFFSET) {
            throw ProblemException.badRequest("page " + page + " of size " + size + " starts past item " + MAX_OFFSET
                    + ", the deepest a page may start; narrow the search with its filters");
        }
        return offset;
    }

    /**
     * A {@code LIKE} pattern that matches {@code text} anywhere, literally: {@code %}, {@code _} and the escape
     * character in the text match themselves, not any text or any character.
     */
    static String contains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * An ISO date or date-time ({@link IsoDate}); null when absent or not one. {@code endOfDay}: a bare date means
     * up to the end of that day.
     */
    static OffsetDateTime time(String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (isDate(value)) {
                LocalDate d = LocalDate.parse(value);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether an ISO date or date-time ({@link IsoDate}) is a bare date, which {@link #time} reads as a whole day. */
    static boolean isDate(String value) {
        return value.length() == 10;
    }

    /** The spelling in {@code allowed} of a parameter its {@link OneOf} constraint has checked; {@code dflt} when absent. */
    static String oneOf(String value, Collection<String> allowed, String dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        return allowed.stream().filter(a -> a.equalsIgnoreCase(value.trim())).findFirst().orElse(dflt);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
