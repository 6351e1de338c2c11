package io.quotewire.query.security;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quotewire.contract.http.ApiKeys;
import io.quotewire.contract.http.Problem;
import io.quotewire.query.QueryConfig;

/**
 * Optional API keys ({@link ApiKeys}): when {@code quotewire.query.api-keys} (env
 * {@code QUOTEWIRE_QUERY_API_KEYS}, comma-separated) is set, every request but Quarkus' own endpoints
 * under {@code /q/} needs one of them, otherwise 401.
 */
public class ApiKeyFilter {

    private final ApiKeys keys;

    public ApiKeyFilter(QueryConfig config) {
        this.keys = new ApiKeys(config.apiKeys().orElse(List.of()));
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireKey(ContainerRequestContext request) {
        return keys.refusal(request.getMethod(), request.getUriInfo().getRequestUri().getRawPath(), request::getHeaderString)
                .map(p -> Response.status(p.status()).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                        .entity(p).build());
    }
}
