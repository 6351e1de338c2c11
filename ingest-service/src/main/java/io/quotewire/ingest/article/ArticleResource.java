package io.quotewire.ingest.article;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quotewire.contract.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.quotewire.ingest.IngestConfig;

/** {@code POST /api/articles} (one article) and {@code POST /api/articles/batch} (NDJSON). */
@Path("/api/articles")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {

    public static final String NDJSON = "application/x-ndjson";

    /** The answer to an accepted article. */
    public record Accepted(String id, String revision, String status) {
        static Accepted of(ArticleSubmitted a) {
            return new Accepted(a.id(), a.revision(), "accepted");
        }
    }

    public record AcceptedLine(int line, String id) {
    }

    /** {@code retryable}: the line was valid but Kafka did not take it; sending it again may succeed. */
    public record RejectedLine(int line, String error, boolean retryable) {
        RejectedLine(int line, String error) {
            this(line, error, false);
        }
    }

    public record BatchResult(List<AcceptedLine> accepted, List<RejectedLine> rejected) {
    }

    private final ArticleReader reader;
    private final ArticlePublisher publisher;
    private final Clock clock;
    private final int batchMaxLines;
    private final long batchMaxBytes;
    private final Counter accepted;
    private final MeterRegistry registry;

    public ArticleResource(ArticleReader reader, ArticlePublisher publisher, MeterRegistry registry,
            IngestConfig config) {
        this.reader = reader;
        this.publisher = publisher;
        this.clock = Clock.systemUTC();
        this.batchMaxLines = config.batch().maxLines();
        this.batchMaxBytes = config.batch().maxBytes();
        this.registry = registry;
        this.accepted = Counter.builder("quotewire.articles.accepted").register(registry);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit one article as JSON",
            description = "{\"text\": required, \"title\", \"url\", \"source\", \"author\", \"language\", \"publishedAt\"}. "
                    + "A leading 'date YYYY-MM-DD' in the text is removed from it and is the publishedAt unless one is given.")
    @APIResponse(responseCode = "202", description = "written to the articles topic and acknowledged by Kafka")
    public Uni<Response> postJson(byte[] body, @QueryParam("source") String source, @QueryParam("url") String url,
            @QueryParam("title") String title) {
        return accept(() -> reader.validated(reader.fromJson(body).withDefaults(title, url, source)));
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Operation(summary = "Submit one article as plain text",
            description = "An optional leading 'date YYYY-MM-DD' sets publishedAt and is removed from the text.")
    @APIResponse(responseCode = "202", description = "written to the articles topic and acknowledged by Kafka")
    public Uni<Response> postText(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type,
            @QueryParam("source") String source, @QueryParam("url") String url, @QueryParam("title") String title) {
        return accept(() -> reader.validated(reader.fromText(body, charset(type)).withDefaults(title, url, source)));
    }

    @POST
    @Consumes(MediaType.TEXT_HTML)
    @Operation(summary = "Submit one article as an HTML page",
            description = "The readable text, title, canonical URL, author and publication time are extracted.")
    @APIResponse(responseCode = "202", description = "written to the articles topic and acknowledged by Kafka")
    public Uni<Response> postHtml(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type,
            @QueryParam("source") String source, @QueryParam("url") String url, @QueryParam("title") String title) {
        return accept(() -> reader.validated(reader.fromHtml(body, charset(type)).withDefaults(title, url, source)));
    }

    @POST
    @Path("/batch")
    @Consumes(NDJSON)
    @Operation(summary = "Submit many articles, one JSON object a line",
            description = "Every line is validated; the good ones are published. Lines are numbered from 1. "
                    + "source: the source of the lines that name none. Each line is read as a JSON article is.")
    public Uni<BatchResult> postBatch(byte[] body, @QueryParam("source") String source) {
        if (body.length > batchMaxBytes) {
            throw ProblemException.tooLarge("the batch is " + body.length + " bytes; the limit is " + batchMaxBytes
                    + " bytes (quotewire.ingest.batch.max-bytes)");
        }
        List<Uni<Object>> results = new ArrayList<>();
        List<RejectedLine> rejected = new ArrayList<>();
        int nonEmpty = 0;
        int line = 0;
        for (int start = 0; start < body.length;) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            byte[] bytes = java.util.Arrays.copyOfRange(body, start, end);
            start = end + 1;
            int lineNo = ++line;
            String text;
            try {
                text = ArticleReader.decode(bytes, null);
            } catch (ProblemException e) {
                rejected.add(new RejectedLine(lineNo, e.getMessage()));
                continue;
            }
            if (text.isBlank()) {
                continue;
            }
            if (++nonEmpty > batchMaxLines) {
                throw ProblemException.tooLarge("the batch has more than " + batchMaxLines
                        + " articles (quotewire.ingest.batch.max-lines)");
            }
            try {
                ArticleSubmitted event = ArticleSubmitted.of(
                        reader.validated(reader.fromJson(text).withDefaults(null, null, source)), clock.instant());
                results.add(publisher.publish(event)
                        .<Object>map(a -> new AcceptedLine(lineNo, a.id()))
                        .onFailure().recoverWithItem(f -> new RejectedLine(lineNo, f.getMessage(), true)));
            } catch (ProblemException e) {
                rejected.add(new RejectedLine(lineNo, e.getMessage()));
            }
        }
        if (nonEmpty == 0) {
            throw ProblemException.badRequest("the batch has no articles: send one JSON object a line");
        }
        Uni<List<Object>> all = results.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(results).andFailFast();
        return all.map(outcomes -> {
            List<AcceptedLine> ok = new ArrayList<>();
            List<RejectedLine> bad = new ArrayList<>(rejected);
            for (Object o : outcomes) {
                if (o instanceof AcceptedLine a) {
                    ok.add(a);
                } else {
                    bad.add((RejectedLine) o);
                }
            }
            bad.sort(java.util.Comparator.comparingInt(RejectedLine::line));
            accepted.increment(ok.size());
            rejectedCounter("batch-line").increment(bad.size());
            return new BatchResult(ok, bad);
        });
    }

    private Uni<Response> accept(java.util.function.Supplier<Article> read) {
        Article article;
        try {
            article = read.get();
        } catch (ProblemException e) {
            rejectedCounter(String.valueOf(e.status())).increment();
            throw e;
        }
        return publisher.publish(ArticleSubmitted.of(article, clock.instant()))
                .invoke(() -> accepted.increment())
                .onFailure().invoke(f -> rejectedCounter("unavailable").increment())
                .map(a -> Response.accepted(Accepted.of(a)).build());
    }

    private Counter rejectedCounter(String reason) {
        return Counter.builder("quotewire.articles.rejected").tag("reason", reason).register(registry);
    }

    private static String charset(MediaType type) {
        return type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    }
}
