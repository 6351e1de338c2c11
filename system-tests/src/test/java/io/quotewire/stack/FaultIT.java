package io.quotewire.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.quotewire.stack.Launcher.Launch;

/**
 * Faults, on the whole stack as {@code ./quotewire up} starts it: a poison article, articles at the limits of
 * the contract, malformed requests, a frozen database and broker, a killed database and broker. Whatever ingest accepts
 * becomes queryable, no request gets a 5xx, and nothing is restarted by hand. Each scenario prints what it
 * measured. The frozen database and broker come first: they are mostly waiting, which the system test running
 * beside this one uses.
 */
@Order(1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultIT {

    /** How long an accepted article may take to become queryable here (another system test may share the cores). */
    private static final Duration VISIBLE = Duration.ofSeconds(120);

    private final Launcher launcher = new Launcher();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private Launch stack;
    private Api api;

    @BeforeAll
    void startTheStack() throws Exception {
        stack = launcher.up(Launcher.freshEnvironment(3), "--fresh");
        api = stack.api();
    }

    @AfterAll
    void stopTheStack() throws Exception {
        try {
            if (stack != null) {
                stack.stop();
            }
        } finally {
            launcher.close();
        }
    }

    /**
     * 550 KB of {@code wo"d } (110,000 quotation marks, no sentence end) once ran nlp-service out of heap, and
     * the restarted service read it again until the launcher gave up. Now its analysis is bounded: the service
     * stays up, the article is queryable with its quotes capped, and the articles after it flow.
     */
    @Test
    @Order(3)
    void aPoisonArticleIsAnalysedWithinBoundsAndStopsNothing() throws Exception {
        long nlpPid = stack.service("nlp-service").pid();
        String poison = "wo\"d ".repeat(110_000) + run;
        long t0 = System.nanoTime();
        String poisonId = api.postText("/api/articles?source=fault-" + run, poison, 202).path("id").asText();
        String after = api.postText("/api/articles?source=fault-" + run,
                "Senator Ada Quill said: \"The article after the poison arrives " + run + ".\"", 202).path("id").asText();
        api.await("the article after the poison", VISIBLE, "/api/quotes?q=" + Api.encode("after the poison arrives " + run),
                page -> page.path("total").asInt() == 1);
        JsonNode article = api.await("the poison article with its analysis", VISIBLE, "/api/articles/" + poisonId,
                a -> a.path("quotes").size() > 0);
        System.out.printf("[fault] poison article (550 KB, 110,000 quotation marks) analysed and queryable in %.1f s, "
                + "%d quotes kept%n", (System.nanoTime() - t0) / 1e9, article.path("quotes").size());
        assertTrue(article.path("quotes").size() <= 1000, "the quotes of one article are capped");
        assertEquals(nlpPid, stack.service("nlp-service").pid(), "nlp-service was not restarted");
        api.query("/api/articles/" + after);

        // a text of the limit's size that is a list of people: 25,000 distinct names, each with a quote (the
        // grouping of people by their names was quadratic in them)
        StringBuilder names = new StringBuilder();
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; names.length() < 1_000_000; i++) {
            names.append("Senator Ada Namevar").append(random.nextInt(1_000_000)).append(" of Place").append(i % 5000)
                    .append(" said \"we agree, number ").append(i).append("\" on Monday. ");
        }
        long t1 = System.nanoTime();
        String listId = api.postText("/api/articles?source=fault-" + run, names.toString(), 202).path("id").asText();
        JsonNode list = api.await("the list of names with its analysis", Duration.ofSeconds(120), "/api/articles/" + listId,
                a -> a.path("quotes").size() > 0 && a.path("entities").size() > 0);
        System.out.printf("[fault] 1 MB list of 25,000 people with quotes analysed and queryable in %.1f s, %d quotes "
                + "and %d entities kept%n", (System.nanoTime() - t1) / 1e9, list.path("quotes").size(), list.path("entities").size());
        assertTrue(list.path("entities").size() <= 500, "the entities of one article are capped");
        assertEquals(nlpPid, stack.service("nlp-service").pid(), "nlp-service was not restarted");
    }

    /** Articles at the contract's limits: accepted means queryable with their analysis. */
    @Test
    @Order(4)
    void articlesAtTheLimitsAreAcceptedAndQueryable() throws Exception {
        StringBuilder text = new StringBuilder("Governor Ada Quill said: \"This article is as long as ingest allows " + run + ".\"\n");
        for (int i = 0; text.length() < 1024 * 1024 - 200; i++) {
            text.append("Paragraph ").append(i).append(" of a long report from Oslo on the budget of Norway.\n");
        }
        String longest = text.toString();
        List<String> ids = new ArrayList<>();
        ids.add(api.postText("/api/articles?source=" + "s".repeat(200), longest, 202).path("id").asText());
        ids.add(accepted(Map.of("text", "Senator Ada Quill said: \"Dated in year 1, " + run + ".\"", "publishedAt",
                "0001-01-01")));
        ids.add(accepted(Map.of("text", "Senator Ada Quill said: \"Dated in year 9999, " + run + ".\"", "publishedAt",
                "9999-12-31T23:59:59Z")));
        for (String id : ids) {
            api.await("article " + id + " with its analysis", VISIBLE, "/api/articles/" + id,
                    a -> a.path("quotes").size() > 0);
        }
        api.await("the 1 MiB article's quote", VISIBLE, "/api/quotes?q=" + Api.encode("as long as ingest allows " + run),
                page -> page.path("total").asInt() == 1);
        // what the read model could not store is refused at the door, naming the field
        for (String bad : List.of("{\"text\": \"x\", \"publishedAt\": \"+10000-01-01\"}", "{\"text\": \"x\", \"publishedAt\": \"0000-01-01\"}",
                "{\"text\": \"a\\u0000b\"}", "{\"text\": \"x\", \"source\": \"" + "s".repeat(9000) + "\"}")) {
            HttpResponse<String> r = api.raw("ingest", HttpRequest.newBuilder().header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bad)), "/api/articles");
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.body());
        }
    }

    /** No malformed request gets a 5xx from any of the three services. */
    @Test
    @Order(5)
    void malformedRequestsGet4xxProblemsFromEveryService() throws Exception {
        String deep = "[".repeat(1001) + "]".repeat(1001);
        List<String[]> posts = List.of(new String[] { "ingest", "/api/articles?url=ftp://x/y", "text/plain", "x" },
                new String[] { "ingest", "/api/articles", "application/json", "{\"text\": " + deep + "}" },
                new String[] { "ingest", "/api/articles/batch", "application/x-ndjson", "{\"text\": " + deep + "}\n" },
                new String[] { "nlp", "/api/analyze", "application/json", "{\"text\": " + deep + "}" });
        for (String[] p : posts) {
            HttpResponse<String> r = api.raw(p[0], HttpRequest.newBuilder().header("Content-Type", p[2])
                    .POST(HttpRequest.BodyPublishers.ofString(p[3])), p[1]);
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500 || p[1].endsWith("batch") && r.statusCode() == 200,
                    p[0] + " " + p[1] + " answered " + r.statusCode() + ": " + r.body());
        }
        for (String path : List.of("/api/quotes?speaker=Donald%20Trump&page=2147483647", "/api/quotes?q=a%00b",
                "/api/articles?source=%00", "/api/quotes?speaker=%00", "/api/entities?q=%00", "/api/articles?page=abc",
                "/api/entities?size=x", "/api/graph?entity=x&limit=y")) {
            HttpResponse<String> r = api.getQuery(path, Duration.ofSeconds(30));
            assertEquals(400, r.statusCode(), path + " answered " + r.body());
        }
        assertEquals(0, api.query("/api/entities?q=!!").path("total").asInt());
    }

    /**
     * PostgreSQL frozen (SIGSTOP) for longer than the Kafka connector's 60 s stuck-record limit: the query API
     * answers 503 problems within seconds instead of hanging, query-service is not ready, articles posted
     * meanwhile are accepted, and after SIGCONT it is ready again and everything posted becomes queryable with
     * no service restarted.
     */
    @Test
    @Order(1)
    void aFrozenDatabaseDelaysButLosesNothing() throws Exception {
        long queryPid = stack.service("query-service").pid();
        List<String> quotes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            quotes.add(postQuote("before the freeze " + i));
        }
        api.await("the articles before the freeze", VISIBLE, "/api/quotes?q=" + Api.encode("before the freeze"),
                page -> page.path("total").asInt() == 5);
        List<ProcessHandle> postgres = freezePostgres();
        long frozen = System.nanoTime();
        try {
            for (int i = 0; i < 10; i++) {
                quotes.add(postQuote("during the freeze " + i));
            }
            long t0 = System.nanoTime();
            HttpResponse<String> during = api.getQuery("/api/quotes?q=freeze", Duration.ofSeconds(30));
            double answeredIn = (System.nanoTime() - t0) / 1e9;
            System.out.printf("[fault] query API with the database frozen: %d in %.1f s%n", during.statusCode(), answeredIn);
            assertEquals(503, during.statusCode(), during.body());
            assertTrue(answeredIn < 10, "answered within seconds, not hung: " + answeredIn + " s");
            assertTrue(during.headers().firstValue("Retry-After").isPresent());
            api.awaitReadiness("query", false, Duration.ofSeconds(30));
            long left = Duration.ofSeconds(75).toNanos() - (System.nanoTime() - frozen);
            Thread.sleep(Math.max(0, left / 1_000_000));
        } finally {
            signal("CONT", postgres);
        }
        long thawed = System.nanoTime();
        api.awaitReadiness("query", true, Duration.ofSeconds(60));
        for (int i = 0; i < 5; i++) {
            quotes.add(postQuote("after the freeze " + i));
        }
        for (String phrase : List.of("before the freeze", "during the freeze", "after the freeze")) {
            int expected = phrase.startsWith("during") ? 10 : 5;
            api.await(phrase, VISIBLE, "/api/quotes?q=" + Api.encode(phrase), page -> page.path("total").asInt() == expected);
        }
        System.out.printf("[fault] database frozen 75 s: all %d articles queryable %.1f s after it thawed%n",
                quotes.size(), (System.nanoTime() - thawed) / 1e9);
        assertEquals(queryPid, stack.service("query-service").pid(), "query-service was not restarted");
        JsonNode ready = Api.JSON.readTree(api.getQuery("/q/health/ready", Duration.ofSeconds(10)).body());
        assertEquals("UP", ready.path("status").asText(), ready.toString());
    }

    /**
     * The Kafka broker frozen (SIGSTOP on its JVM; nothing answers, as with a hung broker or a partition) for {@code quotewire.fault.broker-seconds} (60 by default; the full scenario is 120).
     * ingest answers 503 with Retry-After within 10 s instead of reporting accepted what it could not confirm,
     * readiness goes DOWN, and after SIGCONT everything accepted before and after becomes queryable, once, with
     * no service restarted.
     */
    @Test
    @Order(2)
    void aFrozenBrokerDelaysButLosesNothing() throws Exception {
        int seconds = Integer.getInteger("quotewire.fault.broker-seconds", 60);
        Map<String, Long> pids = new java.util.TreeMap<>();
        for (String service : LocalStack.SERVICES) {
            pids.put(service, stack.service(service).pid());
        }
        ProcessHandle broker = stack.broker();
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(postQuote("before the broker froze " + i));
        }
        signal("STOP", List.of(broker));
        long frozen = System.nanoTime();
        int refused = 0;
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> during = api.raw("ingest", HttpRequest.newBuilder()
                    .header("Content-Type", "text/plain; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(
                            "Mayor Ada Quill said: \"Nobody hears this " + run + ".\"")), "/api/articles");
            double answeredIn = (System.nanoTime() - t0) / 1e9;
            System.out.printf("[fault] ingest with the broker frozen: %d in %.1f s%n", during.statusCode(), answeredIn);
            assertEquals(503, during.statusCode(), during.body());
            assertTrue(answeredIn <= 11, "answered within 10 s: " + answeredIn + " s");
            assertTrue(during.headers().firstValue("Retry-After").isPresent());
            refused++;
            api.awaitReadiness("ingest", false, Duration.ofSeconds(45));
            long left = Duration.ofSeconds(seconds).toNanos() - (System.nanoTime() - frozen);
            Thread.sleep(Math.max(0, left / 1_000_000));
        } finally {
            signal("CONT", List.of(broker));
        }
        long thawed = System.nanoTime();
        api.awaitReadiness("ingest", true, Duration.ofSeconds(60));
        for (int i = 0; i < 5; i++) {
            accepted.add(postQuote("after the broker thawed " + i));
        }
        // a 503 says the article may not have been written (here the frozen broker had its request in a socket
        // buffer, and wrote it once thawed): the client sends it again, which is safe, as it is the same article
        String refusedText = "Mayor Ada Quill said: \"Nobody hears this " + run + ".\"";
        api.postText("/api/articles", refusedText, 202);
        for (String phrase : List.of("before the broker froze", "after the broker thawed")) {
            api.await(phrase, VISIBLE, "/api/quotes?q=" + Api.encode(phrase + " "), page -> page.path("total").asInt() == 5);
        }
        JsonNode resent = api.await("the article sent again", VISIBLE, "/api/quotes?q=" + Api.encode("Nobody hears this " + run),
                page -> page.path("total").asInt() == 1);
        assertEquals(1, resent.at("/items/0/occurrenceCount").asInt(), "once, however often it was sent: " + resent);
        System.out.printf("[fault] broker frozen %d s: %d articles accepted, %d refused with 503, all accepted queryable "
                + "%.1f s after it thawed%n", seconds, accepted.size(), refused, (System.nanoTime() - thawed) / 1e9);
        for (var e : pids.entrySet()) {
            assertEquals(e.getValue(), stack.service(e.getKey()).pid(), e.getKey() + " was not restarted");
        }
    }

    /**
     * The PostgreSQL postmaster killed (SIGKILL, as an out-of-memory kill or a crash of its host does): the
     * launcher starts it again on its data, as Kubernetes restarts its pod, and it recovers from its write-ahead
     * log. query-service holds its events meanwhile; everything accepted before, during and after becomes
     * queryable, once, with no service restarted.
     */
    @Test
    @Order(6)
    void aKilledDatabaseIsStartedAgainAndLosesNothing() throws Exception {
        long queryPid = stack.service("query-service").pid();
        for (int i = 0; i < 5; i++) {
            postQuote("before the database died " + i);
        }
        api.await("the articles before the kill", VISIBLE, "/api/quotes?q=" + Api.encode("before the database died"),
                page -> page.path("total").asInt() == 5);
        ProcessHandle postmaster = postmaster();
        new ProcessBuilder("kill", "-KILL", String.valueOf(postmaster.pid())).inheritIO().start().waitFor();
        long killed = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            postQuote("while the database was down " + i);
        }
        Launcher.awaitOutput(stack, "PostgreSQL restarted", Duration.ofSeconds(60));
        double restartedIn = (System.nanoTime() - killed) / 1e9;
        for (int i = 0; i < 5; i++) {
            postQuote("after the database came back " + i);
        }
        for (String phrase : List.of("before the database died", "while the database was down", "after the database came back")) {
            JsonNode page = api.await(phrase, VISIBLE, "/api/quotes?q=" + Api.encode(phrase), p -> p.path("total").asInt() == 5);
            for (JsonNode quote : page.path("items")) {
                assertEquals(1, quote.path("occurrenceCount").asInt(), "each article once: " + quote);
            }
        }
        System.out.printf("[fault] database killed: started again %.1f s after the kill; all 15 articles queryable "
                + "%.1f s after it%n", restartedIn, (System.nanoTime() - killed) / 1e9);
        assertNotEquals(postmaster.pid(), postmaster().pid(), "a new postmaster");
        assertEquals(queryPid, stack.service("query-service").pid(), "query-service was not restarted");
        api.awaitReadiness("query", true, Duration.ofSeconds(30));
    }

    /**
     * The Kafka broker killed (SIGKILL, as an out-of-memory kill or a crash of its node does): the launcher starts
     * it again on its data, as Kubernetes restarts a broker's pod. Meanwhile ingest refuses with 503 what it cannot
     * have acknowledged (never reporting it accepted), and the services reconnect without a restart of their own.
     * Every article accepted before, while and after it was down is queryable, once.
     */
    @Test
    @Order(7)
    void aKilledBrokerIsStartedAgainAndLosesNothing() throws Exception {
        Map<String, Long> pids = new java.util.TreeMap<>();
        for (String service : LocalStack.SERVICES) {
            pids.put(service, stack.service(service).pid());
        }
        List<String> phrases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            phrases.add("before the broker died " + i);
            postQuote(phrases.get(phrases.size() - 1));
        }
        ProcessHandle broker = stack.broker();
        new ProcessBuilder("kill", "-KILL", String.valueOf(broker.pid())).inheritIO().start().waitFor();
        long killed = System.nanoTime();
        int refused = 0;
        for (int i = 0; i < 5; i++) {
            String phrase = "while the broker was down " + i;
            HttpResponse<String> r = api.raw("ingest", HttpRequest.newBuilder()
                    .header("Content-Type", "text/plain; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(
                            "Mayor Ada Quill of Oslo said: \"We said " + phrase + " of run " + run + ".\"")), "/api/articles");
            if (r.statusCode() == 202) {
                phrases.add(phrase); // accepted: Kafka acknowledged it, so it must become queryable
            } else {
                assertEquals(503, r.statusCode(), r.body());
                assertTrue(r.headers().firstValue("Retry-After").isPresent());
                refused++;
            }
        }
        Launcher.awaitOutput(stack, "Kafka restarted", Duration.ofSeconds(90));
        double restartedIn = (System.nanoTime() - killed) / 1e9;
        api.awaitReadiness("ingest", true, Duration.ofSeconds(60));
        for (int i = 0; i < 5; i++) {
            phrases.add("after the broker came back " + i);
            postQuote(phrases.get(phrases.size() - 1));
        }
        for (String phrase : phrases) {
            JsonNode page = api.await(phrase, VISIBLE, "/api/quotes?q=" + Api.encode(phrase + " of run " + run),
                    p -> p.path("total").asInt() >= 1);
            assertEquals(1, page.path("total").asInt(), phrase + " once: " + page);
            assertEquals(1, page.at("/items/0/occurrenceCount").asInt(), phrase + " once: " + page);
        }
        System.out.printf("[fault] broker killed: answering again %.1f s after the kill; %d articles accepted, %d refused "
                + "with 503 while it was down; all accepted queryable %.1f s after the kill%n", restartedIn,
                phrases.size(), refused, (System.nanoTime() - killed) / 1e9);
        assertNotEquals(broker.pid(), stack.broker().pid(), "a new broker");
        for (var e : pids.entrySet()) {
            assertEquals(e.getValue(), stack.service(e.getKey()).pid(), e.getKey() + " was not restarted");
        }
        for (String service : List.of("query", "nlp")) {
            api.awaitReadiness(service, true, Duration.ofSeconds(60));
        }
    }

    private String postQuote(String phrase) throws Exception {
        return api.postText("/api/articles?source=fault-" + run, "Mayor Ada Quill of Oslo said: \"We said " + phrase
                + " of run " + run + ".\"", 202).path("id").asText();
    }

    private String accepted(Map<String, String> article) throws Exception {
        HttpResponse<String> r = api.raw("ingest", HttpRequest.newBuilder().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(article))), "/api/articles");
        assertEquals(202, r.statusCode(), r.body());
        return Api.JSON.readTree(r.body()).path("id").asText();
    }

    /**
     * SIGSTOP to the PostgreSQL postmaster, then to its children (backends, checkpointer, ...): stopped first, the
     * postmaster forks no new backend that would escape. Answers the processes stopped. If one of them does not
     * stop, all are let go again before the failure is reported, so the tests after this one find a database.
     */
    private List<ProcessHandle> freezePostgres() throws Exception {
        ProcessHandle postmaster = postmaster();
        List<ProcessHandle> all = new ArrayList<>(List.of(postmaster));
        try {
            signal("STOP", List.of(postmaster));
            List<ProcessHandle> children = postmaster.children().toList();
            all.addAll(children);
            signal("STOP", children);
        } catch (AssertionError | Exception e) {
            signal("CONT", all);
            throw e;
        }
        return all;
    }

    /** The running PostgreSQL postmaster, by its pid file. */
    private ProcessHandle postmaster() throws Exception {
        Path pidFile = Path.of(stack.env().get("QUOTEWIRE_HOME"), "postgres", "postmaster.pid");
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim()))
                .orElseThrow(() -> new AssertionError("PostgreSQL is not running"));
    }

    /**
     * Sends {@code signal} (STOP or CONT) to the processes and waits until each is stopped, or running again. A
     * child that exits just then stays a zombie while the postmaster, which would reap it, is stopped: it runs
     * no more, so it counts as stopped.
     */
    private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(p -> command.add(String.valueOf(p.pid())));
        new ProcessBuilder(command).inheritIO().start().waitFor();
        boolean stop = signal.equals("STOP");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (ProcessHandle p : processes) {
            char state = state(p);
            while (p.isAlive() && !(stop ? state == 'T' || state == 'Z' : state != 'T')) {
                assertTrue(System.nanoTime() < deadline, "process " + p.pid() + " did not take SIG" + signal
                        + " (state " + state + ")");
                Thread.sleep(20);
                state = state(p);
            }
        }
    }

    /** The process's state letter in /proc/PID/stat (R, S, D, T, Z, ...), or '?' once it is gone. */
    private static char state(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (java.io.IOException | RuntimeException e) {
            return '?';
        }
    }
}
