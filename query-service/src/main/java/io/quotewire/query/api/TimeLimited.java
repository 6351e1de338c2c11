package io.quotewire.query.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * A time limit on the {@code Uni} an API method answers ({@code quotewire.query.request-timeout}): a database
 * that is frozen or unreachable makes the request fail with a {@link java.util.concurrent.TimeoutException}, a
 * 503 problem with Retry-After, instead of hanging the caller.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface TimeLimited {
}
