package io.quotewire.nlp.events;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.quotewire.nlp.Topics;
import io.quotewire.nlp.analysis.Analysis;
import io.quotewire.nlp.analysis.Analyzer;
import io.quotewire.nlp.story.Embedder;
import io.quotewire.nlp.story.StorySignals;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Writes an article's analysis as its three events, keyed by article id; completes when Kafka has all three. */
@ApplicationScoped
public class AnalysisPublisher {

    static final URI SOURCE = URI.create(io.quotewire.contract.EventTypes.NLP_SOURCE);

    private final Emitter<EntitiesExtracted> entities;
    private final Emitter<QuotesExtracted> quotes;
    private final Emitter<ArticleProfiled> profiles;
    private final Clock clock;

    public AnalysisPublisher(@Channel(Topics.ENTITIES_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            Emitter<EntitiesExtracted> entities,
            @Channel(Topics.QUOTES_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            Emitter<QuotesExtracted> quotes,
            @Channel(Topics.PROFILES_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            Emitter<ArticleProfiled> profiles) {
        this.entities = entities;
        this.quotes = quotes;
        this.profiles = profiles;
        this.clock = Clock.systemUTC();
    }

    /**
     * {@code ingestedAt}: when the analysed revision was ingested, or null if unknown.
     */
    public CompletionStage<Void> publish(String articleId, String revision, String publishedAt,
            java.time.Instant ingestedAt, Analysis analysis, StorySignals story) {
        var now = clock.instant();
        var e = new EntitiesExtracted(EntitiesExtracted.SCHEMA_VERSION, Analyzer.VERSION, articleId, revision,
                publishedAt, ingestedAt, now, analysis.entities());
        var q = new QuotesExtracted(QuotesExtracted.SCHEMA_VERSION, Analyzer.VERSION, articleId, revision, ingestedAt,
                now, analysis.quotes());
        var p = new ArticleProfiled(ArticleProfiled.SCHEMA_VERSION, Analyzer.VERSION, Embedder.MODEL, articleId, revision,
                publishedAt, story.dateline(), story.datelineMonth(), story.summary(), ingestedAt, now, story.embedding(), ArticleProfiled.entities(analysis, story.leads()), ArticleProfiled.quoteIds(analysis));
        return CompletableFuture.allOf(
                send(entities, e, articleId, revision, EntitiesExtracted.TYPE),
                send(quotes, q, articleId, revision, QuotesExtracted.TYPE),
                send(profiles, p, articleId, revision, ArticleProfiled.TYPE));
    }

    private static <T> CompletableFuture<Void> send(Emitter<T> emitter, T event, String articleId, String revision,
            String type) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<T> message = Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(articleId).build())
                .addMetadata(OutgoingCloudEventMetadata.builder().withId(articleId + ":" + revision + ":" + type)
                        .withType(type).withSource(SOURCE).withSubject(articleId).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(f -> {
                    acked.completeExceptionally(f);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return acked;
    }
}
