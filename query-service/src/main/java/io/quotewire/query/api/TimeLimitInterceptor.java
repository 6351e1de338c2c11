package io.quotewire.query.api;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;


import io.smallrye.mutiny.Uni;
import io.quotewire.query.QueryConfig;

/** Carries out {@link TimeLimited}: outermost, so that the limit covers the session and every query. */
@TimeLimited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class TimeLimitInterceptor {

    private final Duration timeout;

    public TimeLimitInterceptor(QueryConfig config) {
        this.timeout = config.requestTimeout();
    }

    @AroundInvoke
    Object limit(InvocationContext call) throws Exception {
        Object result = call.proceed();
        if (result instanceof Uni<?> uni) {
            return uni.ifNoItem().after(timeout).failWith(() -> new TimeoutException(
                    "no answer from the database within " + timeout.toMillis() + " ms"));
        }
        return result;
    }
}
