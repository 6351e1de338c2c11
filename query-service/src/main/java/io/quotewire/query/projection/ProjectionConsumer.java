package io.quotewire.query.projection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quotewire.query.Sql;
import io.quotewire.query.Topics;
import io.quotewire.query.story.Stories;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Projects the four topics into PostgreSQL (profiles through story assignment), one transaction per poll (batch): a handful of set-based
 * statements for hundreds of events. An event that cannot be read goes to its topic's dead-letter topic with
 * the reason before the batch is applied. While the database is unreachable or frozen, a batch waits and is
 * tried again with back-off, however long that takes (the consumer pauses; nothing is dead-lettered for an
 * outage). When a batch fails for another reason, its events are applied one by one, each in its own
 * transaction, and only those that fail again are dead-lettered; the consumer goes on.
 * Offsets are committed once every event of the batch is projected or dead-lettered.
 */
@ApplicationScoped
public class ProjectionConsumer {

    private static final Logger LOG = Logger.getLogger(ProjectionConsumer.class);
    private static final String CUSTOM_PLANS = "SELECT set_config('plan_cache_mode', 'force_custom_plan', true)";

    private final Projector projector;
    private final Stories stories;
    private final ObjectMapper json;
    private final MutinyEmitter<String> deadLetters;
    private final Timer freshness;
    private final MeterRegistry registry;

    public ProjectionConsumer(Projector projector, Stories stories, ObjectMapper json, MeterRegistry registry,
            @Channel(Topics.DEAD_LETTERS_OUT) MutinyEmitter<String> deadLetters) {
        this.projector = projector;
        this.stories = stories;
        this.json = json;
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.freshness = Timer.builder("quotewire.query.freshness")
                .description("from ingestedAt to the article's entities or quotes being visible in the read model")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    @Incoming(Topics.ARTICLES_IN)
    public Uni<Void> articles(ConsumerRecords<String, String> records) {
        return project(Topics.ARTICLES, records,
                r -> Events.article(Events.parse(json, r.value()), time(r)),
                (s, batch) -> projector.articles(s, batch).replaceWith(List.of()));
    }

    @Incoming(Topics.ENTITIES_IN)
    public Uni<Void> entities(ConsumerRecords<String, String> records) {
        return project(Topics.ENTITIES, records, r -> Events.entities(json, Events.parse(json, r.value()), time(r)),
                projector::entities);
    }

    @Incoming(Topics.QUOTES_IN)
    public Uni<Void> quotes(ConsumerRecords<String, String> records) {
        return project(Topics.QUOTES, records, r -> Events.quotes(json, Events.parse(json, r.value()), time(r)),
                projector::quotes);
    }

    /** Profiles, in the one partition's order: story assignment ({@link Stories}). */
    @Incoming(Topics.PROFILES_IN)
    public Uni<Void> profiles(ConsumerRecords<String, String> records) {
        return project(Topics.PROFILES, records, r -> Events.profile(Events.parse(json, r.value()), r.offset(), time(r)),
                stories::assign);
    }

    private static OffsetDateTime time(ConsumerRecord<String, String> r) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(r.timestamp()), ZoneOffset.UTC);
    }

    /** A record and the event read from it. */
    private record Read<E>(ConsumerRecord<String, String> record, E event) {
    }

    /**
     * Reads a poll's records, applies them in one transaction (the step answers the ids of the articles that
     * changed), and falls back to one transaction per event when the batch fails.
     */
    private <E> Uni<Void> project(String topic, ConsumerRecords<String, String> records,
            Function<ConsumerRecord<String, String>, E> read, BiFunction<Mutiny.Session, List<E>, Uni<List<String>>> apply) {
        List<Read<E>> events = new ArrayList<>();
        List<Uni<Void>> refused = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                events.add(new Read<>(r, read.apply(r)));
            } catch (Events.Unprojectable e) {
                refused.add(deadLetter(topic, r, e.getMessage()));
            }
        }
        Uni<Void> deadLettered = refused.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(refused).andFailFast().replaceWithVoid();
        if (events.isEmpty()) {
            return deadLettered;
        }
        Timer.Sample timing = Timer.start(registry);
        registry.summary("quotewire.query.batch.size", "topic", topic).record(events.size());
        return deadLettered
                .chain(() -> apply(apply, events.stream().map(Read::event).toList()))
                // the database is away or busy: wait for it (the consumer pauses) and apply the batch again
                .onFailure(Sql::isTransient).invoke(f -> LOG.warnf("a batch of %d %s events waits for the database: %s",
                        events.size(), topic, reason(f)))
                .onFailure(Sql::isTransient).retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .onFailure(f -> stopping).recoverWithUni(f -> held(topic, events.size(), f))
                .onFailure().recoverWithUni(batchFailure -> {
                    LOG.warnf("a batch of %d %s events failed (%s); applying them one by one", events.size(), topic,
                            reason(batchFailure));
                    return Uni.createFrom().voidItem().chain(() -> oneByOne(topic, events, apply));
                })
                .invoke(() -> {
                    timing.stop(registry.timer("quotewire.query.batch.duration", "topic", topic));
                    registry.counter("quotewire.query.events", "topic", topic).increment(records.count());
                });
    }

    private <E> Uni<Void> oneByOne(String topic, List<Read<E>> events,
            BiFunction<Mutiny.Session, List<E>, Uni<List<String>>> apply) {
        return Sql.each(events, e -> apply(apply, List.of(e.event()))
                // the database is away or busy: wait for it (the consumer pauses) rather than dead-letter
                .onFailure(Sql::isTransient).invoke(f -> LOG.warnf("%s event waits for the database: %s", topic, f))
                .onFailure(Sql::isTransient).retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .onFailure(f -> stopping).recoverWithUni(f -> held(topic, 1, f))
                .onFailure().recoverWithUni(f -> deadLetter(topic, e.record(), reason(f))));
    }

    /**
     * One transaction; then the freshness of the articles that changed. Its statements are planned for the
     * values they run with, every time ({@code plan_cache_mode}, for this transaction only): the statements stay
     * prepared on the connection, and PostgreSQL would otherwise settle on a generic plan after five runs, made
     * for the tables as they were then. When the read model is rebuilt, those tables start empty and grow by a
     * million rows before autovacuum next analyses them; a plan made for an empty table (a scan instead of an
     * index lookup) made some of these statements ten times slower by 50,000 articles.
     */
    private <E> Uni<Void> apply(BiFunction<Mutiny.Session, List<E>, Uni<List<String>>> apply, List<E> batch) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> Sql.strings(s, CUSTOM_PLANS, Map.of())
                        .chain(() -> apply.apply(s, batch)).chain(changed -> projector.ingestedAt(s, changed))))
                .invoke(times -> times.forEach(t -> freshness.record(Duration.between(t.toInstant(), Instant.now()))))
                .replaceWithVoid();
    }

    /** Set when the application stops: its database pool closes while records may still be in flight. */
    private volatile boolean stopping;

    void stopping(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
    }

    /**
     * A failure while the application stops (the pool is closing) is not the events' fault: they are neither
     * dead-lettered nor acknowledged, so their offsets stay uncommitted and the member that takes the partitions
     * over (or this service after its restart) projects them.
     */
    private Uni<Void> held(String topic, int events, Throwable f) {
        LOG.infof("%d %s events left unacknowledged while the service stops (%s)", events, topic, reason(f));
        return Uni.createFrom().nothing();
    }

    private Uni<Void> deadLetter(String topic, ConsumerRecord<String, String> r, String reason) {
        LOG.warnf("%s record at partition %d offset %d goes to %s.dlq: %s", topic, r.partition(), r.offset(), topic, reason);
        RecordHeaders headers = new RecordHeaders(r.headers().toArray());
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", topic.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(r.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(r.offset()).getBytes(StandardCharsets.UTF_8));
        registry.counter("quotewire.query.dead.letters", "topic", topic).increment();
        return deadLetters.sendMessage(Message.of(r.value() == null ? "" : r.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic + ".dlq").withKey(r.key())
                        .withHeaders(headers).build()));
    }

    private static String reason(Throwable f) {
        Throwable root = f;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == f ? f.toString() : f.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
