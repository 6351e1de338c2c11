package io.quotewire.ingest.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quotewire.ingest.problem.Problem;

/**
 * Optional API keys: when {@code quotewire.ingest.api-keys} (env {@code QUOTEWIRE_INGEST_API_KEYS}, comma-separated)
 * is set, every request needs one of them as {@code Authorization: Bearer KEY} or {@code X-Api-Key: KEY},
 * otherwise 401. Only Quarkus' own endpoints under {@code /q/} (health, metrics, the OpenAPI document and
 * Swagger UI) and CORS preflights stay open; the path is judged after decoding and normalising it, so
 * {@code //api/...}, {@code /api/./...} or {@code /%61pi/...} need a key as {@code /api/...} does.
 */
public class ApiKeyFilter {

    private final List<byte[]> keys;

    public ApiKeyFilter(@ConfigProperty(name = "quotewire.ingest.api-keys") Optional<List<String>> keys) {
        this.keys = keys.orElse(List.of()).stream().map(String::trim).filter(k -> !k.isEmpty())
                .map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireKey(ContainerRequestContext request) {
        if (keys.isEmpty() || request.getMethod().equals(HttpMethod.OPTIONS)
                || isOpen(request.getUriInfo().getRequestUri().getRawPath())) {
            return Optional.empty();
        }
        String presented = request.getHeaderString("X-Api-Key");
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        }
        if (presented != null && matches(presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        String detail = presented == null
                ? "this service requires an API key: send Authorization: Bearer KEY or X-Api-Key: KEY"
                : "the API key is not valid";
        return Optional.of(Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new Problem("about:blank", "Unauthorized", 401, detail, request.getUriInfo().getPath()))
                .build());
    }

    /** Quarkus' own endpoints ({@code /q/...}), judged on the decoded, normalised path. */
    static boolean isOpen(String rawPath) {
        String path;
        try {
            path = new URI(null, null, URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8)
                    .replaceAll("/{2,}", "/"), null).normalize().getPath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
        return path.equals("/q") || path.startsWith("/q/");
    }

    private boolean matches(byte[] presented) {
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, presented); // constant time per key
        }
        return match;
    }
}
