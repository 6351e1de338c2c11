package io.quotewire.nlp.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The learned choice among a quote's speaker candidates: a logistic regression over {@link SpeakerFeatures},
 * trained on PolNeAR's training split by {@code benchmarks/nlp/train.sh} (with Tribuo) and shipped as the
 * resource {@value #RESOURCE}: its version, bias and one weight per feature. A candidate's score is the
 * log-odds that it is the speaker.
 */
public final class SpeakerModel {

    public static final String RESOURCE = "/quotewire/speaker-model.json";

    /** The model shipped with the service, loaded once. */
    static final SpeakerModel SHIPPED = load();

    private final String version;
    private final double bias;
    private final Map<String, Double> weights;

    public SpeakerModel(String version, double bias, Map<String, Double> weights) {
        this.version = version;
        this.bias = bias;
        this.weights = Map.copyOf(weights);
    }

    /** The model shipped with the service. */
    public static SpeakerModel load() {
        try (InputStream in = SpeakerModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            JsonNode json = new ObjectMapper().readTree(in);
            Map<String, Double> weights = new HashMap<>();
            json.get("weights").fields().forEachRemaining(e -> weights.put(e.getKey(), e.getValue().asDouble()));
            return new SpeakerModel(json.get("version").asText(), json.get("bias").asDouble(), weights);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String version() {
        return version;
    }

    public double bias() {
        return bias;
    }

    public Map<String, Double> weights() {
        return weights;
    }

    /** The log-odds that the candidate with these features is the speaker. */
    public double score(List<String> features) {
        double s = bias;
        for (String f : features) {
            s += weights.getOrDefault(f, 0.0);
        }
        return s;
    }
}
