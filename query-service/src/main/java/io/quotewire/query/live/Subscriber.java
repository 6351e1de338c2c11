package io.quotewire.query.live;

import java.util.function.Predicate;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One client of a stream: its connection, its filter, and how far into the feed it has been served. */
final class Subscriber {

    private final SseEventSink sink;
    private final Sse sse;
    private final ObjectMapper json;
    private final Predicate<FeedEvent> filter;
    private volatile Position position;

    Subscriber(SseEventSink sink, Sse sse, ObjectMapper json, Predicate<FeedEvent> filter, Position from) {
        this.sink = sink;
        this.sse = sse;
        this.json = json;
        this.filter = filter;
        this.position = from;
    }

    Position position() {
        return position;
    }

    boolean isClosed() {
        return sink.isClosed();
    }

    void close() {
        sink.close();
    }

    /** Sends the batch's events past this subscriber's position that its filter takes, in order. */
    synchronized void deliver(Feed.Batch batch) {
        for (FeedEvent e : batch.events()) {
            if (e.position().compareTo(position) > 0 && filter.test(e) && !sink.isClosed()) {
                try {
                    sink.send(sse.newEventBuilder().id(e.id()).name(e.kind()).data(json.writeValueAsString(e)).build());
                } catch (JsonProcessingException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
        if (batch.last().compareTo(position) > 0) {
            position = batch.last();
        }
    }

    /** A comment line now and then: proxies keep the connection, and a closed one is noticed. */
    synchronized void keepAlive() {
        if (!sink.isClosed()) {
            sink.send(sse.newEventBuilder().comment("keep-alive").build());
        }
    }
}
