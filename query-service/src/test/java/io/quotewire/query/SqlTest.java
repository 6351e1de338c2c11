package io.quotewire.query;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;

/**
 * Which failures the projection waits out (the database unreachable or frozen) and which send an event to its
 * dead-letter topic (the statement's fault): a record must never be dead-lettered for an outage.
 */
class SqlTest {

    @Test
    void anOutageIsTransient() {
        // what the pool answers when no connection comes free within its wait: all are held by statements a frozen
        // database does not answer
        assertTrue(Sql.isTransient(new CompletionException(new NoStackTraceThrowable("Timeout"))));
        assertTrue(Sql.isTransient(new java.net.ConnectException("Connection refused")));
        assertTrue(Sql.isTransient(new PgException("the database system is shutting down", "FATAL", "57P03", null)));
        assertTrue(Sql.isTransient(new PgException("deadlock detected", "ERROR", "40P01", null)));
    }

    @Test
    void aStatementsOwnFailureIsNot() {
        assertFalse(Sql.isTransient(new PgException("value too long for type character varying(64)", "ERROR", "22001", null)));
        assertFalse(Sql.isTransient(new NoStackTraceThrowable("something else")));
        assertFalse(Sql.isTransient(new IllegalArgumentException("no text")));
    }
}
