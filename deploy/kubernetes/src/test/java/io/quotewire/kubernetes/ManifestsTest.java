package io.quotewire.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quotewire.contract.Topics;

/** Every overlay renders, every object in it is valid, and the deployment invariants hold. */
class ManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/production", "overlays/example" })
    void everyRenderedObjectIsValid(String overlay) throws Exception {
        List<JsonNode> docs = Manifests.render(overlay);
        assertFalse(docs.isEmpty(), overlay + " renders nothing");
        List<String> problems = new ArrayList<>();
        docs.forEach(d -> problems.addAll(Manifests.validate(d)));
        assertEquals(List.of(), problems, overlay);
    }

    @Test
    void theValidationRefusesBrokenObjects() throws IOException {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicas: %s
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers: [{name: x, image: x, %s}]
                """;
        assertTrue(Manifests.validate(one(deployment.formatted("1", "imagePullPolicy: Always"))).isEmpty());
        assertFalse(Manifests.validate(one(deployment.formatted("\"2\"", "imagePullPolicy: Always"))).isEmpty(),
                "a string for an integer");
        assertFalse(Manifests.validate(one(deployment.formatted("1", "livenessprobe: {}"))).isEmpty(), "a misspelt field");
        assertFalse(Manifests.validate(one("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: t}
                spec: {partitions: 3, replicas: 3, retention: 1}
                """)).isEmpty(), "a field Strimzi does not have");
        assertFalse(Manifests.validate(one("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: s}
                spec:
                  scaleTargetRef: {name: d}
                  triggers: [{type: kafka, metadata: {bootstrapServers: k, consumerGroup: g, topic: t, lagThreshold: 5}}]
                """)).isEmpty(), "a number in KEDA trigger metadata");
        assertFalse(Manifests.validate(one("""
                apiVersion: v1
                kind: Gadget
                metadata: {name: g}
                """)).isEmpty(), "a kind nothing validates");
    }

    @Test
    void everyDeploymentHasProbesRequestsAndLimits() throws Exception {
        for (String overlay : Manifests.OVERLAYS) {
            for (JsonNode d : kind(Manifests.render(overlay), "Deployment")) {
                for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                    String at = overlay + " " + Manifests.name(d) + " " + c.path("name").asText();
                    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                        assertTrue(c.path(probe).path("httpGet").path("path").asText().startsWith("/q/health"), at + " " + probe);
                    }
                    for (String r : List.of("cpu", "memory")) {
                        assertFalse(c.path("resources").path("requests").path(r).asText().isEmpty(), at + " requests " + r);
                    }
                    assertFalse(c.path("resources").path("limits").path("memory").asText().isEmpty(), at + " memory limit");
                }
                assertTrue(d.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asInt() > 20,
                        overlay + " " + Manifests.name(d) + ": longer than quarkus.shutdown.timeout");
            }
        }
    }

    @Test
    void nlpNeverScalesPastThePartitionsOfArticles() throws Exception {
        for (String overlay : List.of("overlays/production", "overlays/example")) {
            List<JsonNode> docs = Manifests.render(overlay);
            int partitions = kind(docs, "KafkaTopic").stream().filter(t -> t.path("spec").path("topicName").asText().equals("articles"))
                    .findFirst().orElseThrow().path("spec").path("partitions").asInt();
            List<JsonNode> scalers = kind(docs, "ScaledObject");
            assertEquals(1, scalers.size(), overlay);
            JsonNode scaler = scalers.get(0);
            assertEquals("nlp-service", scaler.path("spec").path("scaleTargetRef").path("name").asText());
            assertTrue(scaler.path("spec").path("maxReplicaCount").asInt() <= partitions,
                    overlay + ": KEDA max replicas above the " + partitions + " partitions of articles");
            JsonNode trigger = scaler.path("spec").path("triggers").get(0).path("metadata");
            assertEquals("articles", trigger.path("topic").asText());
            assertEquals(property("nlp-service", "mp.messaging.incoming.articles-in.group.id"), trigger.path("consumerGroup").asText());
            for (String hpa : List.of("ingest-service", "query-service")) {
                assertTrue(kind(docs, "HorizontalPodAutoscaler").stream()
                        .anyMatch(h -> h.path("spec").path("scaleTargetRef").path("name").asText().equals(hpa)), overlay + " " + hpa);
            }
        }
    }

    /** Every service takes its API keys from the one Secret, required where traffic is real; no key is a literal. */
    @Test
    void apiKeysComeFromASecretAndAreRequiredInProduction() throws Exception {
        for (String overlay : Manifests.OVERLAYS) {
            List<JsonNode> docs = Manifests.render(overlay);
            assertTrue(kind(docs, "Secret").isEmpty(), overlay + " holds no Secret: keys are created out of band");
            for (JsonNode d : kind(docs, "Deployment")) {
                String service = d.path("metadata").path("name").asText();
                String variable = "QUOTEWIRE_" + service.replace("-service", "").toUpperCase(java.util.Locale.ROOT) + "_API_KEYS";
                JsonNode env = null;
                for (JsonNode e : d.path("spec").path("template").path("spec").path("containers").get(0).path("env")) {
                    if (e.path("name").asText().equals(variable)) {
                        env = e;
                    }
                }
                assertTrue(env != null, overlay + " " + service + " reads " + variable);
                JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                assertEquals("quotewire-api-keys", ref.path("name").asText(), overlay + " " + service);
                assertEquals("api-keys", ref.path("key").asText(), overlay + " " + service);
                assertTrue(env.path("value").isMissingNode(), overlay + " " + service + ": no literal key");
                boolean production = !overlay.equals("overlays/dev");
                assertEquals(!production, ref.path("optional").asBoolean(), overlay + " " + service + ": keys required");
            }
        }
    }

    @Test
    void everyTopicTheServicesUseIsAKafkaTopic() throws Exception {
        Set<String> used = new TreeSet<>();
        for (String service : Manifests.SERVICES) {
            properties(service).forEach((k, v) -> {
                if (k.toString().matches("mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(topic|dead-letter-queue\\.topic)")) {
                    used.add(v.toString());
                }
            });
        }
        assertTrue(used.containsAll(List.of("articles", "entities", "quotes", "profiles", "articles.dlq", "entities.dlq", "quotes.dlq",
                "profiles.dlq")), used.toString());
        for (String overlay : Manifests.OVERLAYS) {
            Set<String> declared = new HashSet<>();
            kind(Manifests.render(overlay), "KafkaTopic").forEach(t -> declared.add(t.path("spec").path("topicName").asText()));
            assertTrue(declared.containsAll(used), overlay + " declares " + declared + ", the services use " + used);
        }
    }

    /** Each topic keeps its records as the contract says, as the local stack's topics do ({@code Topics.retention}). */
    @Test
    void topicsKeepTheirRecordsAsTheContractSays() throws Exception {
        for (String overlay : Manifests.OVERLAYS) {
            Set<String> declared = new TreeSet<>();
            for (JsonNode t : kind(Manifests.render(overlay), "KafkaTopic")) {
                String topic = t.path("spec").path("topicName").asText();
                declared.add(topic);
                JsonNode config = t.path("spec").path("config");
                Topics.retention(topic).forEach((key, value) -> assertEquals(value,
                        config.path(key).asText(), overlay + ": " + topic + " " + key));
            }
            assertEquals(new TreeSet<>(Topics.ALL), declared, overlay);
        }
    }

    @Test
    void configMapKeysAreConfigurationNamesOfTheirService() throws Exception {
        for (String overlay : Manifests.OVERLAYS) {
            for (JsonNode cm : kind(Manifests.render(overlay), "ConfigMap")) {
                String service = cm.path("metadata").path("name").asText();
                assertTrue(Manifests.SERVICES.contains(service), "a ConfigMap for " + service);
                Set<String> names = new HashSet<>();
                properties(service).keySet().forEach(k -> names.add(envName(k.toString().replaceFirst("^%[a-z]+\\.", ""))));
                mappedNames(service).forEach(k -> names.add(envName(k)));
                cm.path("data").fieldNames().forEachRemaining(k -> assertTrue(names.contains(k),
                        overlay + ": " + k + " is not a configuration name of " + service));
            }
        }
    }

    /** The MicroProfile Config environment name of a property: upper case, every other character an underscore. */
    private static String envName(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static Properties properties(String service) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Manifests.REPO.resolve(service).resolve("src/main/resources/application.properties"))) {
            p.load(r);
        }
        return p;
    }

    private static final java.util.regex.Pattern MAPPING = java.util.regex.Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
    private static final java.util.regex.Pattern NESTED = java.util.regex.Pattern.compile("^\\s+interface (\\w+) \\{");
    private static final java.util.regex.Pattern METHOD = java.util.regex.Pattern.compile("^\\s+[\\w<>, .]+ (\\w+)\\(\\);");

    /**
     * The property names a service's {@code @ConfigMapping} interfaces declare (read from their sources): the
     * prefix, a nested group's name, and each method's name in kebab case.
     */
    private static Set<String> mappedNames(String service) throws IOException {
        Set<String> names = new HashSet<>();
        try (var files = Files.walk(Manifests.REPO.resolve(service).resolve("src/main/java"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                var mapping = MAPPING.matcher(source);
                if (!mapping.find()) {
                    continue;
                }
                String group = "";
                for (String line : source.split("\n")) {
                    var nested = NESTED.matcher(line);
                    if (nested.find()) {
                        group = kebab(nested.group(1)) + ".";
                    }
                    var method = METHOD.matcher(line);
                    if (method.find()) {
                        names.add(mapping.group(1) + "." + group + kebab(method.group(1)));
                    }
                }
            }
        }
        return names;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String property(String service, String key) throws IOException {
        return properties(service).getProperty(key);
    }

    private static List<JsonNode> kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode one(String yaml) throws IOException {
        return Manifests.parse(yaml).get(0);
    }

}
