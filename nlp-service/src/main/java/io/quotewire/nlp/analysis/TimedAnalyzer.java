package io.quotewire.nlp.analysis;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;


import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quotewire.nlp.NlpConfig;

/**
 * The analysis with a time limit ({@code quotewire.nlp.analysis-timeout} for each started 256 Ki characters of
 * the text, since the analysis' work is linear in its length): past it the calling worker thread
 * is interrupted (CoreNLP stops at its next check) and {@link TooSlow} is thrown, so one pathological
 * text cannot hold a worker. Records the analysis time as {@code quotewire.nlp.analysis}.
 */
@ApplicationScoped
public class TimedAnalyzer {

    /** The analysis ran past the time limit and was stopped. */
    public static class TooSlow extends RuntimeException {
        TooSlow(Duration limit) {
            super("the analysis took longer than " + limit.toMillis() + " ms (quotewire.nlp.analysis-timeout for each "
                    + "started 256 Ki characters of the text) and was stopped");
        }
    }

    private final Analyzer analyzer;
    private final Duration limit;
    private final Timer timer;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "analysis-watchdog");
        t.setDaemon(true);
        return t;
    });

    public TimedAnalyzer(Analyzer analyzer, MeterRegistry registry, NlpConfig config) {
        this.analyzer = analyzer;
        this.limit = config.analysisTimeout();
        this.timer = Timer.builder("quotewire.nlp.analysis").description("time to analyse one text")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** The time limit of a text: the configured one for each started 256 Ki characters (the work is linear). */
    Duration limitFor(String text) {
        return limit.multipliedBy(1 + text.length() / CHARS_PER_LIMIT);
    }

    static final int CHARS_PER_LIMIT = 256 * 1024;

    public Analysis analyze(String text) {
        Duration limit = limitFor(text);
        Thread worker = Thread.currentThread();
        boolean[] fired = new boolean[1];
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            synchronized (fired) {
                fired[0] = true;
                worker.interrupt();
            }
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        try {
            Analysis analysis = analyzer.analyze(text);
            synchronized (fired) {
                if (fired[0]) {
                    throw new TooSlow(limit); // finished, but too late: a late result is not published
                }
            }
            return analysis;
        } catch (TooSlow e) {
            throw e;
        } catch (RuntimeException e) {
            synchronized (fired) {
                if (fired[0]) {
                    throw new TooSlow(limit);
                }
            }
            throw e;
        } finally {
            alarm.cancel(false);
            synchronized (fired) {
                if (fired[0]) {
                    Thread.interrupted(); // clear it: the worker thread goes on with the next article
                }
            }
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @PreDestroy
    void stop() {
        watchdog.shutdownNow();
    }
}
