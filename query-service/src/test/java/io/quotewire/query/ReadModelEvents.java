package io.quotewire.query;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quotewire.contract.ConsumerGroups;
import io.quotewire.contract.Fixtures;
import io.quotewire.embedded.testing.TestInfrastructure;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * What the read-model tests send to the real broker and how they wait for query-service to have projected it:
 * the seeds' events, event builders, and the dead-letter topics read back (KafkaCompanion).
 */
final class ReadModelEvents {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(60);

    private ReadModelEvents() {
    }

    /** One companion for the test JVM, on the broker the test resources started. */
    private static final class Holder {
        static final KafkaCompanion KAFKA = new KafkaCompanion(TestInfrastructure.kafka().bootstrapServers());
    }

    static KafkaCompanion kafka() {
        return Holder.KAFKA;
    }

    /** Sends the records in order and waits until the broker has acknowledged every one. */
    static void send(List<ProducerRecord<String, String>> records) {
        kafka().produceStrings().fromRecords(records).awaitCompletion(WAIT);
    }

    /** Every event of both seeds: two articles, their entities, their quotes and their profiles. */
    static List<ProducerRecord<String, String>> seedEvents() throws IOException {
        List<ProducerRecord<String, String>> events = new ArrayList<>();
        JsonNode first = fixture("article-submitted.v1.json");
        events.add(new ProducerRecord<>(Topics.ARTICLES, first.get("key").asText(), first.get("value").toString()));
        JsonNode secondEntities = fixture("entities-extracted.seed-001.json");
        String secondId = secondEntities.get("key").asText();
        ObjectNode second = JSON.createObjectNode();
        second.put("schemaVersion", 1).put("id", secondId)
                .put("revision", secondEntities.get("value").get("revision").asText())
                .put("text", Fixtures.sampleText(Fixtures.SAMPLES.get(1))).put("title", "Iraq's al-Kadhimi in Washington")
                .put("url", "https://www.example.org/world/2020/08/20/kadhimi-pompeo-washington")
                .put("source", "second-outlet").put("publishedAt", "2020-08-20").put("ingestedAt", "2020-08-20T18:00:00Z");
        events.add(new ProducerRecord<>(Topics.ARTICLES, secondId, second.toString()));
        for (String name : List.of("entities-extracted.v1.json", "quotes-extracted.v1.json",
                "entities-extracted.seed-001.json", "quotes-extracted.seed-001.json", "article-profiled.v1.json",
                "article-profiled.seed-001.json")) {
            JsonNode f = fixture(name);
            String topic = name.startsWith("entities") ? Topics.ENTITIES : name.startsWith("quotes") ? Topics.QUOTES : Topics.PROFILES;
            events.add(new ProducerRecord<>(topic, f.get("key").asText(), f.get("value").toString()));
        }
        return events;
    }

    static JsonNode fixture(String name) throws IOException {
        return JSON.readTree(Fixtures.fixture(name));
    }

    /** An article event of another producer: id, text and the time it was ingested. */
    static ProducerRecord<String, String> article(String id, String text, String ingestedAt) throws IOException {
        return new ProducerRecord<>(Topics.ARTICLES, id, JSON.writeValueAsString(Map.of("id", id, "text", text,
                "ingestedAt", ingestedAt)));
    }

    /** An nlp event's envelope for an article: its id, revision r1 and when it was analysed. */
    static ObjectNode envelope(String articleId, String analyzedAt) {
        return JSON.createObjectNode().put("articleId", articleId).put("revision", "r1").put("analyzedAt", analyzedAt);
    }

    /** Adds an entity with one mention of its name to an entities event's list. */
    static void entity(ArrayNode list, String id, String name, String type) {
        ObjectNode e = list.addObject().put("id", id).put("name", name).put("type", type).put("salience", 0.1);
        e.putArray("aliases");
        e.putArray("mentions").addObject().put("start", 0).put("end", name.length()).put("text", name);
    }

    /** An article sent after everything else: once it is visible, everything before it on its topic was processed. */
    static String sendMarker() throws IOException {
        String id = "marker-" + UUID.randomUUID();
        send(List.of(article(id, "A marker article.", "2020-08-21T00:00:00Z")));
        return id;
    }

    /** Until query-service's consumer groups have committed everything on the four topics. */
    static void awaitDrained() {
        List<TopicPartition> partitions = new ArrayList<>();
        kafka().topics().describe(Topics.ARTICLES, Topics.ENTITIES, Topics.QUOTES, Topics.PROFILES).forEach((topic, d) -> d.partitions()
                .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        await().atMost(WAIT).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            ConsumerGroups.QUERY_TOPICS.forEach(t -> committed.putAll(kafka().consumerGroups().offsets(ConsumerGroups.query(t))));
            return kafka().offsets().list(latest).entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                    || committed.containsKey(e.getKey()) && committed.get(e.getKey()).offset() >= e.getValue().offset());
        });
    }

    /** The record with {@code key} on a dead-letter topic, read from the start. */
    static ConsumerRecord<String, String> awaitDeadLetter(String topic, String key) {
        try (ConsumerTask<String, String> task = kafka().consumeStrings().fromTopics(Set.of(topic),
                records -> records.filter(r -> key.equals(r.key())).select().first())) {
            task.awaitCompletion(WAIT);
            return task.getFirstRecord();
        }
    }

    static String reason(ConsumerRecord<String, String> r) {
        var h = r.headers().lastHeader("dead-letter-reason");
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
