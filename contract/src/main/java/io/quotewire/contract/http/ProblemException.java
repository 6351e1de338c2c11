package io.quotewire.contract.http;

import java.util.Map;

/** A request a service refuses, with the HTTP status, a title, and a detail that says what is wrong and where. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, String> headers;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public ProblemException(int status, String title, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Invalid request", detail);
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "Content too large", detail);
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "Not found", "no " + what + " with id " + id);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Response headers that go with the problem ({@code Retry-After}, for example). */
    public Map<String, String> headers() {
        return headers;
    }

    /** The problem as served for a request to {@code instance}. */
    public Problem toProblem(String instance) {
        return new Problem("about:blank", title, status, getMessage(), instance);
    }
}
