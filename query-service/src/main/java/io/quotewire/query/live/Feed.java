package io.quotewire.query.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quotewire.query.QueryConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The live feed, read from the database (table {@code feed}) by one poller per instance and handed to every
 * subscriber whose filter matches. A subscriber at the head shares the poller's batch; one that resumes from an
 * older position reads its own batches until it has caught up. An idle subscriber costs an object and its
 * connection: no thread, no query.
 */
@ApplicationScoped
public class Feed {

    private static final Logger LOG = Logger.getLogger(Feed.class);
    static final long POLL_MILLIS = 250;
    static final int BATCH = 500;
    /** A keep-alive comment to every subscriber every 15 s. */
    static final long KEEP_ALIVE_TICKS = 15_000 / POLL_MILLIS;

    static final String SELECT = """
            SELECT f.tx::text, f.seq, f.kind, f.article_id, f.quote_id, q.text, l.entity_id,
                   coalesce(e.name, o.speaker_name), o.article_id IS NOT NULL, a.source, a.title, a.published_at, f.at,
                   (SELECT array_agg(DISTINCT ae.entity_id) FROM article_entity ae WHERE ae.article_id = f.article_id)
            FROM feed f
            LEFT JOIN quote_occurrence o ON o.article_id = f.article_id AND o.quote_id = f.quote_id
                 AND o.start_offset = f.start_offset
            LEFT JOIN quote q ON q.id = f.quote_id
            LEFT JOIN entity_link l ON l.source_id = o.speaker_source_id
            LEFT JOIN entity e ON e.id = l.entity_id
            LEFT JOIN article a ON a.id = f.article_id
            """;

    /** The events after a position, oldest first, of transactions no running one can precede. */
    static final String AFTER = SELECT + """
            WHERE (f.tx, f.seq) > ($1::text::xid8, $2) AND f.tx < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY f.tx, f.seq LIMIT $3""";

    /** The newest events of a kind, newest first. */
    static final String LATEST = SELECT + """
            WHERE f.kind = $1 AND f.tx < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY f.tx DESC, f.seq DESC LIMIT $2""";

    static final String HEAD = """
            SELECT f.tx::text, f.seq FROM feed f WHERE f.tx < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY f.tx DESC, f.seq DESC LIMIT 1""";

    private final Pool db;
    private final Vertx vertx;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile Position head;
    private long timer = -1;
    private long ticks;

    /** Old events are deleted every 10 minutes. */
    static final long PRUNE_MILLIS = 600_000;

    private final Duration retention;
    private long pruner = -1;

    public Feed(Pool db, Vertx vertx, MeterRegistry registry, QueryConfig config) {
        this.db = db;
        this.vertx = vertx;
        this.retention = config.feedRetention();
        registry.gaugeCollectionSize("quotewire.live.subscribers", List.of(), subscribers);
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(POLL_MILLIS, id -> poll());
        pruner = vertx.setPeriodic(PRUNE_MILLIS, id -> prune());
    }

    private void prune() {
        db.preparedQuery("DELETE FROM feed WHERE at < now() - make_interval(secs => $1)").execute(Tuple.of(retention.toSeconds()))
                .subscribe().with(rows -> LOG.debugf("pruned %d feed events", rows.rowCount()),
                        failure -> LOG.debugf("the live feed could not be pruned: %s", failure.toString()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            vertx.cancelTimer(pruner);
        }
        subscribers.forEach(Subscriber::close);
    }

    /** The position of the newest event served: where a subscriber without Last-Event-ID starts. */
    public Uni<Position> head() {
        Position h = head;
        if (h != null) {
            return Uni.createFrom().item(h);
        }
        return db.query(HEAD).execute().map(rows -> rows.iterator().hasNext()
                ? position(rows.iterator().next()) : Position.START);
    }

    /** The newest events of {@code kind}, newest first: what a page shows before the stream takes over. */
    public Uni<List<FeedEvent>> latest(String kind, int limit) {
        return db.preparedQuery(LATEST).execute(Tuple.of(kind, limit)).map(rows -> batch(rows, Position.START).events());
    }

    void subscribe(Subscriber s) {
        subscribers.add(s);
    }

    void unsubscribe(Subscriber s) {
        subscribers.remove(s);
    }

    int subscriberCount() {
        return subscribers.size();
    }

    /** The next events after {@code p}, and the position of the last row read (some rows are no event any more). */
    private Uni<Batch> after(Position p) {
        return db.preparedQuery(AFTER).execute(Tuple.of(String.valueOf(p.tx()), p.seq(), BATCH)).map(rows -> batch(rows, p));
    }

    /** Events read from the feed, and the position they take their reader to. */
    record Batch(List<FeedEvent> events, Position last) {
    }

    private void poll() {
        if (subscribers.isEmpty()) {
            head = null; // read again when someone subscribes
            return;
        }
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        Uni<Position> start = head();
        boolean keepAlive = ++ticks % KEEP_ALIVE_TICKS == 0;
        // the events are written on a worker thread: a batch of hundreds for many subscribers must not hold up the
        // event loop that serves the API
        start.chain(from -> after(from).emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()).chain(batch -> {
            head = batch.last();
            List<Uni<Void>> catchUps = new ArrayList<>();
            for (Subscriber s : subscribers) {
                if (s.isClosed()) {
                    subscribers.remove(s);
                    continue;
                }
                if (keepAlive) {
                    s.keepAlive();
                }
                if (s.position().compareTo(from) >= 0) {
                    s.deliver(batch);
                } else {
                    catchUps.add(after(s.position()).emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                            .invoke(s::deliver).replaceWithVoid());
                }
            }
            return catchUps.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(catchUps).andCollectFailures().replaceWithVoid();
        })).subscribe().with(ok -> polling.set(false), failure -> {
            polling.set(false);
            LOG.debugf("the live feed could not be read: %s", failure.toString());
        });
    }

    private static Position position(Row r) {
        return new Position(Long.parseLong(r.getString(0)), r.getLong(1));
    }

    private static Batch batch(io.vertx.mutiny.sqlclient.RowSet<Row> rows, Position from) {
        List<FeedEvent> events = new ArrayList<>();
        Position last = from;
        for (Row r : rows) {
            last = position(r);
            String kind = r.getString(2);
            boolean quote = kind.equals("quote");
            if (quote && !r.getBoolean(8)) {
                continue; // the occurrence is gone: a newer analysis of its article replaced it
            }
            String[] entities = r.getArrayOfStrings(13);
            String speakerId = r.getString(6);
            String speakerName = r.getString(7);
            events.add(new FeedEvent(position(r).toString(), kind, r.getString(3), r.getString(4), r.getString(5),
                    quote && speakerName != null ? new FeedEvent.Speaker(speakerId, speakerName) : null, r.getString(9),
                    r.getString(10), r.getOffsetDateTime(11), r.getOffsetDateTime(12),
                    entities == null ? List.of() : Arrays.asList(entities)));
        }
        return new Batch(events, last);
    }
}
