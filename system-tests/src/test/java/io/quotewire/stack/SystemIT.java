package io.quotewire.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import io.quotewire.contract.Fixtures;
import io.quotewire.stack.Launcher.Launch;
import io.quotewire.bench.Browser;
import io.quotewire.bench.SyntheticArticles;

/**
 * The whole system as {@code ./quotewire up} starts it (real Kafka, real PostgreSQL, three service
 * processes), driven only through its public interfaces: the ingest and query REST APIs, the Kafka
 * topics, and the processes themselves. The tests run in order on one stack; each leaves it running.
 */
@Order(3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemIT {

    /** How long an accepted article may take to become queryable here (another system test may share the cores). */
    private static final Duration VISIBLE = Duration.ofSeconds(60);

    private final Launcher launcher = new Launcher();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private Map<String, String> env;
    private Launch stack;
    private Api api;

    @BeforeAll
    void startTheStack() throws Exception {
        env = Launcher.freshEnvironment(3);
        stack = launcher.up(env, "--fresh");
        api = stack.api();
    }

    /** A graceful stop when all went well; in every case, nothing of the stack is left running. */
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

    @Test
    @Order(1)
    void theSeedsThroughTheRestApiGiveOneEntityPerThingAndOneSharedQuote() throws Exception {
        long t0 = System.nanoTime();
        for (String sample : Fixtures.SAMPLES) {
            String text = Fixtures.sample(sample);
            JsonNode accepted = api.postText("/api/articles?source=" + sample.replace(".txt", ""), text, 202);
            assertEquals("accepted", accepted.path("status").asText());
        }

        // the three topics are projected independently: wait until both articles' entities and quotes are in
        JsonNode postman = api.await("the postman quote with two occurrences", VISIBLE, "/api/quotes?q=role%20of%20postman",
                page -> page.path("total").asInt() == 1 && page.at("/items/0/occurrences").size() == 2
                        && !page.at("/items/0/speaker").isNull());
        JsonNode kadhimi = api.await("Kadhimi in both articles", VISIBLE, "/api/entities?q=kadhimi",
                page -> page.at("/items/0/articleCount").asInt() >= 2);
        JsonNode us = api.await("the United States in both articles", VISIBLE, "/api/entities?q=united%20states&type=LOCATION",
                page -> page.at("/items/0/articleCount").asInt() >= 2);
        JsonNode daesh = api.await("the Islamic State in both articles", VISIBLE, "/api/entities?q=daesh",
                page -> page.at("/items/0/articleCount").asInt() >= 2);
        System.out.printf("[system] both seeds queryable %.1f s after they were posted%n", (System.nanoTime() - t0) / 1e9);

        assertEquals(1, kadhimi.path("total").asInt(), kadhimi.toString());
        assertEquals("PERSON", kadhimi.at("/items/0/type").asText());
        assertEquals(2, kadhimi.at("/items/0/articleCount").asInt());
        assertTrue(strings(kadhimi.at("/items/0/aliases")).containsAll(List.of("Kadhimi", "al-Kadhimi")), kadhimi.toString());
        assertEquals(kadhimi.at("/items/0/id").asText(), postman.at("/items/0/speaker/entityId").asText(),
                "the postman quote is Kadhimi's");

        assertEquals(1, us.path("total").asInt(), us.toString());
        assertEquals(2, us.at("/items/0/articleCount").asInt());
        assertTrue(strings(us.at("/items/0/aliases")).containsAll(List.of("US", "U.S.", "United States of America")),
                us.toString());

        assertEquals(1, daesh.path("total").asInt(), daesh.toString());
        assertEquals(2, daesh.at("/items/0/articleCount").asInt());
        assertTrue(strings(daesh.at("/items/0/aliases")).containsAll(List.of("Daesh", "IS", "ISIS")), daesh.toString());
        assertEquals(daesh.at("/items/0/id"), api.query("/api/entities?q=islamic%20state").at("/items/0/id"),
                "Islamic State and Daesh are one entity");

        JsonNode trump = api.query("/api/quotes?speaker=Donald%20Trump");
        assertEquals(3, trump.path("total").asInt(), trump.toString());
    }

    /**
     * The web pages in a real browser (headless Chromium): the seeds as one Kadhimi with both outlets' postman quote,
     * a new quote on the Now page without a reload, search by keyboard, entity → quote → article, no console error.
     */
    @Test
    @Order(2)
    void theWebPagesShowTheSeedsAndANewQuoteLive() throws Exception {
        Optional<Browser> opened = Browser.open(1280, 1000);
        if (opened.isEmpty()) {
            assertFalse(Browser.required(), "this run requires chromium and chromedriver (apt-get install chromium chromium-driver)");
            Assumptions.abort("no chromium and chromedriver here: apt-get install chromium chromium-driver");
        }
        String base = api.queryBase().toString();
        try (Browser browser = opened.get()) {
            // Now: the latest quotes, live, and the most mentioned entities
            browser.get(base + "/");
            browser.awaitText("#quotes blockquote", "role of postman", Duration.ofSeconds(10));
            browser.awaitText("#live", "live", Duration.ofSeconds(10));
            browser.awaitText("#trending a", "Kadhimi", Duration.ofSeconds(10));

            // a quote ingested now appears without a reload (the freshness figure is bench live's; here the bound only
            // keeps a page that never updates from passing)
            String words = "Our bridges will be repaired before winter " + run;
            long posted = System.nanoTime();
            api.postText("/api/articles?source=live-outlet", "date 2020-08-21\nGovernor Ada Lindqvist of Norway spoke in "
                    + "Oslo on Friday.\n\n\u201c" + words + ",\u201d Lindqvist said.", 202);
            api.await("the new quote", VISIBLE, "/api/quotes?q=" + Api.encode(words), page -> page.path("total").asInt() == 1);
            long queryable = System.nanoTime();
            browser.awaitText("#quotes blockquote", words, Duration.ofSeconds(5));
            System.out.printf("[system] a new quote on the Now page %.2f s after it was posted, %.2f s after it was queryable%n",
                    (System.nanoTime() - posted) / 1e9, (System.nanoTime() - queryable) / 1e9);
            browser.screenshot("now");

            // search with the keyboard alone: Tab to the search box, type, Enter
            browser.driver.findElement(By.tagName("body")).sendKeys(Keys.TAB, Keys.TAB);
            WebElement focused = browser.driver.switchTo().activeElement();
            assertEquals("q", focused.getAttribute("id"), "the second Tab stop is the search box");
            focused.sendKeys("kadhimi", Keys.ENTER);
            WebElement kadhimi = browser.awaitText("#entities a", "Kadhimi", Duration.ofSeconds(10));
            assertEquals(1, browser.all("#entities li a").size(), "one Kadhimi");

            // entity → quote → article
            kadhimi.click();
            browser.awaitText("#title", "Kadhimi", Duration.ofSeconds(10));
            WebElement postman = browser.awaitText("#quotes li", "role of postman", Duration.ofSeconds(10));
            for (String sample : Fixtures.SAMPLES) {
                assertTrue(postman.getText().contains(sample.replace(".txt", "")), "both outlets: " + postman.getText());
            }
            browser.awaitText("#graph svg text", "Pompeo", Duration.ofSeconds(10));
            assertFalse(browser.all("#timeline svg rect").isEmpty(), "a timeline");
            browser.screenshot("entity");
            postman.findElement(By.cssSelector("blockquote a")).click();
            browser.awaitText("#quote", "role of postman", Duration.ofSeconds(10));
            browser.awaitText("#facts a", "Kadhimi", Duration.ofSeconds(10));
            browser.waiting(Duration.ofSeconds(10)).withMessage("two articles carried it")
                    .until(d -> browser.all("#occurrences a").size() == 2);
            browser.screenshot("quote");
            browser.all("#occurrences a").get(0).click();
            browser.awaitText("#quotes blockquote", "role of postman", Duration.ofSeconds(10));
            assertFalse(browser.all("#text .mention a").isEmpty(), "entity mentions are marked in the text");
            assertFalse(browser.all("#text .quote").isEmpty(), "quotes are marked in the text");
            browser.awaitText("#entities a", "Kadhimi", Duration.ofSeconds(10));
            browser.screenshot("article");

            // a phone's width: one column, nothing wider than the screen
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.get(base + "/");
            browser.awaitText("#quotes blockquote", "role of postman", Duration.ofSeconds(10));
            assertEquals(Boolean.TRUE, ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling at 390 px");
            browser.screenshot("now-phone");
            assertEquals(List.of(), browser.consoleErrors(), "console errors");
        }
    }

    @Test
    @Order(3)
    void anArticleFromTheKafkaConsoleProducerWithoutHeadersIsQueryable() throws Exception {
        String line = "{\"text\": \"Governor Ada Quill of Norway said on Tuesday: \\u201cThe console producer works for "
                + run + ".\\u201d Quill spoke in Oslo.\", \"publishedAt\": \"2020-09-01\"}";
        Process producer = new ProcessBuilder(javaBin(), "-cp", testClasspath(), "org.apache.kafka.tools.ConsoleProducer",
                "--bootstrap-server", "localhost:" + stack.port("QUOTEWIRE_KAFKA_PORT"), "--topic", "articles")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "console-producer.log").toFile()).start();
        producer.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        producer.getOutputStream().close();
        assertTrue(producer.waitFor(60, TimeUnit.SECONDS), "the console producer finished");
        assertEquals(0, producer.exitValue(), "console producer exit status (log: target/console-producer.log)");

        // the speaker's name comes from the entities topic, projected independently of the quotes topic
        JsonNode quote = api.await("the console producer's quote with its speaker", VISIBLE,
                "/api/quotes?q=" + Api.encode("console producer works for " + run),
                page -> page.path("total").asInt() == 1 && !page.at("/items/0/speaker/name").asText().isEmpty());
        assertEquals("Ada Quill", quote.at("/items/0/speaker/name").asText(), quote.toString());
        String articleId = quote.at("/items/0/occurrences/0/articleId").asText();
        // its article row and entities come from the other two topics, projected independently
        JsonNode article = api.await("the console producer's article with its entities", VISIBLE, "/api/articles/" + articleId,
                a -> a.path("entities").size() >= 3);
        assertEquals("2020-09-01", article.path("publishedAt").asText().substring(0, 10));
        assertTrue(article.path("entities").findValuesAsText("name").containsAll(List.of("Ada Quill", "Norway", "Oslo")),
                article.toString());
    }

    @Test
    @Order(4)
    void malformedRecordsGoToTheDeadLetterTopicAndThePipelineKeepsFlowing() throws Exception {
        String notJson = "malformed-" + run;
        String noText = "textless-" + run;
        try (KafkaProducer<String, String> producer = producer()) {
            // one partition, so the good article is behind the bad ones in every consumer
            producer.send(new ProducerRecord<>("articles", 0, notJson, "this is not an article {")).get();
            producer.send(new ProducerRecord<>("articles", 0, noText, "{\"title\": \"no text here\"}")).get();
            producer.send(new ProducerRecord<>("articles", 0, null, "{\"text\": \"Senator Bo Tallis said: \\u201cBad records do not stop "
                    + run + ".\\u201d\"}")).get();
        }

        // nlp-service and query-service both read articles: each dead-letters each bad record, with a reason
        Map<String, List<String>> reasons = new HashMap<>();
        try (KafkaConsumer<String, String> dlq = consumer("dlq-reader-" + run)) {
            dlq.subscribe(List.of("articles.dlq"));
            long deadline = System.nanoTime() + VISIBLE.toNanos();
            while ((reasons.getOrDefault(notJson, List.of()).size() < 2 || reasons.getOrDefault(noText, List.of()).size() < 2)
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(500))) {
                    Header reason = r.headers().lastHeader("dead-letter-reason");
                    reasons.computeIfAbsent(String.valueOf(r.key()), k -> new ArrayList<>())
                            .add(reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8));
                }
            }
        }
        for (String key : List.of(notJson, noText)) {
            List<String> got = reasons.getOrDefault(key, List.of());
            assertEquals(2, got.size(), key + " dead-lettered by nlp-service and query-service: " + reasons);
            got.forEach(reason -> assertTrue(!reason.isBlank(), key + " has a reason: " + got));
        }
        api.await("the article behind the malformed ones", VISIBLE,
                "/api/quotes?q=" + Api.encode("bad records do not stop " + run), page -> page.path("total").asInt() == 1);
    }

    @Test
    @Order(5)
    void killingNlpServiceWith200ArticlesInFlightLosesAndDuplicatesNothing() throws Exception {
        SyntheticArticles articles = new SyntheticArticles("flight" + run);
        String source = "flight-" + run;
        StringBuilder ndjson = new StringBuilder();
        for (int n = 0; n < 200; n++) {
            ndjson.append(Api.JSON.writeValueAsString(articles.article(n).json(source))).append('\n');
        }
        JsonNode batch = api.postNdjson("/api/articles/batch", ndjson.toString());
        assertEquals(200, batch.path("accepted").size(), batch.toString());

        String allTags = "/api/quotes?size=1&q=" + Api.encode(articles.marker());
        api.await("the first analysed articles", VISIBLE, allTags, page -> page.path("total").asInt() >= 5);
        ProcessHandle nlp = stack.service("nlp-service");
        nlp.destroyForcibly(); // kill -9: no graceful stop, no last offset commit
        long killed = System.nanoTime();
        int analysedAtKill = api.query(allTags).path("total").asInt();
        System.out.printf("[system] killed nlp-service (pid %d) with %d of 200 articles analysed%n", nlp.pid(), analysedAtKill);
        assertTrue(analysedAtKill < 200, "articles were still in flight when nlp-service was killed");

        Launcher.awaitOutput(stack, "nlp-service exited with status 137; restarting it", Duration.ofSeconds(30));
        api.await("all 200 articles analysed after the restart", Duration.ofSeconds(180), allTags,
                page -> page.path("total").asInt() >= 200);
        System.out.printf("[system] all 200 analysed %.1f s after the kill%n", (System.nanoTime() - killed) / 1e9);

        // exactly once: 200 articles, 200 tagged quotes with one occurrence each, and every article's
        // quotes and mentions in the read model are exactly those of one analysis of its text
        api.await("200 article rows", VISIBLE, "/api/articles?size=1&source=" + source, page -> page.path("total").asInt() >= 200);
        assertEquals(200, api.query("/api/articles?size=1&source=" + source).path("total").asInt());
        Set<String> articleIds = new HashSet<>();
        for (int page = 0; page < 2; page++) {
            JsonNode quotes = api.query(allTags.replace("size=1", "size=100&page=" + page));
            assertEquals(200, quotes.path("total").asInt());
            for (JsonNode q : quotes.path("items")) {
                assertEquals(1, q.path("occurrences").size(), "one occurrence: " + q);
                articleIds.add(q.at("/occurrences/0/articleId").asText());
            }
        }
        assertEquals(200, articleIds.size(), "each article has its own tagged quote");
        for (String id : articleIds) {
            JsonNode article = api.await("article " + id + " with its entities", VISIBLE, "/api/articles/" + id,
                    a -> a.path("entities").size() > 0);
            JsonNode analysis = api.analyze(article.path("text").asText());
            assertEquals(Api.quoteIds(analysis.path("quotes")), Api.quoteIds(article.path("quotes")), "quotes of " + id);
            assertEquals(Api.mentions(analysis.path("entities")), Api.mentions(article.path("entities")), "mentions in " + id);
        }
    }

    /**
     * The launcher killed without its stop (kill -9) leaves its services, Kafka and PostgreSQL running in their own
     * sessions: the next {@code up} on the same data stops them before it starts, and the read model and the topics
     * are as they were.
     */
    @Test
    @Order(6)
    void aLaunchersNextStartStopsWhatAKilledOneLeftAndKeepsTheReadModelAndTheTopics() throws Exception {
        awaitNoLag(); // everything published so far is projected, so the snapshot is final
        Map<String, JsonNode> readModel = readModelSnapshot();
        Map<TopicPartition, List<Long>> topics = topicOffsets();

        long nlpPid = stack.service("nlp-service").pid();
        long brokerPid = stack.broker().pid();
        new ProcessBuilder("kill", "-KILL", String.valueOf(stack.launcherJvm().pid())).start().waitFor();
        assertTrue(stack.process().waitFor(30, TimeUnit.SECONDS), "the script ends with its launcher");
        assertTrue(ProcessHandle.of(nlpPid).isPresent(), "nlp-service outlived its launcher");
        assertTrue(ProcessHandle.of(brokerPid).isPresent(), "Kafka outlived its launcher");

        stack = launcher.up(env);
        assertTrue(stack.output().contains("Stopping nlp-service (pid " + nlpPid + "), left running"), stack.output());
        assertTrue(stack.output().contains("Stopping Kafka (pid " + brokerPid + "), left running"), stack.output());
        assertFalse(ProcessHandle.of(nlpPid).map(ProcessHandle::isAlive).orElse(false), "the old nlp-service is gone");
        assertFalse(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false), "the old broker is gone");
        assertEquals(readModel, readModelSnapshot(), "the read model after the restart");
        Thread.sleep(5_000); // time for the consumers to rejoin their groups; nothing may be re-published
        assertEquals(topics, topicOffsets(), "first and end offsets of every partition after the restart");
        assertEquals(readModel, readModelSnapshot(), "the read model once the consumers are back");

        String text = "Mayor Lina Ostrova said: \u201cThe system still works for " + run + " after a restart.\u201d";
        api.postText("/api/articles?source=after-restart", text, 202);
        api.await("an article sent after the restart", VISIBLE,
                "/api/quotes?q=" + Api.encode("still works for " + run), page -> page.path("total").asInt() == 1);
    }

    /** What a user sees of the read model: totals and the busiest entities with their counts. */
    private Map<String, JsonNode> readModelSnapshot() throws Exception {
        Map<String, JsonNode> snapshot = new LinkedHashMap<>();
        for (String path : List.of("/api/articles?size=100", "/api/entities?sort=mentions&size=50",
                "/api/quotes?size=100", "/api/entities?q=kadhimi", "/api/quotes?q=postman")) {
            snapshot.put(path, api.query(path));
        }
        return snapshot;
    }

    /** Until nlp-service's and query-service's consumer groups have read everything on their topics. */
    private void awaitNoLag() throws Exception {
        try (Admin admin = admin()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Map<String, Long> backlog = StackControl.backlog(admin);
            while (backlog.values().stream().anyMatch(n -> n > 0)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("consumer groups still behind after 60 s: " + backlog);
                }
                Thread.sleep(250);
                backlog = StackControl.backlog(admin);
            }
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + stack.port("QUOTEWIRE_KAFKA_PORT")));
    }

    private Map<TopicPartition, List<Long>> topicOffsets() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var t : admin.describeTopics(LocalStack.TOPICS).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                t.partitions().forEach(p -> {
                    earliest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.earliest());
                    latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest());
                });
            }
            var first = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            var end = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, List<Long>> offsets = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
            first.forEach((tp, o) -> offsets.put(tp, List.of(o.offset(), end.get(tp).offset())));
            return offsets;
        }
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "localhost:" + stack.port("QUOTEWIRE_KAFKA_PORT"), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "localhost:" + stack.port("QUOTEWIRE_KAFKA_PORT"), ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }

    /**
     * Every mention span of an article's entities. Names are left out on purpose: the read model merges an
     * article's "Al-Kadhimi" into the "Mustafa al Kadhimi" of other articles.
     */
    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test classpath (Failsafe runs tests from a manifest-only jar and names the real one here). */
    private static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
