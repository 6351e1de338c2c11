package io.quotewire.kubernetes;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * KEDA and CloudNativePG publish no model on Maven Central: their resources are checked by the fields this
 * project uses, against the operators' documented schemas (names, types, required fields).
 */
final class FieldChecks {

    private static final Set<String> SCALED_OBJECT_SPEC = Set.of("scaleTargetRef", "pollingInterval", "cooldownPeriod",
            "initialCooldownPeriod", "idleReplicaCount", "minReplicaCount", "maxReplicaCount", "fallback", "advanced",
            "triggers");
    private static final Set<String> SCALE_TARGET = Set.of("name", "apiVersion", "kind", "envSourceContainerName");
    private static final Set<String> TRIGGER = Set.of("type", "name", "metadata", "authenticationRef", "metricType",
            "useCachedMetrics");
    private static final Set<String> KAFKA_TRIGGER = Set.of("bootstrapServers", "consumerGroup", "topic", "lagThreshold",
            "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers", "scaleToZeroOnInvalidOffset",
            "excludePersistentLag", "limitToPartitionsWithLag", "partitionLimitation", "version", "sasl", "tls");
    private static final Set<String> CLUSTER_SPEC = Set.of("instances", "imageName", "storage", "walStorage", "bootstrap",
            "postgresql", "resources", "affinity", "monitoring", "backup", "primaryUpdateStrategy", "primaryUpdateMethod",
            "enableSuperuserAccess", "superuserSecret", "description", "minSyncReplicas", "maxSyncReplicas");

    private FieldChecks() {
    }

    static void scaledObject(JsonNode doc, List<String> problems) {
        String at = Manifests.name(doc);
        JsonNode spec = doc.path("spec");
        only(spec, SCALED_OBJECT_SPEC, at + ".spec", problems);
        only(spec.path("scaleTargetRef"), SCALE_TARGET, at + ".spec.scaleTargetRef", problems);
        text(spec.path("scaleTargetRef"), "name", at + ".spec.scaleTargetRef", problems);
        for (String f : List.of("minReplicaCount", "maxReplicaCount", "pollingInterval", "cooldownPeriod")) {
            if (spec.has(f) && !spec.get(f).isInt()) {
                problems.add(at + ".spec." + f + ": must be an integer");
            }
        }
        if (!spec.path("triggers").isArray() || spec.path("triggers").isEmpty()) {
            problems.add(at + ".spec.triggers: at least one trigger");
        }
        for (JsonNode t : spec.path("triggers")) {
            only(t, TRIGGER, at + ".spec.triggers[]", problems);
            text(t, "type", at + ".spec.triggers[]", problems);
            t.path("metadata").fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    problems.add(at + ".spec.triggers[].metadata." + e.getKey() + ": KEDA trigger metadata values are strings");
                }
            });
            if (t.path("type").asText().equals("kafka")) {
                only(t.path("metadata"), KAFKA_TRIGGER, at + ".spec.triggers[].metadata", problems);
                for (String f : List.of("bootstrapServers", "consumerGroup", "topic", "lagThreshold")) {
                    text(t.path("metadata"), f, at + ".spec.triggers[].metadata", problems);
                }
            }
        }
    }

    static void cnpgCluster(JsonNode doc, List<String> problems) {
        String at = Manifests.name(doc);
        JsonNode spec = doc.path("spec");
        only(spec, CLUSTER_SPEC, at + ".spec", problems);
        if (!spec.path("instances").isInt() || spec.path("instances").asInt() < 1) {
            problems.add(at + ".spec.instances: a positive integer is required");
        }
        text(spec.path("storage"), "size", at + ".spec.storage", problems);
        only(spec.path("bootstrap"), Set.of("initdb", "recovery", "pg_basebackup"), at + ".spec.bootstrap", problems);
        only(spec.path("bootstrap").path("initdb"), Set.of("database", "owner", "secret", "encoding", "localeCollate",
                "localeCType", "dataChecksums", "postInitSQL", "postInitApplicationSQL"), at + ".spec.bootstrap.initdb", problems);
        spec.path("postgresql").path("parameters").fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                problems.add(at + ".spec.postgresql.parameters." + e.getKey() + ": PostgreSQL parameters are strings");
            }
        });
        if (spec.has("resources")) {
            try {
                Manifests.STRICT.treeToValue(spec.get("resources"), io.fabric8.kubernetes.api.model.ResourceRequirements.class);
            } catch (Exception e) {
                problems.add(at + ".spec.resources: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private static void only(JsonNode node, Set<String> allowed, String at, List<String> problems) {
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                problems.add(at + ": unknown field " + f);
            }
        });
    }

    private static void text(JsonNode node, String field, String at, List<String> problems) {
        if (!node.path(field).isTextual() || node.path(field).asText().isBlank()) {
            problems.add(at + "." + field + ": a string is required");
        }
    }
}
