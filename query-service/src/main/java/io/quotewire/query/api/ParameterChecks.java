package io.quotewire.query.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quotewire.contract.http.ProblemException;

/**
 * Every query and path parameter of the API, before any resource sees it: no NUL character or unpaired
 * surrogate (PostgreSQL cannot take either in a text parameter) and at most {@value #MAX_CHARS} characters;
 * and a {@code from} no later than its {@code to} (an empty answer would hide the slip). A parameter that breaks
 * a rule is a 400 problem naming it.
 */
public class ParameterChecks {

    static final int MAX_CHARS = 1000;

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        check("query parameter", request.getUriInfo().getQueryParameters());
        check("path parameter", request.getUriInfo().getPathParameters());
        checkRange(request.getUriInfo().getQueryParameters());
    }

    /** {@code from} after {@code to} (both inclusive: a bare date {@code to} runs to the end of its day). */
    private static void checkRange(MultivaluedMap<String, String> parameters) {
        String from = parameters.getFirst("from");
        String to = parameters.getFirst("to");
        OffsetDateTime since = Params.time(from, false);
        OffsetDateTime until = Params.time(to, true);
        if (since != null && until != null && (since.isAfter(until) || since.isEqual(until) && Params.isDate(to))) {
            throw ProblemException.badRequest("from (" + from.trim() + ") is after to (" + to.trim() + ")");
        }
    }

    private static void check(String kind, MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            for (String value : p.getValue()) {
                String problem = problem(value);
                if (problem != null) {
                    throw ProblemException.badRequest(kind + " '" + p.getKey() + "' " + problem);
                }
            }
        }
    }

    /** What is wrong with a parameter's value, or null. */
    static String problem(String value) {
        if (value.length() > MAX_CHARS) {
            return "has " + value.length() + " characters; the limit is " + MAX_CHARS;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "contains a NUL character (%00) at " + i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate at " + i;
            }
        }
        return null;
    }
}
