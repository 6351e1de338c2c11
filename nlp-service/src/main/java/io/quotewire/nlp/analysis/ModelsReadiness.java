package io.quotewire.nlp.analysis;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the NLP models are loaded: no article waits on a half-started instance. */
@Readiness
@ApplicationScoped
public class ModelsReadiness implements HealthCheck {

    private final Analyzer analyzer;
    private final io.quotewire.nlp.story.Embedder embedder;

    public ModelsReadiness(Analyzer analyzer, io.quotewire.nlp.story.Embedder embedder) {
        this.analyzer = analyzer;
        this.embedder = embedder;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("NLP models").status(analyzer.loaded() && embedder.loaded()).build();
    }
}
