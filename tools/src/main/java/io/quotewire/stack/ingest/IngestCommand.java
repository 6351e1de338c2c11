package io.quotewire.stack.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./quotewire ingest PATH...}: sends files and folders (recursively) to ingest-service's REST API.
 * {@code .txt} (plain text, optional {@code date YYYY-MM-DD} first line), {@code .html}/{@code .htm},
 * {@code .json} (one article object, or an array of them) and {@code .ndjson}/{@code .jsonl} (one article a
 * line, sent in batches). Progress goes to stderr, the summary to stdout. Exit 0 when everything was accepted,
 * 1 when anything was rejected, 2 when the service cannot be reached or the command line is wrong.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2,
        description = "Sends .txt, .html, .json and .ndjson files, and folders of them (recursively), to ingest-service.",
        footer = "QUOTEWIRE_API_KEY is sent as X-Api-Key when set.")
public final class IngestCommand implements Callable<Integer> {

    static final List<String> EXTENSIONS = List.of("txt", "html", "htm", "json", "ndjson", "jsonl");

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files and folders to send")
    List<Path> paths;

    @Option(names = "--source", paramLabel = "NAME", description = "the source (outlet) of the articles that name none")
    String source;

    @Option(names = "--url", paramLabel = "URL",
            description = "ingest-service address (env QUOTEWIRE_INGEST_URL; default http://localhost:8081, or the port in QUOTEWIRE_INGEST_PORT)")
    String url;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8", description = "requests in flight (default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--batch-lines", paramLabel = "N", defaultValue = "500",
            description = "NDJSON lines per batch request (default ${DEFAULT-VALUE})")
    int batchLines;

    @Option(names = "--progress", paramLabel = "bar|lines", defaultValue = "lines",
            description = "a progress bar (for a terminal) or a line now and then")
    String progress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        URI uri = uri();
        if (concurrency < 1 || batchLines < 1) {
            throw new ParameterException(spec.commandLine(), "--concurrency and --batch-lines need a positive number");
        }
        if (!progress.equals("bar") && !progress.equals("lines")) {
            throw new ParameterException(spec.commandLine(), "--progress is bar or lines, not " + progress);
        }
        String key = System.getenv("QUOTEWIRE_API_KEY");
        List<Path> files = new ArrayList<>();
        Report report = new Report();
        for (Path path : paths) {
            collect(path, files, report);
        }
        Uploader uploader = new Uploader(uri, key == null || key.isBlank() ? null : key.trim(),
                source == null || source.isBlank() ? null : source.trim(), concurrency, batchLines, report);
        if (!uploader.reachable()) {
            err.println("quotewire ingest: cannot reach ingest-service at " + uri
                    + " (is ./quotewire up running? QUOTEWIRE_INGEST_URL sets the address)");
            return 2;
        }
        List<Uploader.Unit> units = new ArrayList<>();
        for (Path file : files) {
            try {
                units.addAll(uploader.units(file));
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                report.rejected(file, 0, "cannot read: " + e.getMessage());
            }
        }
        long total = units.stream().mapToLong(Uploader.Unit::articles).sum();
        Progress shown = new Progress(err, progress.equals("bar"), total, report);
        shown.start();
        try {
            uploader.send(units);
        } finally {
            shown.stop();
        }
        report.print(out, shown.elapsedSeconds());
        if (report.unreachable()) {
            return 2;
        }
        return report.rejectedCount() > 0 ? 1 : 0;
    }

    private URI uri() {
        if (url == null) {
            url = System.getenv().getOrDefault("QUOTEWIRE_INGEST_URL",
                    "http://localhost:" + System.getenv().getOrDefault("QUOTEWIRE_INGEST_PORT", "8081"));
        }
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "not a URL: " + url);
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw new ParameterException(spec.commandLine(), "not an http(s) URL: " + url);
        }
        return uri;
    }

    private static void collect(Path path, List<Path> files, Report report) {
        if (!Files.exists(path)) {
            report.rejected(path, 0, "no such file or directory");
        } else if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile).filter(IngestCommand::supported)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted(Comparator.naturalOrder()).forEach(files::add);
            } catch (IOException | UncheckedIOException e) {
                report.rejected(path, 0, "cannot list: " + e.getMessage());
            }
        } else if (supported(path)) {
            files.add(path);
        } else {
            report.rejected(path, 0, "unsupported file type; use one of ." + String.join(", .", EXTENSIONS));
        }
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean supported(Path file) {
        return EXTENSIONS.contains(extension(file));
    }
}
