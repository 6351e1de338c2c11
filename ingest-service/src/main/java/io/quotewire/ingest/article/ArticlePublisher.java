package io.quotewire.ingest.article;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quotewire.ingest.Topics;
import io.quotewire.contract.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.quotewire.ingest.IngestConfig;

/**
 * Writes {@link ArticleSubmitted} events to the {@code articles} topic and completes only when the
 * broker has acknowledged the record (acks=all, idempotent producer). When the broker cannot take it
 * in time the caller gets a 503 problem with Retry-After: nothing is reported accepted that was not
 * written.
 */
@ApplicationScoped
public class ArticlePublisher {

    private final Emitter<ArticleSubmitted> emitter;
    private final Duration timeout;
    private final Timer latency;

    public ArticlePublisher(
            @Channel(Topics.ARTICLES_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
            Emitter<ArticleSubmitted> emitter,
            IngestConfig config,
            MeterRegistry registry) {
        this.emitter = emitter;
        this.timeout = config.publishTimeout();
        this.latency = Timer.builder("quotewire.articles.publish")
                .description("Time from accepting an article to the broker's acknowledgement")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public Uni<ArticleSubmitted> publish(ArticleSubmitted article) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            CompletableFuture<Void> acked = new CompletableFuture<>();
            Metadata metadata = Metadata.of(
                    OutgoingKafkaRecordMetadata.<String>builder().withKey(article.id()).build(),
                    OutgoingCloudEventMetadata.builder()
                            .withId(article.eventId())
                            .withType(ArticleSubmitted.TYPE)
                            .withSource(java.net.URI.create(ArticleSubmitted.SOURCE))
                            .withSubject(article.id())
                            .withTimestamp(article.ingestedAt().atZone(ZoneOffset.UTC))
                            .build());
            Message<ArticleSubmitted> message = Message.of(article, metadata)
                    .withAck(() -> {
                        acked.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(reason -> {
                        acked.completeExceptionally(reason);
                        return CompletableFuture.completedFuture(null);
                    });
            try {
                emitter.send(message);
            } catch (RuntimeException e) { // buffer full or channel down
                return Uni.createFrom().failure(unavailable("the Kafka producer cannot take more records: " + e.getMessage()));
            }
            return Uni.createFrom().completionStage(acked)
                    .ifNoItem().after(timeout).failWith(() -> unavailable(
                            "Kafka did not acknowledge the article within " + timeout.toSeconds() + " s"))
                    .onFailure(f -> !(f instanceof ProblemException))
                    .transform(f -> unavailable("Kafka refused the article: " + f.getMessage()))
                    .invoke(() -> latency.record(Duration.ofNanos(System.nanoTime() - started)))
                    .replaceWith(article);
        });
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Kafka unavailable", detail + "; the article was not accepted, retry later",
                Map.of("Retry-After", "5"));
    }
}
