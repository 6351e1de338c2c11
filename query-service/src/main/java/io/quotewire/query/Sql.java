package io.quotewire.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Native SQL on a Hibernate Reactive session: named parameters, typed results, sequential steps. */
public final class Sql {

    private Sql() {
    }

    /**
     * A failure of the database connection or of concurrency (deadlock, serialization), not of the statement:
     * trying again later may succeed.
     */
    public static boolean isTransient(Throwable f) {
        for (Throwable t = f; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.sqlclient.DatabaseException db) {
                String state = db.getSqlState() == null ? "" : db.getSqlState();
                return state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                        || state.equals("40001") || state.equals("40P01");
            }
            // the pool or connection closing (a restart, a failover): not the statement's fault
            if (String.valueOf(t.getMessage()).contains("Pool closed")) {
                return true;
            }
            if (t instanceof java.io.IOException || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.ConnectException) {
                return true;
            }
            // no connection free within the pool's wait (every one held by a statement the database does not answer)
            if (t instanceof io.vertx.core.impl.NoStackTraceThrowable && "Timeout".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    public static Map<String, Object> params(Object... kv) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return p;
    }

    public static Uni<Integer> exec(Mutiny.Session s, String sql, Map<String, Object> params) {
        Mutiny.MutationQuery q = s.createNativeMutationQuery(sql);
        params.forEach(q::setParameter);
        return q.executeUpdate();
    }

    public static Uni<List<String>> strings(Mutiny.Session s, String sql, Map<String, Object> params) {
        Mutiny.SelectionQuery<String> q = s.createNativeQuery(sql, String.class);
        params.forEach(q::setParameter);
        return q.getResultList();
    }

    /** A query answering one number, such as {@code SELECT count(*) ...}. */
    public static Uni<Long> count(Mutiny.Session s, String sql, Map<String, Object> params) {
        Mutiny.SelectionQuery<Long> q = s.createNativeQuery(sql, Long.class);
        params.forEach(q::setParameter);
        return q.getSingleResult();
    }

    public static Uni<List<Object[]>> rows(Mutiny.Session s, String sql, Map<String, Object> params) {
        Mutiny.SelectionQuery<Object[]> q = s.createNativeQuery(sql, Object[].class);
        params.forEach(q::setParameter);
        return q.getResultList();
    }

    /**
     * One step per item, each after the one before has finished. Stack-safe however many items there are and
     * however many steps complete at once (a chain of nested {@code Uni}s would overflow the stack).
     */
    public static <T> Uni<Void> each(List<T> items, Function<T, Uni<?>> step) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(item -> step.apply(item))
                .collect().last().replaceWithVoid();
    }
}
