package io.quotewire.query.problem;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quotewire.contract.http.Problem;
import io.quotewire.contract.http.ProblemException;

/** Every error leaves the service as {@code application/problem+json}; bad input is never a 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(uri.getPath()), e.headers());
    }

    /** Parameters their constraints refused: one 400 naming each, with the value given. */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> parameter(v.getPropertyPath()) + " " + v.getMessage() + ", not '" + abbreviated(v.getInvalidValue()) + "'")
                .sorted().collect(Collectors.joining("; "));
        return respond(new Problem("about:blank", "Invalid request", 400, detail, uri.getPath()), Map.of());
    }

    /** The parameter's name: the last node of {@code list.page}. */
    private static String parameter(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name;
    }

    private static String abbreviated(Object value) {
        String v = String.valueOf(value);
        return v.length() <= 60 ? v : v.substring(0, 60) + "...";
    }

    /** 404, 405, 406, 415 and the like from the framework. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        return respond(Problem.of(status, switch (status) {
            case 415 -> "unsupported media type";
            case 404 -> "no such resource: " + uri.getPath();
            default -> e.getMessage();
        }, uri.getPath()), Map.of());
    }

    /** The database did not answer within the request's time limit ({@code TimeLimited}). */
    @ServerExceptionMapper
    public Response timeout(java.util.concurrent.TimeoutException e, UriInfo uri) {
        LOG.warnf("the database did not answer %s in time: %s", uri.getPath(), e.getMessage());
        return unavailable(uri);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        // the database cannot be reached: the caller may retry shortly
        if (io.quotewire.query.Sql.isTransient(e)) {
            LOG.warnf("the database is unavailable for %s: %s", uri.getPath(), e);
            return unavailable(uri);
        }
        LOG.error("unexpected failure on " + uri.getPath(), e);
        return respond(Problem.of(500, "the service failed unexpectedly", uri.getPath()), Map.of());
    }

    private static Response unavailable(UriInfo uri) {
        return respond(new Problem("about:blank", "Database unavailable", 503,
                "the read model's database did not answer in time; retry shortly", uri.getPath()), Map.of("Retry-After", "5"));
    }

    private static Response respond(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        headers.forEach(response::header);
        return response.build();
    }
}
