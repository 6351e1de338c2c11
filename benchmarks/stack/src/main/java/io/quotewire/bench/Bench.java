package io.quotewire.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./quotewire bench ...}: the benchmarks that print figures about the running stack or a part of it. */
@Command(name = "quotewire bench", mixinStandardHelpOptions = true, version = "Quotewire 0.1.0-SNAPSHOT",
        subcommands = { SystemBenchmark.class, IngestBenchmark.class, QueryBenchmark.class, SoakBenchmark.class, LiveBenchmark.class,
            StoryBenchmark.class },
        description = "Benchmarks: each prints figures; none is a test. See benchmarks/README.md.")
public final class Bench {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }
}
