package io.quotewire.query.projection;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quotewire.query.Topics;
import io.smallrye.mutiny.Uni;

/**
 * Projects the three topics into PostgreSQL, one transaction per event. An event that cannot be projected
 * fails its transaction and goes to its topic's dead-letter topic with the reason; the consumer goes on.
 * Offsets are committed only for projected (or dead-lettered) events.
 */
@ApplicationScoped
public class ProjectionConsumer {

    private final Projector projector;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Timer freshness;

    public ProjectionConsumer(Projector projector, ObjectMapper json, MeterRegistry registry) {
        this.projector = projector;
        this.json = json;
        this.registry = registry;
        this.freshness = Timer.builder("quotewire.query.freshness")
                .description("from ingestedAt to the article's entities or quotes being visible in the read model")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    @Incoming(Topics.ARTICLES_IN)
    @WithTransaction
    public Uni<Void> article(ConsumerRecord<String, String> record) {
        Events.Article a = Events.article(Events.parse(json, record.value()),
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC));
        return Panache.getSession().chain(s -> projector.article(s, a)).invoke(() -> projected(Topics.ARTICLES));
    }

    @Incoming(Topics.ENTITIES_IN)
    @WithTransaction
    public Uni<Void> entities(ConsumerRecord<String, String> record) {
        Events.Entities ev = Events.entities(json, Events.parse(json, record.value()));
        return Panache.getSession().chain(s -> projector.entities(s, ev)
                .chain(changed -> changed ? fresh(s, ev.articleId()) : Uni.createFrom().voidItem()))
                .invoke(() -> projected(Topics.ENTITIES));
    }

    @Incoming(Topics.QUOTES_IN)
    @WithTransaction
    public Uni<Void> quotes(ConsumerRecord<String, String> record) {
        Events.Quotes ev = Events.quotes(json, Events.parse(json, record.value()));
        return Panache.getSession().chain(s -> projector.quotes(s, ev)
                .chain(changed -> changed ? fresh(s, ev.articleId()) : Uni.createFrom().voidItem()))
                .invoke(() -> projected(Topics.QUOTES));
    }

    private Uni<Void> fresh(org.hibernate.reactive.mutiny.Mutiny.Session s, String articleId) {
        return projector.ingestedAt(s, articleId).invoke(t -> {
            if (t != null) {
                freshness.record(Duration.between(t.toInstant(), Instant.now()));
            }
        }).replaceWithVoid();
    }

    private void projected(String topic) {
        Counter.builder("quotewire.query.events").tag("topic", topic).register(registry).increment();
    }
}
