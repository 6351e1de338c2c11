package io.quotewire.embedded.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application under test at the JVM's embedded Kafka broker. Use it with
 * {@code @WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES, parallel = true)}
 * on every test class of a module that needs the broker: they share one application start and one broker, and the
 * classes that test the HTTP API alone ({@link NoBrokerTestResource}) run without it.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", TestInfrastructure.kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker belongs to the JVM, not to one application start: see TestInfrastructure
    }
}
