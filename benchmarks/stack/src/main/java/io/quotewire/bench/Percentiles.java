package io.quotewire.bench;

/** Percentiles of latencies measured in nanoseconds. */
public final class Percentiles {

    private Percentiles() {
    }

    /** The {@code p} percentile (0-1) of {@code sorted} nanoseconds, in milliseconds; 0 when empty. */
    public static double millis(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }
}
