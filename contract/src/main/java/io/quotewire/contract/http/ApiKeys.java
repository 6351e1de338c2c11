package io.quotewire.contract.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The API-key rule every service applies when it is given keys: each request needs one of them as
 * {@code Authorization: Bearer KEY} or {@code X-Api-Key: KEY}, otherwise 401. Only Quarkus' own endpoints under
 * {@code /q/} (health, metrics, the OpenAPI document and Swagger UI) and CORS preflights stay open; the path is
 * judged after decoding and normalising it, so {@code //api/...}, {@code /api/./...} or {@code /%61pi/...} need a
 * key as {@code /api/...} does. Keys are compared in constant time. With no keys, everything is open.
 */
public final class ApiKeys {

    public static final String HEADER = "X-Api-Key";

    private final List<byte[]> keys;

    /** {@code keys} as configured (blank ones ignored, spaces trimmed). */
    public ApiKeys(Collection<String> keys) {
        this.keys = keys.stream().map(String::trim).filter(k -> !k.isEmpty())
                .map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /**
     * Why a request must be refused (a 401 problem), or empty when it may go on. {@code header} gives a request
     * header's value by name, null when absent.
     */
    public Optional<Problem> refusal(String method, String rawPath, UnaryOperator<String> header) {
        if (keys.isEmpty() || method.equals("OPTIONS") || isOpen(rawPath)) {
            return Optional.empty();
        }
        String presented = header.apply(HEADER);
        String authorization = header.apply("Authorization");
        if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        }
        if (presented != null && matches(presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(Problem.of(401, presented == null
                ? "this service requires an API key: send Authorization: Bearer KEY or X-Api-Key: KEY"
                : "the API key is not valid", rawPath));
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
