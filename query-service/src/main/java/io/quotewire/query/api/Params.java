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

    static int page(Integer page) {
        if (page == null) {
            return 0;
        }
        if (page < 0) {
            throw ProblemException.badRequest("page must be 0 or more, not " + page);
        }
        return page;
    }

    static int size(Integer size) {
        if (size == null) {
            return 20;
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.badRequest("size must be between 1 and " + MAX_SIZE + ", not " + size);
        }
        return size;
    }

    static int limit(Integer limit, int dflt, int max) {
        if (limit == null) {
            return dflt;
        }
        if (limit < 1 || limit > max) {
            throw ProblemException.badRequest("limit must be between 1 and " + max + ", not " + limit);
        }
        return limit;
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
            throw ProblemException.badRequest(name + " must be an ISO date (2020-08-20) or date-time, not '" + value + "'");
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
        throw ProblemException.badRequest(name + " must be one of " + allowed + ", not '" + value + "'");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "Not found", "no " + what + " with id " + id);
    }
}
