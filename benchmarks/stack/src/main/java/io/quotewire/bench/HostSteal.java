package io.quotewire.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The share of CPU time the hypervisor gave to other guests ({@code vmstat}'s {@code st}), from
 * {@code /proc/stat}. On a shared VM it decides a benchmark's tail more than the code does, so the
 * benchmarks print it beside their figures. NaN where {@code /proc/stat} cannot be read.
 */
public final class HostSteal {

    /** CPU time counters at one moment: all of it, and the stolen part (in clock ticks). */
    public record Snapshot(long total, long steal) {

        /** Percent of the CPU time from this snapshot to {@code later} that was stolen. */
        public double percentUntil(Snapshot later) {
            long total = later.total - this.total;
            return this.total < 0 || later.total < 0 || total <= 0 ? Double.NaN : 100.0 * (later.steal - steal) / total;
        }
    }

    private HostSteal() {
    }

    public static Snapshot now() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            return new Snapshot(total, f.length > 8 ? Long.parseLong(f[8]) : 0);
        } catch (IOException | RuntimeException e) {
            return new Snapshot(-1, 0);
        }
    }

    /** "12 %", or "n/a". */
    public static String format(double percent) {
        return Double.isNaN(percent) ? "n/a" : String.format("%.0f %%", percent);
    }

    /** Snapshots every {@code seconds} from now until {@link #stop}: the steal of each interval. */
    public static final class Sampler {
        private final List<Snapshot> snapshots = new ArrayList<>();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "host-steal");
            t.setDaemon(true);
            return t;
        });

        public Sampler(int seconds) {
            timer.scheduleAtFixedRate(() -> {
                synchronized (snapshots) {
                    snapshots.add(now());
                }
            }, 0, seconds, TimeUnit.SECONDS);
        }

        /** Stops, and answers the steal of each whole interval, in order. */
        public List<Double> stop() {
            timer.shutdownNow();
            List<Double> percents = new ArrayList<>();
            synchronized (snapshots) {
                for (int i = 1; i < snapshots.size(); i++) {
                    percents.add(snapshots.get(i - 1).percentUntil(snapshots.get(i)));
                }
            }
            return percents;
        }
    }
}
