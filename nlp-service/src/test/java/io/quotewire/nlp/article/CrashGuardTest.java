package io.quotewire.nlp.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record whose analysis kills the process is recognised by the processes after it: each guard here stands
 * for one process on the same journal, and a process "dies" by leaving its analyses running forever.
 */
class CrashGuardTest {

    @TempDir
    Path dir;

    @Test
    void aRecordInFlightAtTwoCrashesIsRefusedAndItsNeighboursAreNot() throws Exception {
        Path journal = dir.resolve("nested/journal");
        CrashGuard first = new CrashGuard(journal, 2);
        assertEquals("done", first.guard("articles/0/7", () -> "done"), "a finished record leaves no trace");
        // process 1 dies while it analyses offsets 41 (the poison) and 42 (a neighbour)
        dieDuring(first, "articles/0/41", "articles/1/42");

        CrashGuard second = new CrashGuard(journal, 2);
        assertNull(second.refusal("articles/0/41"), "one crash: tried again, alone");
        assertNull(second.refusal("articles/1/42"));
        assertNull(second.refusal("articles/0/7"));
        assertEquals("fine", second.guard("articles/1/42", () -> "fine"), "the neighbour is analysed and forgotten");
        // process 2 dies on the poison alone
        dieDuring(second, "articles/0/41");

        CrashGuard third = new CrashGuard(journal, 2);
        String reason = third.refusal("articles/0/41");
        assertNotNull(reason, "in flight at two crashes: dead-lettered");
        assertTrue(reason.contains("2 times"), reason);
        assertNull(third.refusal("articles/1/42"), "the neighbour was in flight at one crash only, and then finished");
    }

    @Test
    void aSuspectIsAnalysedAlone() throws Exception {
        Path journal = dir.resolve("journal");
        dieDuring(new CrashGuard(journal, 2), "articles/0/1");
        CrashGuard guard = new CrashGuard(journal, 2);
        CountDownLatch ordinaryRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> ordinary = CompletableFuture.supplyAsync(() -> guard.guard("articles/0/2", () -> {
            ordinaryRunning.countDown();
            await(release);
            return "ordinary";
        }));
        assertTrue(ordinaryRunning.await(10, TimeUnit.SECONDS));
        CompletableFuture<String> suspect = CompletableFuture.supplyAsync(() -> guard.guard("articles/0/1", () -> "suspect"));
        Thread.sleep(300);
        assertFalse(suspect.isDone(), "the suspect waits until no other analysis runs");
        release.countDown();
        assertEquals("ordinary", ordinary.get(10, TimeUnit.SECONDS));
        assertEquals("suspect", suspect.get(10, TimeUnit.SECONDS));
        assertEquals("", Files.readString(journal), "nothing in flight");
    }

    @Test
    void anAnalysisThatFailsIsNotACrash() {
        Path journal = dir.resolve("journal");
        CrashGuard guard = new CrashGuard(journal, 2);
        assertThrows(IllegalStateException.class, () -> guard.guard("articles/0/3", () -> {
            throw new IllegalStateException("bad text");
        }));
        assertNull(new CrashGuard(journal, 2).refusal("articles/0/3"));
    }

    @Test
    void aGracefulStopIsNotACrash() throws Exception {
        Path journal = dir.resolve("journal");
        CrashGuard guard = new CrashGuard(journal, 2);
        dieDuring(guard, "articles/0/5");
        guard.stopping(null); // the application stops (SIGTERM) with the analysis still running
        assertNull(new CrashGuard(journal, 2).refusal("articles/0/5"));
        assertEquals("", Files.readString(journal), "nothing counted as in flight at a crash");
    }

    /** Starts the analyses of {@code keys} on {@code guard} and leaves them running, as a dying process would. */
    private static void dieDuring(CrashGuard guard, String... keys) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(keys.length);
        for (String key : keys) {
            Thread t = new Thread(() -> guard.guard(key, () -> {
                started.countDown();
                await(new CountDownLatch(1)); // never returns
                return null;
            }));
            t.setDaemon(true);
            t.start();
        }
        assertTrue(started.await(10, TimeUnit.SECONDS));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
