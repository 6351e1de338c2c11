package io.quotewire.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quotewire.bench.SyntheticArticles;
import io.quotewire.query.projection.Events;
import io.quotewire.query.story.Profile;
import io.quotewire.query.story.StoryIndex;
import io.quotewire.query.story.StoryRules;
import io.quotewire.stack.Launcher.Launch;

/**
 * Two instances each of nlp-service and query-service in their consumer groups ({@code ./quotewire up
 * --replicas nlp=2,query=2}), scaled down and up while 400 articles flow: one instance of each stopped
 * gracefully, later one of each killed, and each brought back by the launcher. The read model holds every
 * article exactly once with exactly its analysis, and its counts agree with its rows, as with one instance; its
 * stories are the ones one in-order pass over the profiles topic makes.
 */
@Order(4)
class ScaleOutIT {

    private static final int ARTICLES = 400;
    private static final int BATCH = 200;

    private final Launcher launcher = new Launcher();

    @AfterEach
    void leaveNothingBehind() {
        launcher.close();
    }

    @Test
    void replicasScaledDownAndUpWhileArticlesFlowLoseAndDuplicateNothing() throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        Launch stack = launcher.up(Launcher.freshEnvironment(6), "--fresh", "--replicas", "nlp=2,query=2");
        Api api = stack.api();
        assertEquals(2, stack.services("nlp-service").size(), "two nlp-service instances");
        assertEquals(2, stack.services("query-service").size(), "two query-service instances");

        SyntheticArticles articles = new SyntheticArticles("scale" + run);
        String source = "scale-" + run;
        // a client of the live article stream, following it across the query instances as they stop and restart
        LiveClient live = new LiveClient(java.nio.file.Path.of(stack.env().get("QUOTEWIRE_HOME")),
                "/api/live/articles?source=" + source);
        long connectBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (live.connections.get() == 0 && System.nanoTime() < connectBy) {
            Thread.sleep(50);
        }
        assertEquals(1, live.connections.get(), "the live client is connected before the articles are sent");
        long t0 = System.nanoTime();
        for (int batch = 0; batch < ARTICLES / BATCH; batch++) {
            StringBuilder ndjson = new StringBuilder();
            for (int n = batch * BATCH; n < (batch + 1) * BATCH; n++) {
                ndjson.append(Api.JSON.writeValueAsString(articles.article(n).json(source))).append('\n');
            }
            assertEquals(BATCH, api.postNdjson("/api/articles/batch", ndjson.toString()).path("accepted").size());
        }
        String tagged = "/api/quotes?size=1&q=" + Api.encode(articles.marker());

        // scale down (a graceful stop of the second instance of each) while articles flow; the launcher brings
        // each back, as a Deployment keeps its replica count
        api.await("a quarter of the articles analysed", Duration.ofSeconds(120), tagged,
                page -> page.path("total").asInt() >= ARTICLES / 4);
        stack.services("nlp-service").get(1).destroy();
        stack.services("query-service").get(1).destroy();
        Launcher.awaitOutput(stack, "exited with status 143; restarting it", Duration.ofSeconds(60));
        // and later a crash of one instance of each (kill -9: no commit, no leaving the group)
        api.await("half the articles analysed", Duration.ofSeconds(300), tagged,
                page -> page.path("total").asInt() >= ARTICLES / 2);
        stack.services("nlp-service").get(0).destroyForcibly();
        stack.services("query-service").get(0).destroyForcibly();
        Launcher.awaitOutput(stack, "exited with status 137; restarting it", Duration.ofSeconds(60));

        api.await("all articles analysed and projected", Duration.ofSeconds(600), tagged,
                page -> page.path("total").asInt() >= ARTICLES);
        System.out.printf("[scale] %d articles through 2 nlp and 2 query instances, each stopped and killed once: "
                + "%.1f s%n", ARTICLES, (System.nanoTime() - t0) / 1e9);

        // exactly once: every article once, its tagged quote once with one occurrence
        api.await("every article row", Duration.ofSeconds(60), "/api/articles?size=1&source=" + source,
                page -> page.path("total").asInt() >= ARTICLES);
        assertEquals(ARTICLES, api.query("/api/articles?size=1&source=" + source).path("total").asInt());
        Set<String> articleIds = new HashSet<>();
        for (int page = 0; page < ARTICLES / 100; page++) {
            JsonNode quotes = api.query(tagged.replace("size=1", "size=100&page=" + page));
            assertEquals(ARTICLES, quotes.path("total").asInt());
            for (JsonNode q : quotes.path("items")) {
                assertEquals(1, q.path("occurrenceCount").asInt(), "one occurrence: " + q);
                articleIds.add(q.at("/occurrences/0/articleId").asText());
            }
        }
        assertEquals(ARTICLES, articleIds.size(), "each article has its own tagged quote");

        // the live stream sent every article once, across reconnections to other instances (both instances the
        // stack started with were stopped once, so the client's was too)
        long liveBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (live.articleIds.size() < ARTICLES && System.nanoTime() < liveBy) {
            Thread.sleep(100);
        }
        live.close();
        System.out.printf("[scale] the live stream: %d articles, %d sent twice, over %d connections%n",
                live.articleIds.size(), live.duplicates.get(), live.connections.get());
        assertEquals(ARTICLES, live.articleIds.size(), "every article on the live stream");
        assertEquals(0, live.duplicates.get(), "no article twice on the live stream");
        assertTrue(live.connections.get() >= 2, "the client followed the stream to another instance");

        // a sample of articles: quotes and mentions exactly those of one analysis of the text
        List<String> ids = new ArrayList<>(articleIds);
        java.util.Collections.sort(ids);
        for (String id : ids.subList(0, 40)) {
            JsonNode article = api.await("article " + id + " with its entities", Duration.ofSeconds(60),
                    "/api/articles/" + id, a -> a.path("entities").size() > 0);
            JsonNode analysis = api.analyze(article.path("text").asText());
            assertEquals(Api.quoteIds(analysis.path("quotes")), Api.quoteIds(article.path("quotes")), "quotes of " + id);
            assertEquals(Api.mentions(analysis.path("entities")), Api.mentions(article.path("entities")), "mentions in " + id);
        }

        // the counts the projection keeps incrementally agree with its rows: each of the busiest entities is
        // in as many articles as list it, and the type totals are the entities listed
        JsonNode busiest = api.query("/api/entities?sort=articles&size=15");
        for (JsonNode e : busiest.path("items")) {
            int listed = api.query("/api/articles?size=1&entity=" + e.path("id").asText()).path("total").asInt();
            assertEquals(e.path("articleCount").asInt(), listed, "articles of " + e.path("name").asText());
        }
        JsonNode people = api.query("/api/entities?type=PERSON&size=100");
        int counted = people.path("items").size();
        for (int page = 1; counted < people.path("total").asInt() && page < 100; page++) {
            counted += api.query("/api/entities?type=PERSON&size=100&page=" + page).path("items").size();
        }
        assertEquals(people.path("total").asInt(), counted, "the PERSON total is the people listed");

        // stories: every article in one, exactly the ones a single in-order pass over the profiles topic makes (what
        // one instance, or a rebuild from the topic, makes), though two instances, each stopped and killed once,
        // shared the assignment; and the synthetic articles, other officials' meetings on dates across a year, do not
        // collapse into one story (their bodies are the samples' own paragraphs and quotes: they group by date and lede)
        Map<String, String> onePass = onePass(stack.port("QUOTEWIRE_KAFKA_PORT"));
        Map<String, Integer> sizes = new HashMap<>();
        for (String id : ids) {
            JsonNode article = api.await("the story of " + id, Duration.ofSeconds(120), "/api/articles/" + id,
                    a -> a.hasNonNull("storyId"));
            assertEquals(onePass.get(id), article.path("storyId").asText(), "the story of " + id);
            sizes.merge(article.path("storyId").asText(), 1, Integer::sum);
        }
        int largest = sizes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        System.out.printf("[scale] %d articles in %d stories, the largest of %d%n", ids.size(), sizes.size(), largest);
        assertTrue(sizes.size() >= 10 && largest <= ids.size() / 4,
                sizes.size() + " stories, the largest of " + largest + " articles");

        stack.stop();
    }

    /** Article id to story id, as one pass over the whole profiles topic in its order assigns them. */
    private static Map<String, String> onePass(int kafkaPort) throws Exception {
        Map<String, String> story = new HashMap<>();
        StoryIndex index = new StoryIndex(StoryRules.DEFAULT);
        ObjectMapper json = new ObjectMapper();
        TopicPartition profiles = new TopicPartition(io.quotewire.contract.Topics.PROFILES, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(profiles));
            consumer.seekToBeginning(List.of(profiles));
            long end = consumer.endOffsets(List.of(profiles)).get(profiles);
            while (consumer.position(profiles) < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                    Profile p = Events.profile(json.readTree(r.value()), r.offset(),
                            OffsetDateTime.ofInstant(Instant.ofEpochMilli(r.timestamp()), ZoneOffset.UTC));
                    if (!story.containsKey(p.articleId())) {
                        story.put(p.articleId(), index.assign(p).storyId());
                    }
                }
            }
        }
        return story;
    }
}
