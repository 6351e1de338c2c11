package io.quotewire.embedded.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quotewire.embedded.Ports;

/**
 * For tests of the HTTP API alone: starts no broker, and points the application's Kafka clients at a port where
 * nothing listens, so that they can never reach a broker running on this machine (a local stack's on 9092).
 * Use it with {@code @WithTestResource(value = NoBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)},
 * and {@link KafkaTestResource} with the same scope in the module's other tests: Quarkus then runs the classes
 * without a broker together, on one application start.
 */
public class NoBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        // the clients' warnings that the address does not answer are expected here: only errors are logged
        return Map.of("kafka.bootstrap.servers", "localhost:" + Ports.freePort(),
                "quarkus.log.category.\"org.apache.kafka.clients.NetworkClient\".level", "ERROR");
    }

    @Override
    public void stop() {
        // nothing was started
    }
}
