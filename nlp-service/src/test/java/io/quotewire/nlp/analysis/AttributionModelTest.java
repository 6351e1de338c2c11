package io.quotewire.nlp.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quotewire.contract.Fixtures;

/**
 * The shipped attribution model fits the code: it is versioned in every event, and it knows the features the
 * analysis produces (a feature renamed without retraining would silently weigh nothing).
 */
class AttributionModelTest {

    @Test
    void theModelVersionIsPartOfTheAnalyzerVersion() {
        AttributionModel model = AttributionModel.load();
        assertTrue(model.version().matches("attribution/[0-9a-f]{8}"), model.version());
        assertTrue(Analyzer.VERSION.endsWith(" " + model.version()), Analyzer.VERSION);
        assertTrue(model.quoteThreshold() >= 0 && model.quoteThreshold() < 1, "threshold " + model.quoteThreshold());
    }

    @Test
    void theModelKnowsTheFeaturesTheAnalysisProducesForTheSeeds() {
        Analyzer analyzer = new Analyzer(Analyzer.DEFAULT_NER_MODEL, false);
        AttributionModel model = AttributionModel.load();
        Set<String> produced = new HashSet<>();
        Set<String> quoteFeatures = new HashSet<>();
        for (String sample : Fixtures.SAMPLES) {
            for (SpeakerCandidates q : analyzer.candidates(Fixtures.sampleText(sample)).apply(model.speaker())) {
                quoteFeatures.addAll(q.quoteFeatures());
                q.options().forEach(o -> produced.addAll(o.features()));
            }
        }
        Set<String> unknown = new HashSet<>(produced);
        unknown.removeAll(model.speaker().weights().keySet());
        assertTrue(produced.size() > 50, "the seeds' candidates have " + produced.size() + " distinct features");
        assertTrue(unknown.size() * 10 < produced.size(), "features the speaker model has no weight for: " + unknown);
        Set<String> unknownQuote = new HashSet<>(quoteFeatures);
        unknownQuote.removeAll(model.quote().weights().keySet());
        assertTrue(unknownQuote.size() * 5 < quoteFeatures.size(), "features the quote model has no weight for: " + unknownQuote);
        assertEquals(model.speaker().bias() + model.speaker().weights().get("rules.choice"),
                model.speaker().score(List.of("rules.choice", "a feature no model has")), 1e-9);
    }

    /** As the models were trained: a feature is present or not, however often the analysis names it. */
    @Test
    void aFeatureNamedTwiceCountsOnce() {
        AttributionModel.Linear model = new AttributionModel.Linear(0.5, java.util.Map.of("nearby.cue", 2.0, "caption", -1.0));
        assertEquals(1.5, model.score(List.of("nearby.cue", "caption", "nearby.cue", "caption")), 1e-9);
        assertEquals(model.score(List.of("nearby.cue", "caption")), model.score(List.of("caption", "nearby.cue", "nearby.cue")), 1e-9);
    }
}
