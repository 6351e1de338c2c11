package io.quotewire.query.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;

import io.quotewire.query.problem.ProblemException;

/** Query parameters, validated: a bad one is a 400 problem naming the parameter. */
final class Params {

    static final int MAX_SIZE = 100;

    private Params() {
    }

    /**
     * The deepest item a page may start at. Deeper pages are slow to compute and never what a person means:
     * narrow the search instead.
     */
    static final long MAX_OFFSET = 1_000_000;

    static int page(String page) {
        return integer("page", page, 0, 0, Integer.MAX_VALUE);
    }

    static int size(String size) {
        return integer("size", size, 20, 1, MAX_SIZE);
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

    static int limit(String limit, int dflt, int max) {
        return integer("limit", limit, dflt, 1, max);
    }

    /** A whole number parameter within {@code [min, max]}, {@code dflt} when absent: a 400 naming it otherwise. */
    static int integer(String name, String value, int dflt, int min, int max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a whole number" + range(min, max) + ", not '"
                    + abbreviated(value) + "'");
        }
        if (v < min || v > max) {
            throw ProblemException.badRequest(name + " must be" + range(min, max) + ", not " + v);
        }
        return v;
    }

    private static String range(int min, int max) {
        return max == Integer.MAX_VALUE ? " of " + min + " or more" : " between " + min + " and " + max;
    }

    /**
     * A {@code LIKE} pattern that matches {@code text} anywhere, literally: {@code %}, {@code _} and the escape
     * character in the text match themselves, not any text or any character.
     */
    static String contains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    static String abbreviated(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }

    /** An ISO date or date-time; {@code endOfDay}: a bare date means up to the end of that day. */
    static OffsetDateTime time(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate d = LocalDate.parse(value);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO date (2020-08-20) or date-time, not '" + abbreviated(value) + "'");
        }
    }

    static String oneOf(String name, String value, Set<String> allowed, String dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        String v = value.trim();
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        throw ProblemException.badRequest(name + " must be one of " + allowed + ", not '" + abbreviated(value) + "'");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "Not found", "no " + what + " with id " + id);
    }
}
