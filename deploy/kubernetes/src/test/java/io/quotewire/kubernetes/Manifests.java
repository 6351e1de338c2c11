package io.quotewire.kubernetes;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * Renders a Kustomize overlay with {@code kubectl kustomize} and validates its objects offline: core objects
 * and Strimzi resources against their typed models (fabric8 Kubernetes model, Strimzi's own API model), with
 * unknown fields and wrong types refused; KEDA and CloudNativePG resources by the fields this project uses.
 */
final class Manifests {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path REPO = MODULE.resolve("../..").normalize();
    static final List<String> OVERLAYS = List.of("overlays/dev", "overlays/production", "overlays/example");
    static final List<String> SERVICES = List.of("ingest-service", "nlp-service", "query-service");

    /** Typed models by apiVersion and kind. */
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class));

    /** Strict: no coercion of scalars ("2" is not 2), no null for primitives. */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    /** The objects an overlay renders to. */
    static List<JsonNode> render(String overlay) throws IOException, InterruptedException {
        Path kubectl = kubectl();
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", MODULE.resolve(overlay).toString())
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + overlay + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return parse(new String(out, StandardCharsets.UTF_8));
    }

    static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    /**
     * kubectl (it carries Kustomize) from the PATH. Without it the manifests cannot be rendered: CI fails, a
     * developer's run skips these tests and says why.
     */
    private static Path kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("kubectl is not on the PATH: CI cannot render the Kustomize overlays");
        }
        Assumptions.abort("kubectl is not on the PATH: the Kustomize overlays are not rendered here");
        return null;
    }

    static String key(JsonNode doc) {
        return doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
    }

    static String name(JsonNode doc) {
        return key(doc) + " " + doc.path("metadata").path("name").asText();
    }

    /** Every problem of one object: empty when it is valid. */
    static List<String> validate(JsonNode doc) {
        List<String> problems = new ArrayList<>();
        String key = key(doc);
        Class<?> model = MODELS.get(key);
        if (model != null) {
            try {
                Object typed = STRICT.treeToValue(doc, model);
                unknownFields(typed, name(doc), problems, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(name(doc) + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        } else if (key.equals("keda.sh/v1alpha1/ScaledObject")) {
            FieldChecks.scaledObject(doc, problems);
        } else if (key.equals("postgresql.cnpg.io/v1/Cluster")) {
            FieldChecks.cnpgCluster(doc, problems);
        } else {
            problems.add(name(doc) + ": no model to validate " + key + " against");
        }
        if (doc.path("metadata").path("name").asText().isEmpty()) {
            problems.add(key + ": metadata.name is missing");
        }
        return problems;
    }

    /**
     * The typed models keep fields they do not know in {@code additionalProperties} rather than failing:
     * any such field, anywhere in the object, is a problem.
     */
    private static void unknownFields(Object o, String path, List<String> problems, Set<Object> seen) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>
                || !seen.add(o)) {
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model") && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class
                    || !(m.getName().startsWith("get") || m.getName().startsWith("is"))) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            String field = m.getName().startsWith("get") ? m.getName().substring(3) : m.getName().substring(2);
            unknownFields(value, path + "." + Character.toLowerCase(field.charAt(0)) + field.substring(1), problems, seen);
        }
    }
}
