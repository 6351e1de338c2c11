package io.quotewire.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.quotewire.embedded.testing.TestInfrastructure;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Reads what really landed on the {@code articles} topic of the test broker, with SmallRye's Kafka companion. */
final class ArticlesTopic {

    /** One companion for the test JVM, on the broker the test resources started. */
    private static final class Holder {
        static final KafkaCompanion KAFKA = new KafkaCompanion(TestInfrastructure.kafka().bootstrapServers());
    }

    private ArticlesTopic() {
    }

    /** The first {@code count} records with {@code key}, read from the start; fails after {@code timeout}. */
    static List<ConsumerRecord<String, String>> await(String key, int count, Duration timeout) {
        try (ConsumerTask<String, String> task = Holder.KAFKA.consumeStrings().fromTopics(Set.of(Topics.ARTICLES),
                records -> records.filter(r -> key.equals(r.key())).select().first(count))) {
            task.awaitCompletion(timeout);
            return task.getRecords();
        }
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
