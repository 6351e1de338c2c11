package io.quotewire.stack.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends units of work to ingest-service with a bounded number of requests in flight. A 503 or 429 (Kafka
 * busy or away) and a lost connection are retried with back-off, honouring {@code Retry-After}; so are batch
 * lines the service marks {@code retryable}. Anything else the service refuses is reported with its reason.
 */
final class Uploader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 6;
    private static final long MAX_BATCH_BYTES = 8L << 20;

    /** One request's worth of articles from one file. */
    sealed interface Unit permits Single, Batch {
        Path file();

        long articles();
    }

    /** A file that is one article. */
    record Single(Path file, String contentType) implements Unit {
        @Override
        public long articles() {
            return 1;
        }
    }

    /** NDJSON lines of a file: a byte range of it, or (for a JSON array) the lines themselves. */
    record Batch(Path file, long offset, int length, int firstLine, long articles, byte[] inline) implements Unit {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI url;
    private final String apiKey;
    private final String source;
    private final Semaphore inFlight;
    private final int concurrency;
    private final int batchLines;
    private final Report report;

    /** {@code source}: sent as {@code ?source=}, the default source of every article; null for none. */
    Uploader(URI url, String apiKey, String source, int concurrency, int batchLines, Report report) {
        this.url = url;
        this.apiKey = apiKey;
        this.source = source;
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
        this.batchLines = batchLines;
        this.report = report;
    }

    /** Whether the service answers its readiness check at all (any status). */
    boolean reachable() {
        try {
            http.send(HttpRequest.newBuilder(url.resolve("/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How a file is sent: one request, or NDJSON batches of at most {@code batchLines} lines and 8 MiB. */
    List<Unit> units(Path file) throws IOException {
        return switch (IngestCommand.extension(file)) {
            case "txt" -> List.of(new Single(file, "text/plain; charset=utf-8"));
            case "html", "htm" -> List.of(new Single(file, "text/html"));
            case "json" -> jsonUnits(file);
            default -> ndjsonUnits(file);
        };
    }

    private List<Unit> jsonUnits(Path file) throws IOException {
        int first;
        try (InputStream in = Files.newInputStream(file)) {
            do {
                first = in.read();
            } while (first == ' ' || first == '\n' || first == '\r' || first == '\t' || first == 0xEF
                    || first == 0xBB || first == 0xBF);
        }
        if (first != '[') {
            return List.of(new Single(file, "application/json"));
        }
        JsonNode array = JSON.readTree(file.toFile());
        List<Unit> units = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int count = 0;
        int firstElement = 1;
        for (int i = 0; i < array.size(); i++) {
            body.write(JSON.writeValueAsBytes(array.get(i)));
            body.write('\n');
            if (++count == batchLines || body.size() > MAX_BATCH_BYTES) {
                units.add(new Batch(file, 0, body.size(), firstElement, count, body.toByteArray()));
                body.reset();
                firstElement = i + 2;
                count = 0;
            }
        }
        if (count > 0) {
            units.add(new Batch(file, 0, body.size(), firstElement, count, body.toByteArray()));
        }
        return units;
    }

    /** Splits an NDJSON file into byte ranges on line boundaries, without holding it in memory. */
    private List<Unit> ndjsonUnits(Path file) throws IOException {
        List<Unit> units = new ArrayList<>();
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long pos = 0;
            long start = 0;
            int line = 1;
            int startLine = 1;
            long articles = 0;
            boolean blank = true;
            int b;
            while ((b = in.read()) >= 0) {
                pos++;
                if (b == '\n') {
                    if (!blank) {
                        articles++;
                    }
                    blank = true;
                    line++;
                    if (articles == batchLines || pos - start > MAX_BATCH_BYTES) {
                        units.add(new Batch(file, start, Math.toIntExact(pos - start), startLine, articles, null));
                        start = pos;
                        startLine = line;
                        articles = 0;
                    }
                } else if (b != ' ' && b != '\r' && b != '\t') {
                    blank = false;
                }
            }
            if (!blank) {
                articles++;
            }
            if (articles > 0) {
                units.add(new Batch(file, start, Math.toIntExact(pos - start), startLine, articles, null));
            }
        }
        return units;
    }

    /** Sends every unit and waits for all answers. */
    void send(List<Unit> units) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Unit unit : units) {
            if (report.unreachable()) {
                report.rejected(unit.file(), 0, "not sent: ingest-service went away");
                continue;
            }
            inFlight.acquireUninterruptibly();
            CompletableFuture<Void> done;
            try {
                done = unit instanceof Single s ? sendSingle(s, 1) : sendBatch(unit.file(), lines((Batch) unit), 1);
            } catch (java.io.UncheckedIOException e) {
                report.rejected(unit.file(), 0, "cannot read: " + e.getCause().getMessage());
                done = CompletableFuture.completedFuture(null);
            }
            all.add(done.whenComplete((v, e) -> inFlight.release()));
        }
        inFlight.acquireUninterruptibly(concurrency);
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<Void> sendSingle(Single unit, int attempt) {
        byte[] body;
        try {
            body = Files.readAllBytes(unit.file());
        } catch (IOException e) {
            report.rejected(unit.file(), 0, "cannot read: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        return http.sendAsync(post("/api/articles", unit.contentType(), body), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure == null && response.statusCode() == 202) {
                        report.accepted(1);
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if (retry(failure, response) && attempt < ATTEMPTS) {
                        return later(delay(response, attempt)).thenCompose(v -> sendSingle(unit, attempt + 1));
                    }
                    fail(unit.file(), 0, failure, response);
                    return CompletableFuture.<Void>completedFuture(null);
                }).thenCompose(f -> f);
    }

    /** A batch's lines: the bytes of each non-blank line and its line number in the file. */
    private record Lines(List<byte[]> lines, List<Integer> numbers) {
        byte[] body() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] line : lines) {
                out.writeBytes(line);
                out.write('\n');
            }
            return out.toByteArray();
        }
    }

    private static Lines lines(Batch batch) {
        byte[] bytes = batch.inline();
        if (bytes == null) {
            bytes = new byte[batch.length()];
            try (RandomAccessFile f = new RandomAccessFile(batch.file().toFile(), "r")) {
                f.seek(batch.offset());
                f.readFully(bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        List<byte[]> lines = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        int line = batch.firstLine();
        for (int start = 0; start < bytes.length; line++) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            byte[] l = java.util.Arrays.copyOfRange(bytes, start, end);
            if (!new String(l, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
                lines.add(l);
                numbers.add(line);
            }
            start = end + 1;
        }
        return new Lines(lines, numbers);
    }

    private CompletableFuture<Void> sendBatch(Path file, Lines batch, int attempt) {
        return http.sendAsync(post("/api/articles/batch", "application/x-ndjson", batch.body()),
                HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                    if (failure == null && response.statusCode() == 200) {
                        return outcome(file, batch, response.body(), attempt);
                    }
                    if (retry(failure, response) && attempt < ATTEMPTS) {
                        return later(delay(response, attempt)).thenCompose(v -> sendBatch(file, batch, attempt + 1));
                    }
                    batch.numbers().forEach(n -> fail(file, n, failure, response));
                    return CompletableFuture.<Void>completedFuture(null);
                }).thenCompose(f -> f);
    }

    private CompletableFuture<Void> outcome(Path file, Lines batch, String body, int attempt) {
        JsonNode result;
        try {
            result = JSON.readTree(body);
        } catch (IOException e) {
            batch.numbers().forEach(n -> report.rejected(file, n, "unreadable answer from ingest-service"));
            return CompletableFuture.completedFuture(null);
        }
        report.accepted(result.path("accepted").size());
        List<byte[]> again = new ArrayList<>();
        List<Integer> againNumbers = new ArrayList<>();
        String lastReason = null;
        for (JsonNode r : result.path("rejected")) {
            int index = r.path("line").asInt() - 1;
            int fileLine = index >= 0 && index < batch.numbers().size() ? batch.numbers().get(index) : 0;
            if (r.path("retryable").asBoolean(false) && attempt < ATTEMPTS && index >= 0
                    && index < batch.lines().size()) {
                again.add(batch.lines().get(index));
                againNumbers.add(fileLine);
                lastReason = r.path("error").asText();
            } else {
                report.rejected(file, fileLine, r.path("error").asText("rejected"));
            }
        }
        if (again.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        report.retrying(lastReason);
        Lines retry = new Lines(again, againNumbers);
        return later(backoff(attempt)).thenCompose(v -> sendBatch(file, retry, attempt + 1));
    }

    private HttpRequest post(String path, String contentType, byte[] body) {
        String query = source == null ? ""
                : "?source=" + java.net.URLEncoder.encode(source, java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path + query)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return request.build();
    }

    private boolean retry(Throwable failure, HttpResponse<String> response) {
        if (failure != null) {
            report.retrying(rootMessage(failure));
            return true;
        }
        int status = response.statusCode();
        if (status == 503 || status == 429 || status == 502 || status == 504) {
            report.retrying("HTTP " + status);
            return true;
        }
        return false;
    }

    private void fail(Path file, int line, Throwable failure, HttpResponse<String> response) {
        report.rejected(file, line, reason(failure, response));
        if (failure != null && unreachable(failure)) {
            report.markUnreachable();
        }
    }

    private static String reason(Throwable failure, HttpResponse<String> response) {
        if (failure != null) {
            return "not sent: " + rootMessage(failure);
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            String detail = problem.path("detail").asText(problem.path("title").asText(""));
            if (!detail.isEmpty()) {
                return detail + " (HTTP " + response.statusCode() + ")";
            }
        } catch (IOException e) {
            // not a problem document
        }
        return "HTTP " + response.statusCode();
    }

    private static boolean unreachable(Throwable failure) {
        Throwable t = failure;
        while (t != null) {
            if (t instanceof ConnectException) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static long delay(HttpResponse<String> response, int attempt) {
        if (response != null) {
            var after = response.headers().firstValue("Retry-After");
            if (after.isPresent()) {
                try {
                    return Math.min(30_000, Math.max(0, Long.parseLong(after.get().trim()) * 1000));
                } catch (NumberFormatException e) {
                    // an HTTP date: fall back to back-off
                }
            }
        }
        return backoff(attempt);
    }

    private static long backoff(int attempt) {
        return Math.min(30_000, 500L << Math.min(attempt, 6));
    }

    private static CompletableFuture<Void> later(long millis) {
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }
}
