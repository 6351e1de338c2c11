package io.quotewire.stack.ingest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** What happened to every article: counts for the progress line, and each rejection with its file and reason. */
final class Report {

    record Rejection(Path file, int line, String reason) {
        String where() {
            return line > 0 ? file + ":" + line : file.toString();
        }
    }

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final List<Rejection> rejections = new ArrayList<>();
    private volatile boolean unreachable;
    private volatile String lastRetryReason;

    void accepted(long n) {
        accepted.addAndGet(n);
    }

    synchronized void rejected(Path file, int line, String reason) {
        rejections.add(new Rejection(file, line, reason));
    }

    void retrying(String reason) {
        retries.incrementAndGet();
        lastRetryReason = reason;
    }

    void markUnreachable() {
        unreachable = true;
    }

    boolean unreachable() {
        return unreachable;
    }

    long acceptedCount() {
        return accepted.get();
    }

    synchronized int rejectedCount() {
        return rejections.size();
    }

    long retries() {
        return retries.get();
    }

    String lastRetryReason() {
        return lastRetryReason;
    }

    synchronized void print(PrintStream out, double seconds) {
        long ok = accepted.get();
        out.printf("Accepted %d article%s, rejected %d, in %.1f s (%.0f articles/s)%s%n", ok, ok == 1 ? "" : "s",
                rejections.size(), seconds, seconds > 0 ? ok / seconds : 0,
                retries.get() > 0 ? "; " + retries.get() + " retried request(s)" : "");
        List<Rejection> sorted = new ArrayList<>(rejections);
        sorted.sort(Comparator.comparing((Rejection r) -> r.file().toString()).thenComparingInt(Rejection::line));
        for (Rejection r : sorted) {
            out.println("  rejected " + r.where() + ": " + r.reason());
        }
    }
}
