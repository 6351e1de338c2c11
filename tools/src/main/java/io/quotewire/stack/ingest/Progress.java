package io.quotewire.stack.ingest;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress on stderr: a bar redrawn in place with rate and ETA on a terminal, a plain line every few seconds
 * otherwise (logs and pipes).
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean bar;
    private final long total;
    private final Report report;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });
    private long started;
    private int rejectedBefore;
    private long stopped;

    Progress(PrintStream err, boolean bar, long total, Report report) {
        this.err = err;
        this.bar = bar;
        this.total = total;
        this.report = report;
    }

    void start() {
        started = System.nanoTime();
        rejectedBefore = report.rejectedCount(); // files refused before sending are not part of the total
        long period = bar ? 200 : 5000;
        timer.scheduleAtFixedRate(this::draw, period, period, TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped = System.nanoTime();
        draw();
        if (bar) {
            err.println();
        }
    }

    double elapsedSeconds() {
        return ((stopped == 0 ? System.nanoTime() : stopped) - started) / 1e9;
    }

    private synchronized void draw() {
        long done = report.acceptedCount() + report.rejectedCount() - rejectedBefore;
        double seconds = elapsedSeconds();
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 && done < total ? duration((total - done) / rate) : "-";
        String retry = report.retries() > 0 ? "  retries " + report.retries() + " (" + report.lastRetryReason() + ")"
                : "";
        if (bar) {
            int filled = total == 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * done / total);
            err.printf("\r[%s%s] %d/%d %3d%%  %.0f/s  ETA %s  rejected %d%s\u001b[K", "#".repeat(filled),
                    ".".repeat(WIDTH - filled), done, total, total == 0 ? 100 : 100 * done / total, rate, eta,
                    report.rejectedCount(), retry);
        } else {
            err.printf("ingest: %d/%d articles, %.0f/s, ETA %s, rejected %d%s%n", done, total, rate, eta,
                    report.rejectedCount(), retry);
        }
        err.flush();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
