package io.quotewire.nlp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quotewire.contract.Fixtures;
import io.quotewire.nlp.analysis.Analyzer;


/**
 * One worker's analysis speed on seed-sized articles: model load time, then after a warm-up, articles/s and
 * tokens/s on one thread, and the JVM's resident memory. Usage: Throughput [SECONDS]. Used by bench/speed.sh.
 */
public final class Throughput {

    private static final Pattern TOKEN = Pattern.compile("\\w+(?:['’]\\w+)?|[^\\w\\s]");

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String> seeds = List.of(Fixtures.sampleText(Fixtures.SAMPLES.get(0)), Fixtures.sampleText(Fixtures.SAMPLES.get(1)));
        long t0 = System.nanoTime();
        Analyzer analyzer = new Analyzer(Analyzer.DEFAULT_NER_MODEL, false);
        System.out.printf("model loading: %.1f s%n", (System.nanoTime() - t0) / 1e9);

        run(analyzer, seeds, Math.max(5, seconds / 2)); // warm-up
        long cpu0 = processCpuNanos();
        long[] r = run(analyzer, seeds, seconds);
        double s = r[2] / 1e9;
        System.out.printf("one worker: %.1f articles/s, %.0f tokens/s (%d articles, %d tokens in %.1f s)%n",
                r[0] / s, r[1] / s, r[0], r[1], s);
        // what a busy machine pays: the worker, and the JVM's collector and compiler threads beside it
        System.out.printf("CPU per article (the whole JVM): %.1f ms%n", (processCpuNanos() - cpu0) / 1e6 / r[0]);
        System.out.printf("resident memory: %d MiB (heap used %d MiB of max %d MiB)%n", rssMiB(),
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static long[] run(Analyzer analyzer, List<String> texts, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        long articles = 0;
        long tokens = 0;
        int i = 0;
        while (System.nanoTime() < end) {
            String text = texts.get(i++ % texts.size());
            analyzer.analyze(text);
            articles++;
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                tokens++;
            }
        }
        return new long[] { articles, tokens, System.nanoTime() - start };
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) >> 10;
            }
        }
        return -1;
    }
}
