package io.quotewire.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quotewire.contract.ArticleIds;
import io.quotewire.contract.Fixtures;
import io.quotewire.embedded.testing.KafkaTestResource;
import io.quotewire.embedded.testing.TestInfrastructure;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Articles written to the real {@code articles} topic come out as one {@code EntitiesExtracted}, one
 * {@code QuotesExtracted} and one {@code ArticleProfiled} each, keyed by article id with CloudEvents headers; a poison record goes to
 * {@code articles.dlq} with its reason and the records after it are still analysed.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES, parallel = true)
class ArticleStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** SmallRye's Kafka companion on the broker the test resources started. */
    private static KafkaCompanion kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaCompanion(TestInfrastructure.kafka().bootstrapServers());
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    /** Writes the record and waits until the broker has it. */
    private static void send(ProducerRecord<String, byte[]> record) {
        kafka.produce(String.class, byte[].class).fromRecords(record).awaitCompletion(Duration.ofSeconds(30));
    }

    @Test
    void anArticleFromIngestYieldsBothEventsWithKeyAndHeaders() throws Exception {
        JsonNode fixture = JSON.readTree(Fixtures.fixture("article-submitted.v1.json"));
        String id = fixture.get("key").asText();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ARTICLES, id,
                JSON.writeValueAsBytes(fixture.get("value")));
        for (Iterator<Map.Entry<String, JsonNode>> it = fixture.get("headers").fields(); it.hasNext();) {
            var h = it.next();
            record.headers().add(h.getKey(), h.getValue().asText().getBytes(StandardCharsets.UTF_8));
        }
        send(record);

        ConsumerRecord<String, String> entities = await(Topics.ENTITIES, id);
        ConsumerRecord<String, String> quotes = await(Topics.QUOTES, id);
        for (var r : List.of(entities, quotes)) {
            assertEquals("1.0", header(r, "ce_specversion"));
            assertEquals("/quotewire/nlp-service", header(r, "ce_source"));
            assertEquals(id, header(r, "ce_subject"));
            assertNotNull(header(r, "ce_id"));
            assertTrue(header(r, "content-type").startsWith("application/json"));
        }
        assertEquals("io.quotewire.entities.extracted.v1", header(entities, "ce_type"));
        assertEquals("io.quotewire.quotes.extracted.v1", header(quotes, "ce_type"));

        JsonNode e = JSON.readTree(entities.value());
        assertEquals(1, e.get("schemaVersion").asInt());
        assertEquals(id, e.get("articleId").asText());
        assertEquals(fixture.get("value").get("revision").asText(), e.get("revision").asText());
        assertTrue(e.get("analyzerVersion").asText().startsWith("quotewire-nlp/"));
        assertTrue(names(e.get("entities")).contains("Donald Trump"), e.toString());

        matchesFixture("entities-extracted.v1.json", entities);
        matchesFixture("quotes-extracted.v1.json", quotes);
        ConsumerRecord<String, String> profile = await(Topics.PROFILES, id);
        assertEquals("io.quotewire.article.profiled.v1", header(profile, "ce_type"));
        matchesFixture("article-profiled.v1.json", profile);

        // the second seed (another outlet on the same meeting) gives the second pair of fixtures
        String second = Seeds.text(Seeds.SECOND);
        String url = "https://www.example.org/world/2020/08/20/kadhimi-pompeo-washington";
        String secondId = ArticleIds.articleId(url, second);
        send(new ProducerRecord<>(Topics.ARTICLES, secondId, JSON.writeValueAsBytes(Map.of("id", secondId,
                "revision", ArticleIds.contentHash(second).substring(0, 16), "text", second, "url", url,
                "publishedAt", "2020-08-20", "source", "second-outlet", "ingestedAt", "2020-08-20T18:00:00Z"))));
        matchesFixture("entities-extracted.seed-001.json", await(Topics.ENTITIES, secondId));
        matchesFixture("quotes-extracted.seed-001.json", await(Topics.QUOTES, secondId));
        ConsumerRecord<String, String> secondProfile = await(Topics.PROFILES, secondId);
        matchesFixture("article-profiled.seed-001.json", secondProfile);
        // two outlets' reports of one meeting: their ledes are closer than unrelated news (about 0.1)
        double cosine = cosine(JSON.readTree(profile.value()).get("embedding"), JSON.readTree(secondProfile.value()).get("embedding"));
        assertTrue(cosine > 0.3, "the two reports' embeddings: " + cosine);

        // an archived blog post: no date in its text, the month in its link's path
        String archived = "http://www.example.com/blog/2013/09/new-york-woman-killed-in-hit-and-run\n\n"
                + "A 60-year-old woman was killed in a hit-and-run crash in Queens, police said.";
        String archivedId = ArticleIds.articleId("http://www.example.com/blog/2013/09/new-york-woman-killed-in-hit-and-run", archived);
        send(new ProducerRecord<>(Topics.ARTICLES, archivedId, JSON.writeValueAsBytes(Map.of("id", archivedId,
                "revision", ArticleIds.contentHash(archived).substring(0, 16), "text", archived, "source", "archive",
                "ingestedAt", "2026-12-01T18:00:00Z"))));
        JsonNode archivedProfile = JSON.readTree(await(Topics.PROFILES, archivedId).value());
        assertTrue(archivedProfile.get("dateline").isNull(), archivedProfile.toString());
        assertEquals("2013-09", archivedProfile.get("datelineMonth").asText(), archivedProfile.toString());

        JsonNode q = JSON.readTree(quotes.value());
        assertEquals(id, q.get("articleId").asText());
        assertEquals(5, q.get("quotes").size());
        assertEquals("Mustafa al Kadhimi", q.get("quotes").get(4).get("speaker").get("name").asText());
        // the speaker's entity is one of the article's entities
        String speakerId = q.get("quotes").get(4).get("speaker").get("entityId").asText();
        assertTrue(ids(e.get("entities")).contains(speakerId));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextIsStillAnalysed() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        send(new ProducerRecord<>(Topics.ARTICLES, poisonKey, "this is not JSON {".getBytes(StandardCharsets.UTF_8)));
        String emptyKey = "empty-" + UUID.randomUUID();
        send(new ProducerRecord<>(Topics.ARTICLES, emptyKey, "{\"title\": \"no text\"}".getBytes(StandardCharsets.UTF_8)));
        String text = "After the poison, Senator Jane Roe said: “The next article is still analysed.” " + UUID.randomUUID();
        String goodKey = ArticleIds.articleId(null, text);
        send(new ProducerRecord<>(Topics.ARTICLES, goodKey,
                JSON.writeValueAsBytes(Map.of("id", goodKey, "text", text))));

        ConsumerRecord<String, String> dead = await(Topics.ARTICLES_DLQ, poisonKey);
        assertEquals("this is not JSON {", dead.value());
        assertTrue(header(dead, "dead-letter-reason").contains("not JSON"), header(dead, "dead-letter-reason"));
        assertEquals(Topics.ARTICLES, header(dead, "dead-letter-topic"));
        assertTrue(header(await(Topics.ARTICLES_DLQ, emptyKey), "dead-letter-reason").contains("\"text\""));

        JsonNode quotes = JSON.readTree(await(Topics.QUOTES, goodKey).value());
        assertEquals("Jane Roe", quotes.get("quotes").get(0).get("speaker").get("name").asText());
    }

    @Test
    void aRecordFromAPlainProducerWithNoKeyOrHeadersIsAnalysed() throws Exception {
        JsonNode minimal = JSON.readTree(Fixtures.fixture("article-minimal.json")).get("value");
        String text = minimal.get("text").asText() + " (" + UUID.randomUUID() + ")";
        send(new ProducerRecord<>(Topics.ARTICLES, null, JSON.writeValueAsBytes(Map.of("text", text))));
        String derivedId = ArticleIds.articleId(null, text);
        JsonNode quotes = JSON.readTree(await(Topics.QUOTES, derivedId).value());
        assertEquals(derivedId, quotes.get("articleId").asText());
        assertEquals(ArticleIds.contentHash(text).substring(0, 16), quotes.get("revision").asText());
        assertTrue(quotes.get("quotes").get(0).get("speaker").get("name").asText().contains("Kadhimi"));

        // written as the sample files are, its date in its text: the date ingest-service would have read
        String dated = "date 2020-08-20 " + text;
        send(new ProducerRecord<>(Topics.ARTICLES, null, JSON.writeValueAsBytes(Map.of("text", dated))));
        JsonNode entities = JSON.readTree(await(Topics.ENTITIES, ArticleIds.articleId(null, dated)).value());
        assertEquals("2020-08-20", entities.get("publishedAt").asText());
    }

    /**
     * The contract's fixtures of this service's events (what query-service reads) are the events it really
     * publishes, up to the time stamps, and valid by the contract's JSON Schema. {@code -Dcontract.update=true} rewrites them in the contract module's
     * sources after a deliberate change.
     */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static void matchesFixture(String name, ConsumerRecord<String, String> record) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode actual = JSON.createObjectNode();
        actual.put("description", "A record of the " + record.topic() + " topic as nlp-service writes it for the "
                + "articles contract's sample article (article-submitted.v1.json).");
        actual.put("key", record.key());
        com.fasterxml.jackson.databind.node.ObjectNode headers = actual.putObject("headers");
        for (String h : List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject", "ce_time", "content-type")) {
            headers.put(h, header(record, h));
        }
        com.fasterxml.jackson.databind.node.ObjectNode value = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(record.value());
        String schema = switch (record.topic()) {
            case Topics.QUOTES -> Fixtures.QUOTES_EXTRACTED_SCHEMA;
            case Topics.PROFILES -> Fixtures.ARTICLE_PROFILED_SCHEMA;
            default -> Fixtures.ENTITIES_EXTRACTED_SCHEMA;
        };
        assertEquals(List.of(), SCHEMAS.getSchema(Fixtures.schema(schema)).validate(value).stream().map(Object::toString).toList(),
                "the event as " + schema + " describes it");
        java.time.Instant.parse(value.get("analyzedAt").asText());
        java.time.Instant.parse(header(record, "ce_time"));
        value.put("analyzedAt", "2020-08-20T16:05:02Z");
        headers.put("ce_time", "2020-08-20T16:05:02Z");
        actual.set("value", value);
        if (value.has("embedding") && !Boolean.getBoolean("contract.update")) {
            // ONNX Runtime's float arithmetic may differ in the last digits between CPUs: the same direction is the same embedding
            JsonNode expected = JSON.readTree(Fixtures.fixture(name)).get("value").get("embedding");
            assertTrue(cosine(expected, value.get("embedding")) > 0.9999, name + ": the embedding");
            value.set("embedding", expected);
        }
        if (Boolean.getBoolean("contract.update")) {
            Files.writeString(Path.of("../contract/src/main/resources/io/quotewire/contract/fixtures", name),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
            return;
        }
        assertEquals(JSON.readTree(Fixtures.fixture(name)), actual, name + " (rewrite with -Dcontract.update=true if the change is meant)");
    }

    /** The first record with {@code key} on {@code topic}, read from the start. */
    private static ConsumerRecord<String, String> await(String topic, String key) {
        try (ConsumerTask<String, String> task = kafka.consumeStrings().fromTopics(Set.of(topic),
                records -> records.filter(r -> key.equals(r.key())).select().first())) {
            task.awaitCompletion(WAIT);
            return task.getFirstRecord();
        }
    }

    private static double cosine(JsonNode a, JsonNode b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.size(); i++) {
            dot += a.get(i).asDouble() * b.get(i).asDouble();
            na += a.get(i).asDouble() * a.get(i).asDouble();
            nb += b.get(i).asDouble() * b.get(i).asDouble();
        }
        return dot / Math.sqrt(na * nb);
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<String> names(JsonNode entities) {
        List<String> names = new ArrayList<>();
        entities.forEach(e -> names.add(e.get("name").asText()));
        return names;
    }

    private static List<String> ids(JsonNode entities) {
        List<String> ids = new ArrayList<>();
        entities.forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }

}
