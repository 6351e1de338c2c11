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
import java.util.stream.Stream;

/**
 * {@code ./quotewire ingest PATH...}: sends files and folders (recursively) to ingest-service's REST API.
 * {@code .txt} (plain text, optional {@code date YYYY-MM-DD} first line), {@code .html}/{@code .htm},
 * {@code .json} (one article object, or an array of them) and {@code .ndjson}/{@code .jsonl} (one article a
 * line, sent in batches). Progress goes to stderr, the summary to stdout. Exit 0 when everything was accepted,
 * 1 when anything was rejected, 2 when the service cannot be reached or the command line is wrong.
 */
public final class IngestCommand {

    static final List<String> EXTENSIONS = List.of("txt", "html", "htm", "json", "ndjson", "jsonl");

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, java.util.Map<String, String> env, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("quotewire ingest: " + e.getMessage());
            err.println(Options.USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(Options.USAGE);
            return 0;
        }
        List<Path> files = new ArrayList<>();
        Report report = new Report();
        for (Path path : options.paths()) {
            collect(path, files, report);
        }
        Uploader uploader = new Uploader(options.url(), options.apiKey(), options.source(), options.concurrency(),
                options.batchLines(),
                report);
        if (!uploader.reachable()) {
            err.println("quotewire ingest: cannot reach ingest-service at " + options.url()
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
        Progress progress = new Progress(err, options.progressBar(), total, report);
        progress.start();
        try {
            uploader.send(units);
        } finally {
            progress.stop();
        }
        report.print(out, progress.elapsedSeconds());
        if (report.unreachable()) {
            return 2;
        }
        return report.rejectedCount() > 0 ? 1 : 0;
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

    record Options(List<Path> paths, URI url, String apiKey, String source, int concurrency, int batchLines,
            boolean progressBar, boolean help) {

        static final String USAGE = """
                usage: ./quotewire ingest [--source NAME] [--url URL] [--concurrency N] [--batch-lines N] PATH...
                  Sends .txt, .html, .json and .ndjson files, and folders of them (recursively), to ingest-service.
                  --source       the source (outlet) of the articles that name none
                  --url          ingest-service address (env QUOTEWIRE_INGEST_URL, default http://localhost:8081)
                  --concurrency  requests in flight (default 8)
                  --batch-lines  NDJSON lines per batch request (default 500)
                  QUOTEWIRE_API_KEY is sent as X-Api-Key when set.""";

        static Options parse(String[] args, java.util.Map<String, String> env) {
            List<Path> paths = new ArrayList<>();
            String url = env.getOrDefault("QUOTEWIRE_INGEST_URL",
                    "http://localhost:" + env.getOrDefault("QUOTEWIRE_INGEST_PORT", "8081"));
            int concurrency = 8;
            int batchLines = 500;
            String source = null;
            boolean bar = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> {
                        return new Options(List.of(), URI.create(url), null, null, 1, 1, false, true);
                    }
                    case "--url" -> url = value(args, ++i, a);
                    case "--source" -> source = value(args, ++i, a);
                    case "--concurrency" -> concurrency = positive(value(args, ++i, a), a);
                    case "--batch-lines" -> batchLines = positive(value(args, ++i, a), a);
                    case "--progress=bar" -> bar = true;
                    case "--progress=lines" -> bar = false;
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        paths.add(Path.of(a));
                    }
                }
            }
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("give at least one file or folder");
            }
            URI uri;
            try {
                uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a URL: " + url);
            }
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("not an http(s) URL: " + url);
            }
            String key = env.get("QUOTEWIRE_API_KEY");
            return new Options(paths, uri, key == null || key.isBlank() ? null : key.trim(),
                    source == null || source.isBlank() ? null : source.trim(), concurrency, batchLines,
                    bar, false);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int positive(String v, String option) {
            try {
                int n = Integer.parseInt(v);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException(option + " needs a positive number, not " + v);
        }
    }
}
