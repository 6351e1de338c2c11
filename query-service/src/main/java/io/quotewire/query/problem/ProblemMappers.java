package io.quotewire.query.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the service as {@code application/problem+json}; bad input is never a 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = respond(e.status(), e.title(), e.getMessage(), uri);
        e.headers().forEach(response::header);
        return response.build();
    }

    /** 404, 405, 406, 415 and the like from the framework. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 415 -> "unsupported media type";
            case 404 -> "no such resource: " + uri.getPath();
            default -> e.getMessage();
        };
        return respond(status, title, detail, uri).build();
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
        return respond(500, "Internal error", "the service failed unexpectedly", uri)
                .build();
    }

    private static Response unavailable(UriInfo uri) {
        return respond(503, "Database unavailable", "the read model's database did not answer in time; retry shortly",
                uri).header("Retry-After", "5").build();
    }

    private static Response.ResponseBuilder respond(int status, String title, String detail, UriInfo uri) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, uri.getPath()));
    }
}
