package io.quotewire.nlp.article;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import io.quotewire.nlp.NlpConfig;

/**
 * Recognises a record whose analysis kills the process (out of memory, a crash of the JVM), so that it is
 * dead-lettered instead of being read, and killing the service, again and again.
 *
 * <p>The records being analysed are noted in a small file ({@code quotewire.nlp.crash-journal}), rewritten
 * atomically as they start and end. A process that dies leaves its records there; the next process counts each
 * as having been in flight at a crash. Such a suspect is analysed alone (no other analysis runs meanwhile), so
 * a second crash pins the record that caused it and not its neighbours; a record in flight at
 * {@code quotewire.nlp.max-crashes} crashes is dead-lettered. The file must outlive the process: on Kubernetes
 * it lives on an {@code emptyDir} volume, which survives a container's restarts.
 */
@ApplicationScoped
public class CrashGuard {

    private static final Logger LOG = Logger.getLogger(CrashGuard.class);

    private final Path journal;
    private final int maxCrashes;
    /** Crashes each record was in flight at, by previous processes. */
    private final Map<String, Integer> crashes = new ConcurrentHashMap<>();
    /** The records in flight now, with their crashes so far. */
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock alone = new ReentrantReadWriteLock();
    private volatile boolean stopping;

    @Inject
    public CrashGuard(NlpConfig config) {
        this(config.crashJournal(), config.maxCrashes());
    }

    CrashGuard(Path journal, int maxCrashes) {
        this.journal = journal.toAbsolutePath();
        this.maxCrashes = maxCrashes;
        for (String line : read(this.journal)) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2) {
                try {
                    crashes.put(parts[0], Integer.parseInt(parts[1]) + 1);
                } catch (NumberFormatException e) {
                    // a torn line: ignore it
                }
            }
        }
        if (!crashes.isEmpty()) {
            LOG.warnf("the previous process stopped while it analysed %s; each is analysed alone now, and dead-lettered "
                    + "at its %d%s crash", crashes.keySet(), maxCrashes, maxCrashes == 2 ? "nd" : "th");
        }
        write();
    }

    /** The reason to dead-letter the record {@code key} without analysing it, or null. */
    public String refusal(String key) {
        int n = crashes.getOrDefault(key, 0);
        return n >= maxCrashes ? "the analysis of this record was under way when nlp-service stopped " + n
                + " times (out of memory or a crash); it is not tried again (quotewire.nlp.max-crashes)" : null;
    }

    /** Runs the analysis of record {@code key}, noted in the journal while it runs; alone if it is a suspect. */
    public <T> T guard(String key, Supplier<T> analysis) {
        boolean suspect = crashes.containsKey(key);
        Lock lock = suspect ? alone.writeLock() : alone.readLock();
        lock.lock();
        try {
            if (!stopping) {
                inFlight.put(key, crashes.getOrDefault(key, 0));
                write();
            }
            try {
                return analysis.get();
            } finally {
                inFlight.remove(key);
                crashes.remove(key);
                write();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A graceful stop is not a crash: the records in flight are forgotten (Kafka gives them to the next consumer,
     * which analyses them as any other), and nothing is noted from now on.
     */
    void stopping(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
        inFlight.clear();
        write();
    }

    /** Forgets a record that was dealt with without an analysis (dead-lettered). */
    public void done(String key) {
        crashes.remove(key);
    }

    private synchronized void write() {
        if (stopping && !inFlight.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        inFlight.forEach((key, n) -> text.append(key).append(' ').append(n).append('\n'));
        try {
            Files.createDirectories(journal.getParent());
            Path tmp = journal.resolveSibling(journal.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, journal, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the crash journal " + journal, e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the crash journal " + file, e);
        }
    }
}
