package io.quotewire.nlp.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quotewire.nlp.analysis.Analysis;
import io.quotewire.nlp.analysis.TimedAnalyzer;
import io.quotewire.contract.http.ProblemException;
import io.smallrye.common.annotation.Blocking;
import io.quotewire.nlp.NlpConfig;

/** {@code POST /api/analyze}: the analysis of one text, synchronously; works without Kafka. */
@Path("/api/analyze")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AnalyzeResource {

    private final TimedAnalyzer analyzer;
    private final ObjectMapper json;
    private final int maxChars;

    public AnalyzeResource(TimedAnalyzer analyzer, ObjectMapper json, NlpConfig config) {
        this.analyzer = analyzer;
        this.json = json;
        this.maxChars = config.maxTextChars();
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Operation(summary = "Analyse plain text", description = "Entities (with mentions, aliases, salience) and direct "
            + "quotes (with speaker and cue). Offsets are Java String indices into the text, end exclusive.")
    public Analysis text(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type) {
        return analyze(decode(body, type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Analyse {\"text\": ...}")
    public Analysis json(byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(decode(body, null));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // a limit of the parser (nesting over 1,000 deep, a number of over 1,000 digits) has no location
            throw ProblemException.badRequest(e.getLocation() == null ? "malformed JSON: " + e.getOriginalMessage()
                    : "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("expected a JSON object with \"text\"");
        }
        JsonNode text = node.get("text");
        if (text == null || text.isNull()) {
            throw ProblemException.badRequest("\"text\" is missing");
        }
        if (!text.isTextual()) {
            throw ProblemException.badRequest("\"text\" must be a string, got " + text.getNodeType().toString().toLowerCase());
        }
        return analyze(text.asText());
    }

    private Analysis analyze(String text) {
        if (text.isBlank()) {
            throw ProblemException.badRequest("the text is empty");
        }
        if (text.length() > maxChars) {
            throw ProblemException.tooLarge("the text has " + text.length() + " characters; the limit is " + maxChars
                    + " (quotewire.nlp.max-text-chars)");
        }
        try {
            return analyzer.analyze(text);
        } catch (TimedAnalyzer.TooSlow e) {
            throw new ProblemException(422, "Analysis stopped", e.getMessage());
        }
    }

    private static String decode(byte[] body, String charset) {
        Charset cs;
        try {
            cs = charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("unknown charset " + charset);
        }
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("the body is not valid " + cs.name());
        }
    }
}
