package io.quotewire.nlp.problem;

import java.util.Map;

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

    /** 404, 405, 406, 415 and the like from the framework. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        return respond(Problem.of(status, switch (status) {
            case 415 -> "unsupported media type; send text/plain or application/json with \"text\"";
            case 404 -> "no such resource: " + uri.getPath();
            default -> e.getMessage();
        }, uri.getPath()), Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.error("unexpected failure on " + uri.getPath(), e);
        return respond(Problem.of(500, "the service failed unexpectedly", uri.getPath()), Map.of());
    }

    private static Response respond(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        headers.forEach(response::header);
        return response.build();
    }
}
