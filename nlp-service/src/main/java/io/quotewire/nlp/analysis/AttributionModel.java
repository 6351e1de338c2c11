package io.quotewire.nlp.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The learned part of attribution, two linear models trained on PolNeAR's training split by
 * {@code benchmarks/nlp/train.sh} (with Tribuo) and shipped as the resource {@value #RESOURCE}:
 * <ul>
 * <li>{@code speaker} scores each candidate speaker of a quote ({@link SpeakerFeatures}); the highest wins. It
 * is a ranker, trained on pairs of a right and a wrong candidate: its scores order one quote's candidates and
 * mean nothing across quotes;
 * <li>{@code quote} scores whether quoted words are someone's words at all, not a title, a scare quote or a
 * nickname ({@link QuoteFeatures}); quoted words of three or more scoring under {@code threshold} are not
 * reported as quotes.
 * </ul>
 * A score is the bias plus the weights of the features present; the quote model's is a log-odds.
 */
public record AttributionModel(String version, Linear speaker, Linear quote, double quoteThreshold) {

    public static final String RESOURCE = "/quotewire/attribution-model.json";

    /** The model shipped with the service, loaded once. */
    static final AttributionModel SHIPPED = load();

    /** A linear model over binary features by name. */
    public record Linear(double bias, Map<String, Double> weights) {

        public Linear {
            weights = Map.copyOf(weights);
        }

        /**
         * The log-odds for these features. A feature named twice counts once: the models are trained on sets of
         * binary features, whatever the order and repetition of the list that names them.
         */
        public double score(List<String> features) {
            double s = bias;
            Set<String> counted = new HashSet<>(features.size() * 2);
            for (String f : features) {
                if (counted.add(f)) {
                    s += weights.getOrDefault(f, 0.0);
                }
            }
            return s;
        }

        /** The probability for these features. */
        public double probability(List<String> features) {
            return 1 / (1 + Math.exp(-score(features)));
        }
    }

    /** The model shipped with the service. */
    public static AttributionModel load() {
        try (InputStream in = AttributionModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            JsonNode json = new ObjectMapper().readTree(in);
            return new AttributionModel(json.get("version").asText(), linear(json.get("speaker")), linear(json.get("quote")),
                    json.get("quote").path("threshold").asDouble(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Linear linear(JsonNode json) {
        Map<String, Double> weights = new HashMap<>();
        json.get("weights").fields().forEachRemaining(e -> weights.put(e.getKey(), e.getValue().asDouble()));
        return new Linear(json.get("bias").asDouble(), weights);
    }

    /** Whether quoted words with these features count as a quote. */
    boolean isQuote(String quoted, List<String> features) {
        return words(quoted) < 3 || quote.probability(features) >= quoteThreshold;
    }

    static int words(String s) {
        return s.isBlank() ? 0 : s.strip().split("\\s+").length;
    }
}
